// runApplyFlow: the one apply sequence of the CLI and the Action (plan, refuse, ask, apply, verify).
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationResult } from '../../src/apply/apply-report.js';
import { StalePlanError } from '../../src/apply/saved-plan.js';
import { runApplyFlow } from '../../src/core/apply-flow.js';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import type { DesiredOrg } from '../../src/model/desired-org.js';
import type { Plan } from '../../src/model/plan.js';
import { PlanRefusedError } from '../../src/plan/plan-refused-error.js';
import {
  EVERY_ACTION_DONE,
  NOW,
  everyActionDesired,
  isWrite,
  planLive,
  startApplyEnv,
  statuses,
  type ApplyEnv,
} from '../apply/apply-fixtures.js';

let env: ApplyEnv | undefined;

afterEach(async () => {
  await env?.close();
  env = undefined;
});

const MARGARET = '6650f0c1a2b3c4d5e6f70a04';

async function writesIn(e: ApplyEnv): Promise<string[]> {
  return (await e.emulator.control.log()).filter(isWrite).map((x) => `${x.action ?? ''}`);
}

function flowOptions(e: ApplyEnv) {
  return {
    api: e.client,
    now: () => NOW,
    limiter: e.limiter,
    rateLimit: { maxAttempts: 6, maxWaitMs: 4, baseDelayMs: 1 },
    settleDelayMs: 0,
  };
}

describe('runApplyFlow', () => {
  it('shows the plan, asks once, applies it, verifies the org and summarizes', async () => {
    env = await startApplyEnv();
    const desired = await everyActionDesired();
    await env.emulator.control.clearLog();
    const shown: Plan[] = [];
    const asked: Plan[] = [];
    const done: OperationResult[] = [];
    const calls: string[] = [];

    const result = await runApplyFlow(
      { kind: 'files', desired },
      {
        ...flowOptions(env),
        showPlan: (plan) => {
          shown.push(plan);
          calls.push('show');
        },
        beforeWrite: (plan) => {
          asked.push(plan);
          calls.push('ask');
          return Promise.resolve(true);
        },
        duringWrites: () => {
          calls.push('writes start');
          return () => calls.push('writes over');
        },
        onOperationDone: (r) => done.push(r),
      },
    );

    expect(result.status).toBe('applied');
    if (result.status !== 'applied') return;
    expect(calls).toEqual(['show', 'ask', 'writes start', 'writes over']);
    expect(shown).toEqual([result.plan]);
    expect(asked).toEqual([result.plan]);
    expect(statuses(result.report)).toEqual(EVERY_ACTION_DONE);
    expect(done).toHaveLength(EVERY_ACTION_DONE.length);
    expect(result.report.ok).toBe(true);
    expect(result.report.verification).toEqual({
      matches: true,
      orgs: [{ orgId: DEMO_ORG_ID, matches: true, differences: [], awaiting: 3 }],
    });
    expect(result.summary).toContain('6 done');
    // The verification read the org again after the last write.
    const log = await env.emulator.control.log();
    const lastWrite = log.map(isWrite).lastIndexOf(true);
    expect(log.slice(lastWrite + 1).map((e) => e.action)).toEqual(
      expect.arrayContaining(['org.get', 'org.pendingInvites']),
    );
  });

  it('verifies against the files: a change made meanwhile makes the report not ok', async () => {
    env = await startApplyEnv();
    const desired = await everyActionDesired();
    const e = env;

    const result = await runApplyFlow(
      { kind: 'files', desired },
      {
        ...flowOptions(e),
        // Someone else changes Margaret (whom the plan leaves alone) before the writes.
        beforeWrite: async () => {
          await e.client.modifyMember(DEMO_ORG_ID, { userId: MARGARET, role: 'view' });
          return true;
        },
      },
    );

    expect(result.status).toBe('applied');
    if (result.status !== 'applied') return;
    expect(result.report.counts.done).toBe(EVERY_ACTION_DONE.length);
    expect(result.report.ok).toBe(false);
    expect(result.report.verification?.matches).toBe(false);
    expect(result.report.verification?.orgs[0]?.differences).toEqual([
      '~ change margaret@acme-iot.example: role view -> collaborate',
    ]);
  });

  it('writes nothing when beforeWrite says no', async () => {
    env = await startApplyEnv();
    await env.emulator.control.clearLog();

    const result = await runApplyFlow(
      { kind: 'files', desired: await everyActionDesired() },
      { ...flowOptions(env), beforeWrite: () => Promise.resolve(false) },
    );

    expect(result.status).toBe('cancelled');
    expect(await writesIn(env)).toEqual([]);
  });

  it('a refused plan: onRefused is told, beforeWrite is never asked, nothing is written', async () => {
    env = await startApplyEnv();
    const [org] = await everyActionDesired();
    if (org === undefined) throw new Error('no org');
    const desired: DesiredOrg[] = [{ ...org, policy: { ...org.policy, maxRemovals: 0 } }];
    await env.emulator.control.clearLog();
    const refusedWith: PlanRefusedError[] = [];
    let asked = false;

    const run = runApplyFlow(
      { kind: 'files', desired },
      {
        ...flowOptions(env),
        onRefused: (_plan, refusal) => {
          refusedWith.push(refusal);
        },
        beforeWrite: () => {
          asked = true;
          return Promise.resolve(true);
        },
      },
    );

    await expect(run).rejects.toBeInstanceOf(PlanRefusedError);
    expect(refusedWith.map((r) => r.refusals.map((x) => x.guard))).toEqual([['maxRemovals']]);
    expect(asked).toBe(false);
    expect(await writesIn(env)).toEqual([]);
  });

  it('nothing to do: an empty report, beforeWrite never asked', async () => {
    env = await startApplyEnv();
    const desired = await everyActionDesired();
    await runApplyFlow({ kind: 'files', desired }, flowOptions(env));
    let asked = false;

    const result = await runApplyFlow(
      { kind: 'files', desired },
      {
        ...flowOptions(env),
        beforeWrite: () => {
          asked = true;
          return Promise.resolve(true);
        },
      },
    );

    expect(result.status).toBe('nothing-to-do');
    expect(asked).toBe(false);
    if (result.status !== 'nothing-to-do') return;
    expect(result.report).toEqual({
      ok: true,
      interrupted: false,
      counts: { done: 0, failed: 0, skipped: 0, total: 0 },
      orgs: [
        {
          orgId: DEMO_ORG_ID,
          orgName: 'Acme IoT',
          file: desired[0]?.file,
          counts: { done: 0, failed: 0, skipped: 0, total: 0 },
          operations: [],
        },
      ],
    });
  });

  it('a saved plan is applied when current and verified operation by operation; refused when stale', async () => {
    env = await startApplyEnv();
    const desired = await everyActionDesired();
    const { plan } = await planLive(env, desired);

    const result = await runApplyFlow({ kind: 'saved', file: 'plan.json', plan }, flowOptions(env));

    expect(result.status).toBe('applied');
    if (result.status !== 'applied') return;
    expect(result.report.verification).toEqual({
      matches: true,
      orgs: [{ orgId: DEMO_ORG_ID, matches: true, differences: [], awaiting: 2 }],
    });
    await env.emulator.control.clearLog();
    await expect(
      runApplyFlow({ kind: 'saved', file: 'plan.json', plan }, flowOptions(env)),
    ).rejects.toBeInstanceOf(StalePlanError);
    expect(await writesIn(env)).toEqual([]);
  });
});
