// applyPlan under the emulator's faults: nothing lost, nothing written twice, nothing outside the plan.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import type { Fault } from '../../src/emulator/server.js';
import type { OperationAction } from '../../src/model/plan.js';
import {
  everyActionDesired,
  expectNoDuplicateInvites,
  expectOnlyPlannedWrites,
  fastApplyOptions,
  isWrite,
  planAndApply,
  planLive,
  remainingOperations,
  resultFor,
  startApplyEnv,
  statuses,
  type ApplyEnv,
  EVERY_ACTION_DONE,
} from './apply-fixtures.js';

let env: ApplyEnv | undefined;

afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** The longest delay a latency fault adds: how long a request given up on may still be running. */
function slowestLatencyMs(faults: readonly Fault[]): number {
  const delays = faults.flatMap((f) =>
    f.kind === 'latency' ? [typeof f.ms === 'number' ? f.ms : f.ms[1]] : [],
  );
  return Math.max(0, ...delays);
}

/** Plans, arms the faults (so they hit the apply, not the planning reads), applies, and checks the invariants. */
async function applyWithFaults(faults: Fault[], options: { requestTimeoutMs?: number } = {}) {
  env = await startApplyEnv(options);
  const desired = await everyActionDesired();
  const { plan } = await planLive(env, desired);
  await env.emulator.control.clearLog();
  await env.emulator.control.addFaults(faults);

  const report = await applyPlan(plan, env.client, fastApplyOptions(env, { settleDelayMs: 300 }));

  const log = await env.emulator.control.log();
  expectOnlyPlannedWrites(log, plan);
  await expectNoDuplicateInvites(env);
  expect(await remainingOperations(env, desired)).toEqual([]);
  // A request the client gave up on is still answered (and logged) late: let it land first.
  await sleep(slowestLatencyMs(faults));
  // A second apply converges: nothing left to write.
  await env.emulator.control.clearLog();
  const second = await planAndApply(env, desired);
  expect(second.report.counts.total).toEqual(0);
  expect((await env.emulator.control.log()).filter(isWrite)).toEqual([]);
  return { report, log, plan };
}

const WRITE_ACTIONS: OperationAction[] = [
  'patch',
  'inviteMember',
  'modifyMember',
  'removeMember',
  'revokeInvite',
];

describe('applyPlan with faults', () => {
  it.each(WRITE_ACTIONS)(
    '%s: a reset after the write was committed, on every attempt, is settled by reading back',
    async (action) => {
      // Three hits: every attempt the client makes of a PATCH or DELETE commits and loses its answer.
      const { report, log } = await applyWithFaults([
        { action: `org.${action}`, kind: 'after-commit', then: 'reset', count: 3 },
      ]);

      expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
      expect(report.ok).toBe(true);
      const [result] = resultFor(report, action);
      expect(result?.note).toMatch(/read-back confirms/);
      expect(result?.attempts).toBe(1);
      const reads = log.filter((e) => e.action === 'org.get' || e.action === 'org.pendingInvites');
      expect(reads.length).toBeGreaterThan(0);
    },
  );

  it.each(WRITE_ACTIONS)(
    '%s: a 5xx after the commit (the answer lost) is settled without writing twice',
    async (action) => {
      const { report, log } = await applyWithFaults([
        { action: `org.${action}`, kind: 'after-commit', then: 'status', status: 502, count: 3 },
      ]);

      expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
      const [result] = resultFor(report, action);
      expect(result?.attempts).toBe(1);
      if (action === 'inviteMember') {
        // POST is never retried blindly: one invite per person.
        expect(log.filter((e) => e.action === 'org.inviteMember').length).toBe(2);
      }
    },
  );

  it('a 5xx before the write (nothing made) is sent again once, after a read-back', async () => {
    const { report, log } = await applyWithFaults([
      { action: 'org.inviteMember', kind: 'status', status: 503, count: 1 },
      { action: 'org.modifyMember', kind: 'status', status: 500, count: 4 },
    ]);

    expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
    const sentAgain = report.orgs[0]?.operations.filter((r) => r.attempts === 2) ?? [];
    // Hedy's invite is the first POST: her group starts with it, Barbara's with the revoke.
    expect(sentAgain.map((r) => r.summary)).toEqual([
      'invite hedy@acme-iot.example (view)',
      'change linus@acme-iot.example (edit -> collaborate)',
    ]);
    expect(log.filter((e) => e.action === 'org.inviteMember').length).toBe(3);
  });

  it('a reset before anything was done on an invite is sent again, after a read-back', async () => {
    const { report, log } = await applyWithFaults([
      { action: 'org.inviteMember', kind: 'reset', count: 1 },
    ]);

    expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
    expect(log.filter((e) => e.action === 'org.inviteMember').length).toBe(3);
    expect(
      resultFor(report, 'inviteMember')
        .map((r) => r.attempts)
        .sort(),
    ).toEqual([1, 2]);
  });

  it('a 429 storm with Retry-After slows the limiter down and everything is still done', async () => {
    const { report } = await applyWithFaults([
      { action: '*', kind: 'status', status: 429, retryAfter: '1', count: 12 },
    ]);

    expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
    expect(env?.limiter.throttleCount).toBeGreaterThan(0);
  });

  it('an invite answered after the client gave up (timeout) is found by the read-back, not sent twice', async () => {
    const { report, log } = await applyWithFaults(
      [{ action: 'org.inviteMember', kind: 'latency', ms: 150, count: 1 }],
      { requestTimeoutMs: 60 },
    );

    expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
    expect(log.filter((e) => e.action === 'org.inviteMember').length).toBe(2);
    const timedOut = resultFor(report, 'inviteMember').filter((r) => r.note !== undefined);
    expect(timedOut.length).toBe(1);
  });

  it('slow PATCH and DELETE answers past the timeout are retried by the client and converge', async () => {
    const { report } = await applyWithFaults(
      [
        { action: 'org.modifyMember', kind: 'latency', ms: 150, count: 1 },
        { action: 'org.removeMember', kind: 'latency', ms: 150, count: 1 },
        { action: 'org.patch', kind: 'latency', ms: 150, count: 1 },
      ],
      { requestTimeoutMs: 60 },
    );

    expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
  });

  it('a write that keeps failing is reported failed with the API message, and the summary says so', async () => {
    const { report } = await applyWithFaultsOnce([
      { action: 'org.removeMember', kind: 'status', status: 500, count: 0 },
    ]);

    expect(statuses(report)).toEqual([
      ...EVERY_ACTION_DONE.slice(0, 5),
      'failed remove ken@acme-iot.example (view)',
    ]);
    const [failed] = resultFor(report, 'removeMember');
    expect(failed?.attempts).toBe(2);
    expect(failed?.error).toMatch(/HTTP 500 .*a read-back shows it was not made$/);
    expect(report.ok).toBe(false);
    expect(report.counts).toEqual({ done: 5, failed: 1, skipped: 0, total: 6 });
  });
});

/** Applies once with faults that never end: no convergence expected. */
async function applyWithFaultsOnce(faults: Fault[]) {
  env = await startApplyEnv();
  const desired = await everyActionDesired();
  const { plan } = await planLive(env, desired);
  await env.emulator.control.addFaults(faults);
  const report = await applyPlan(plan, env.client, fastApplyOptions(env));
  await env.emulator.control.clearFaults();
  return { report, plan };
}
