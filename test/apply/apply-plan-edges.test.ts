// applyPlan's edges that no planned plan reaches by itself: a dependency that is not in the plan, one
// that was skipped, and a write that fails with no API answer at all (a bug): each is reported on its
// operation, and the others still run.
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import type { OperationResult } from '../../src/apply/apply-report.js';
import type { RateLimitOptions } from '../../src/apply/execute-operation.js';
import { AdaptiveLimiter } from '../../src/apply/limiter.js';
import { createLosantClient } from '../../src/losant/client.js';
import type { DesiredOrg } from '../../src/model/desired-org.js';
import type { Operation, Plan } from '../../src/model/plan.js';
import {
  everyActionDesired,
  fastApplyOptions,
  isWrite,
  planLive,
  resultFor,
  startApplyEnv,
  statuses,
  type ApplyEnv,
} from './apply-fixtures.js';

let env: ApplyEnv | undefined;
let closeRefused: () => Promise<void> = () => Promise.resolve();
afterEach(async () => {
  await closeRefused();
  closeRefused = () => Promise.resolve();
  await env?.close();
  env = undefined;
});

async function plannedWith(
  change: (ops: Operation[]) => Operation[],
): Promise<{ env: ApplyEnv; plan: Plan }> {
  env = await startApplyEnv();
  const { plan } = await planLive(env, await everyActionDesired());
  const org = plan.orgs[0];
  if (org === undefined) throw new Error('no org planned');
  await env.emulator.control.clearLog();
  return { env, plan: { ...plan, orgs: [{ ...org, operations: change(org.operations) }] } };
}

const isHedy = (op: Operation): boolean => op.target.email === 'hedy@acme-iot.example';

/** small-team.yaml without its property change, where Grace (admin) is no longer declared and Hedy is invited as an admin in her place. */
async function graceReplacedByHedy(): Promise<DesiredOrg[]> {
  const [org] = await everyActionDesired();
  if (org?.members === undefined) throw new Error('no members');
  const members = org.members
    .filter((m) => m.email !== 'grace@acme-iot.example')
    .map((m) =>
      m.email === 'hedy@acme-iot.example'
        ? { ...m, access: { ...m.access, role: 'admin' as const } }
        : m,
    );
  return [{ ...org, properties: {}, members }];
}

/** Rate-limit options whose first wait is cut short by an interrupt (SIGINT, as the CLI gets it). */
function interruptedWhileWaiting(controller: AbortController): RateLimitOptions {
  return {
    maxAttempts: 6,
    wait: () => {
      controller.abort();
      return Promise.reject(new Error('aborted'));
    },
  };
}

describe('applyPlan edges', () => {
  it('an operation that depends on one not in the plan is skipped, saying so; one that depends on it is skipped too', async () => {
    const { env: e, plan } = await plannedWith((ops) =>
      ops.map((op) =>
        isHedy(op)
          ? { ...op, dependsOn: ['nope'] }
          : op.action === 'removeMember'
            ? { ...op, dependsOn: [ops.find(isHedy)?.id ?? ''] }
            : op,
      ),
    );

    const report = await applyPlan(plan, e.client, fastApplyOptions(e));

    const hedy = report.orgs[0]?.operations.find((r) => r.summary.includes('hedy'));
    const ken = report.orgs[0]?.operations.find((r) => r.action === 'removeMember');
    expect(hedy).toMatchObject({
      status: 'skipped',
      attempts: 0,
      reason: 'it depends on operation nope, which did not run',
    });
    expect(ken).toMatchObject({
      status: 'skipped',
      reason: 'it depends on "invite hedy@acme-iot.example (view)", which was skipped',
    });
    expect(report.counts).toEqual({ done: 4, failed: 0, skipped: 2, total: 6 });
    expect(report.ok).toBe(false);
    expect(report.interrupted).toBe(false);
    const written = (await e.emulator.control.log()).filter(isWrite);
    expect(written.some((w) => w.action === 'org.removeMember')).toBe(false);
  });

  it('a write that fails without an API answer (a bug) fails that operation only, with its message', async () => {
    const { env: e, plan } = await plannedWith((ops) =>
      ops.map((op) =>
        op.action === 'modifyMember'
          ? { ...op, body: { ...op.body, extra: 10n } as unknown as typeof op.body }
          : op,
      ),
    );

    const report = await applyPlan(plan, e.client, fastApplyOptions(e));

    expect(statuses(report)).toEqual([
      'done update org properties (description)',
      'done revoke invite 6650f0c1a2b3c4d5e6f70d02 of barbara@acme-iot.example (collaborate)',
      'done invite barbara@acme-iot.example (collaborate)',
      'done invite hedy@acme-iot.example (view)',
      'failed change linus@acme-iot.example (edit -> collaborate)',
      'done remove ken@acme-iot.example (view)',
    ]);
    const failed = report.orgs[0]?.operations.find((r) => r.status === 'failed');
    expect(failed).toMatchObject({ attempts: 1 });
    expect(failed?.error).toMatch(/BigInt/);
    expect(report.orgs[0]?.stopped).toBeUndefined();
  });

  it('the invites sent as planned when reading the pending invites again fails', async () => {
    const { env: e, plan } = await plannedWith((ops) => ops);
    await e.emulator.control.addFaults([
      { action: 'org.pendingInvites', kind: 'status', status: 500, count: 0 },
    ]);

    const report = await applyPlan(plan, e.client, fastApplyOptions(e));

    expect(report.counts).toEqual({ done: 6, failed: 0, skipped: 0, total: 6 });
    const written = (await e.emulator.control.log()).filter(isWrite);
    expect(written.filter((w) => w.action === 'org.inviteMember')).toHaveLength(2);
  });

  it('an interrupt while waiting out a rate limit makes the apply interrupted', async () => {
    // The patch alone: its reason is the only one that says interrupted.
    const { env: e, plan } = await plannedWith((ops) => ops.filter((op) => op.action === 'patch'));
    await e.emulator.control.addFaults([
      { action: 'org.patch', kind: 'status', status: 429, retryAfter: '1', count: 0 },
    ]);
    const controller = new AbortController();

    const report = await applyPlan(
      plan,
      e.client,
      fastApplyOptions(e, {
        signal: controller.signal,
        rateLimit: interruptedWhileWaiting(controller),
      }),
    );

    const patch = report.orgs[0]?.operations.find((r) => r.action === 'patch');
    expect(patch?.reason).toBe(
      'interrupted while waiting out a rate limit (HTTP 429); it was not made',
    );
    expect(report.interrupted).toBe(true);
  });

  it('an admin no longer in the file is removed once every invite and promotion is done', async () => {
    env = await startApplyEnv();
    const { plan } = await planLive(env, await graceReplacedByHedy());

    const report = await applyPlan(plan, env.client, fastApplyOptions(env));

    const grace = report.orgs[0]?.operations.find((r) => r.summary.includes('grace'));
    expect(grace).toMatchObject({ action: 'removeMember', status: 'done' });
    expect(report.ok).toBe(true);
  });

  it('an invite that fails keeps admins from being removed, as a failed promotion does', async () => {
    env = await startApplyEnv();
    const { plan } = await planLive(env, await graceReplacedByHedy());
    await env.emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'status', status: 503, count: 0 },
    ]);

    const report = await applyPlan(plan, env.client, fastApplyOptions(env));

    const grace = report.orgs[0]?.operations.find((r) => r.summary.includes('grace'));
    expect(grace?.status).toBe('skipped');
    expect(grace?.reason).toMatch(
      /^"invite (barbara|hedy)@acme-iot\.example \((collaborate|admin)\)" did not succeed, so no admin is demoted or removed/,
    );
    const graceRemoval = plan.orgs[0]?.operations.find(
      (op) => op.action === 'removeMember' && op.target.email === 'grace@acme-iot.example',
    );
    const graceId = graceRemoval?.action === 'removeMember' ? graceRemoval.query.userId : '';
    expect(graceId).not.toBe('');
    const removed = (await env.emulator.control.log())
      .filter((w) => w.action === 'org.removeMember')
      .map((w) => w.query['userId']);
    expect(removed).not.toContain(graceId);
  });
  it('an apply interrupted before it starts sends and reads nothing; every operation says interrupted', async () => {
    const { env: e, plan } = await plannedWith((ops) => ops);
    const controller = new AbortController();
    controller.abort();

    const report = await applyPlan(
      plan,
      e.client,
      fastApplyOptions(e, { signal: controller.signal }),
    );

    expect(report.orgs[0]?.operations.map((r) => `${r.status}: ${r.reason ?? ''}`)).toEqual(
      Array.from({ length: 6 }, () => 'skipped: interrupted'),
    );
    expect(report.interrupted).toBe(true);
    expect(await e.emulator.control.log()).toEqual([]);
  });

  it('an interrupt while an operation waits for a free slot skips it, and the slot is never taken', async () => {
    // One slot: Hedy's invite waits for it while Barbara's old invite is revoked; that revoke is
    // answered 429, and the interrupt comes while it waits the rate limit out.
    const { env: e, plan } = await plannedWith((ops) => ops);
    await e.emulator.control.addFaults([
      { action: 'org.revokeInvite', kind: 'status', status: 429, retryAfter: '1', count: 0 },
    ]);
    const controller = new AbortController();
    const limiter = new AdaptiveLimiter({ max: 1 });

    const report = await applyPlan(
      plan,
      e.client,
      fastApplyOptions(e, {
        limiter,
        signal: controller.signal,
        rateLimit: interruptedWhileWaiting(controller),
      }),
    );

    expect(statuses(report).slice(1, 4)).toEqual([
      'skipped revoke invite 6650f0c1a2b3c4d5e6f70d02 of barbara@acme-iot.example (collaborate)',
      'skipped invite barbara@acme-iot.example (collaborate)',
      'skipped invite hedy@acme-iot.example (view)',
    ]);
    expect(resultFor(report, 'inviteMember').map((r) => r.reason)).toEqual([
      'interrupted',
      'interrupted',
    ]);
    expect(resultFor(report, 'revokeInvite')[0]?.reason).toBe(
      'interrupted while waiting out a rate limit (HTTP 429); it was not made',
    );
    expect(report.interrupted).toBe(true);
    expect(limiter.inFlight).toBe(0);
    const written = (await e.emulator.control.log()).filter(isWrite);
    expect(new Set(written.map((w) => w.action))).toEqual(
      new Set(['org.patch', 'org.revokeInvite']),
    );
  });

  it('when two writes that stop the org fail at once, the org stops on the one that failed first', async () => {
    // Without the patch, Barbara's revoke and Hedy's invite run first, side by side; a token the API
    // refuses (401) fails both, and each failure stops the org.
    const { env: e, plan } = await plannedWith((ops) => ops.filter((op) => op.action !== 'patch'));
    const refused = createLosantClient({ apiUrl: e.emulator.url, token: 'not-the-token' });
    closeRefused = () => refused.close();
    const done: OperationResult[] = [];

    const report = await applyPlan(
      plan,
      refused,
      fastApplyOptions(e, { onOperationDone: (result) => done.push(result) }),
    );

    const failed = done.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.summary).sort()).toEqual([
      'invite hedy@acme-iot.example (view)',
      'revoke invite 6650f0c1a2b3c4d5e6f70d02 of barbara@acme-iot.example (collaborate)',
    ]);
    expect(report.orgs[0]?.stopped).toBe(
      `${failed[0]?.summary ?? ''} failed: ${failed[0]?.error ?? ''}`,
    );
  });
});
