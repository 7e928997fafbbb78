// One write and how its doubts are settled, driven on its own against the emulator: the backoff of a
// 429 without Retry-After, an interrupt while waiting, a 404 that is already done or is not, a write
// whose read-back fails too, an invite sent again once and no more, an interrupt after a lost answer.
import { afterEach, describe, expect, it } from 'vitest';
import { executeOperation, type ExecuteContext } from '../../src/apply/execute-operation.js';
import { AdaptiveLimiter } from '../../src/apply/limiter.js';
import { createLosantClient } from '../../src/losant/client.js';
import type { LosantApi } from '../../src/losant/api.js';
import type { Operation } from '../../src/model/plan.js';
import {
  everyActionDesired,
  instantWaits,
  planLive,
  startApplyEnv,
  type ApplyEnv,
  FAST_RETRY,
} from './apply-fixtures.js';
import { startProxy } from './forward-request.js';

/** Not invited yet (Barbara's invite is a re-send, after its revoke). */
const HEDY = 'hedy@acme-iot.example';

let env: ApplyEnv | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await env?.close();
  env = undefined;
});

/**
 * A client through a proxy that answers the first `count` requests of `method` with a bare 429 (no
 * Retry-After, which the emulator always sends), and passes everything else on to the emulator.
 */
async function throughBare429s(e: ApplyEnv, method: string, count: number): Promise<LosantApi> {
  let left = count;
  const proxy = await startProxy(e.emulator.url, (req, res, pass) => {
    if (req.method !== method || left === 0) return pass.now();
    left -= 1;
    res.writeHead(429, { 'content-type': 'application/json' });
    res.end('{"type":"TooManyRequests","message":"slow down"}');
  });
  const api = createLosantClient({
    apiUrl: proxy.url,
    token: e.emulator.token,
    retry: FAST_RETRY,
  });
  closers.push(async () => {
    await api.close();
    await proxy.close();
  });
  return api;
}

/** The emulator with the demo org, and the planned operation of this action (the small-team example). */
async function planned(
  action: Operation['action'],
  email?: string,
): Promise<{ env: ApplyEnv; op: Operation }> {
  env = await startApplyEnv();
  const { plan } = await planLive(env, await everyActionDesired());
  const op = plan.orgs[0]?.operations.find(
    (o) => o.action === action && (email === undefined || o.target.email === email),
  );
  if (op === undefined) throw new Error(`no ${action} planned`);
  return { env, op };
}

function context(e: ApplyEnv, extra: Partial<ExecuteContext> = {}): ExecuteContext {
  return {
    api: e.client,
    limiter: e.limiter,
    readBack: { revokedInviteIds: new Set() },
    rateLimit: { maxAttempts: 5, baseDelayMs: 10, wait: instantWaits() },
    settleDelayMs: 0,
    resendWaitMs: 0,
    ...extra,
  };
}

async function writes(e: ApplyEnv, action: string): Promise<number> {
  return (await e.emulator.control.log()).filter((entry) => entry.action === action).length;
}

describe('executeOperation', () => {
  it('an invite answered 429 (perhaps made): read back, then sent again after the base delay, doubled each time', async () => {
    const { env: e, op } = await planned('inviteMember', HEDY);
    const api = await throughBare429s(e, 'POST', 3);
    await e.emulator.control.clearLog();
    const waits: number[] = [];

    const outcome = await executeOperation(op, {
      ...context(e, { rateLimit: { maxAttempts: 5, baseDelayMs: 10, wait: instantWaits(waits) } }),
      api,
    });

    expect(outcome).toEqual({ status: 'done', attempts: 4 });
    expect(waits).toEqual([10, 20, 40]);
    expect(e.limiter.throttleCount).toBe(3);
    expect(await writes(e, 'org.inviteMember')).toBe(1);
  });

  it("a change still answered 429 after the client's own tries is sent again after the base delay", async () => {
    const { env: e, op } = await planned('modifyMember');
    // The client tries 3 times itself (FAST_RETRY), then apply waits and sends again.
    const api = await throughBare429s(e, 'PATCH', 3);
    const waits: number[] = [];

    const outcome = await executeOperation(op, {
      ...context(e, { rateLimit: { maxAttempts: 5, baseDelayMs: 10, wait: instantWaits(waits) } }),
      api,
    });

    expect(outcome).toEqual({ status: 'done', attempts: 2 });
    expect(waits).toEqual([10]);
  });

  it('a 429 after the limit of attempts fails the write with the API message, not stopping the org', async () => {
    const { env: e, op } = await planned('inviteMember', HEDY);
    const api = await throughBare429s(e, 'POST', 100);
    const waits: number[] = [];

    const outcome = await executeOperation(op, {
      ...context(e, { rateLimit: { maxAttempts: 3, baseDelayMs: 10, wait: instantWaits(waits) } }),
      api,
    });

    expect(outcome).toMatchObject({ status: 'failed', attempts: 3, stopsOrg: false });
    expect(outcome.status === 'failed' ? outcome.error : '').toMatch(/429/);
    expect(waits).toEqual([10, 20]);
  });

  it('a change made but answered 429 after a lost answer is found by reading back, not sent again', async () => {
    const { env: e, op } = await planned('modifyMember');
    await e.emulator.control.addFaults([
      { action: 'org.modifyMember', kind: 'after-commit', then: 'status', status: 502, count: 1 },
      { action: 'org.modifyMember', kind: 'status', status: 429, count: 2 },
    ]);

    const outcome = await executeOperation(op, context(e));

    expect(outcome).toEqual({
      status: 'done',
      attempts: 1,
      note: 'the API answered 429 and a read-back shows it was made all the same',
    });
  });

  it('an interrupt while waiting out a 429 skips the write and says it was not made', async () => {
    const { env: e, op } = await planned('modifyMember');
    await e.emulator.control.addFaults([
      { action: 'org.modifyMember', kind: 'status', status: 429, count: 0 },
    ]);
    const controller = new AbortController();
    controller.abort();
    const waits: number[] = [];

    const outcome = await executeOperation(
      op,
      context(e, { signal: controller.signal, rateLimit: { wait: instantWaits(waits) } }),
    );

    expect(outcome).toEqual({
      status: 'skipped',
      attempts: 1,
      reason: 'interrupted while waiting out a rate limit (HTTP 429); it was not made',
    });
    expect(waits).toEqual([]);
  });

  it('a wait cut short (the wait rejects) is an interrupt too', async () => {
    const { env: e, op } = await planned('removeMember');
    await e.emulator.control.addFaults([
      { action: 'org.removeMember', kind: 'status', status: 429, count: 0 },
    ]);

    const outcome = await executeOperation(
      op,
      context(e, { rateLimit: { wait: () => Promise.reject(new Error('cut short')) } }),
    );

    expect(outcome.status).toBe('skipped');
    expect(outcome).toMatchObject({ attempts: 1 });
  });

  it('a 404 for a removal already made is done, confirmed by reading back', async () => {
    const { env: e, op } = await planned('removeMember');
    if (op.action !== 'removeMember') throw new Error('expected a removal');
    await e.client.removeMember(op.orgId, op.query.userId);

    const outcome = await executeOperation(op, context(e));

    expect(outcome).toEqual({
      status: 'done',
      attempts: 1,
      note: 'the API answered 404 and a read-back confirms it is already done',
    });
  });

  it('a 404 for a change of someone no longer a member fails with the API message, not sent again', async () => {
    const { env: e, op } = await planned('modifyMember');
    if (op.action !== 'modifyMember') throw new Error('expected a change');
    await e.client.removeMember(op.orgId, op.target.userId);
    await e.emulator.control.clearLog();

    const outcome = await executeOperation(op, context(e));

    expect(outcome).toMatchObject({ status: 'failed', attempts: 1, stopsOrg: false });
    expect(outcome.status === 'failed' ? outcome.error : '').toMatch(/404/);
    expect(await writes(e, 'org.modifyMember')).toBe(1);
  });

  it('an invite whose answer is lost is sent again once; lost again, it fails and says it was not made', async () => {
    const { env: e, op } = await planned('inviteMember', HEDY);
    await e.emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'status', status: 503, count: 2 },
    ]);
    await e.emulator.control.clearLog();

    const outcome = await executeOperation(op, context(e));

    expect(outcome).toMatchObject({ status: 'failed', attempts: 2, stopsOrg: false });
    expect(outcome.status === 'failed' ? outcome.error : '').toMatch(
      /HTTP 503.*; a read-back shows it was not made$/,
    );
    expect(await writes(e, 'org.inviteMember')).toBe(2);
  });

  it('an invite whose answer is lost once is sent again and says why', async () => {
    const { env: e, op } = await planned('inviteMember', HEDY);
    await e.emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'status', status: 503, count: 1 },
    ]);

    const outcome = await executeOperation(op, context(e));

    expect(outcome).toEqual({
      status: 'done',
      attempts: 2,
      note: 'the first answer was lost and a read-back showed it was not made, so it was sent again',
    });
  });

  it('an interrupt after a lost answer that was not made: skipped, not sent again', async () => {
    const { env: e, op } = await planned('inviteMember', HEDY);
    await e.emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'status', status: 503, count: 1 },
    ]);
    await e.emulator.control.clearLog();
    const controller = new AbortController();
    controller.abort();

    const outcome = await executeOperation(op, context(e, { signal: controller.signal }));

    expect(outcome).toEqual({
      status: 'skipped',
      attempts: 1,
      reason:
        'interrupted: the answer was lost, a read-back shows it was not made, and it was not sent again',
    });
    expect(await writes(e, 'org.inviteMember')).toBe(1);
  });

  it('a lost answer whose read-back fails too: failed, both said, the org not stopped', async () => {
    const { env: e, op } = await planned('inviteMember', HEDY);
    await e.emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'after-commit', then: 'status', status: 502, count: 1 },
      { action: 'org.pendingInvites', kind: 'status', status: 503, count: 0 },
    ]);

    const outcome = await executeOperation(op, context(e));

    expect(outcome).toMatchObject({ status: 'failed', attempts: 1, stopsOrg: false });
    expect(outcome.status === 'failed' ? outcome.error : '').toMatch(
      /HTTP 502.*; reading the org back to check failed too: .*503/,
    );
  });

  it('an invite made but answered 429 is found by reading back, not sent twice', async () => {
    const { env: e, op } = await planned('inviteMember', HEDY);
    await e.emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'after-commit', then: 'status', status: 429, count: 1 },
    ]);
    await e.emulator.control.clearLog();

    const outcome = await executeOperation(op, context(e));

    expect(outcome).toEqual({
      status: 'done',
      attempts: 1,
      note: 'the API answered 429 and a read-back shows it was made all the same',
    });
    expect(await writes(e, 'org.inviteMember')).toBe(1);
    const invites = await e.client.pendingInvites(op.orgId);
    const email = op.action === 'inviteMember' ? op.target.email : '';
    expect(invites.filter((i) => i.email === email)).toHaveLength(1);
  });
  it('without rate limit options the wait is a timer, and an interrupt cuts it short', async () => {
    const { env: e, op } = await planned('modifyMember');
    await e.emulator.control.addFaults([
      { action: 'org.modifyMember', kind: 'status', status: 429, count: 0 },
    ]);
    const controller = new AbortController();
    // The interrupt comes once the wait has begun (the emulator asks for 1 s).
    class InterruptWhenThrottled extends AdaptiveLimiter {
      override throttled(): void {
        super.throttled();
        queueMicrotask(() => controller.abort());
      }
    }
    const noRateLimit: ExecuteContext = {
      ...context(e, { limiter: new InterruptWhenThrottled({ max: 1 }), signal: controller.signal }),
      rateLimit: undefined,
    };

    const outcome = await executeOperation(op, noRateLimit);

    expect(outcome).toEqual({
      status: 'skipped',
      attempts: 1,
      reason: 'interrupted while waiting out a rate limit (HTTP 429); it was not made',
    });
  });

  it('an interrupt while waiting out a 429 on an invite a read-back shows not made says so', async () => {
    const { env: e, op } = await planned('inviteMember', HEDY);
    await e.emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'status', status: 429, count: 0 },
    ]);

    const outcome = await executeOperation(
      op,
      context(e, { rateLimit: { wait: () => Promise.reject(new Error('cut short')) } }),
    );

    expect(outcome).toEqual({
      status: 'skipped',
      attempts: 1,
      reason:
        'interrupted while waiting out a rate limit (HTTP 429); a read-back shows it was not made',
    });
  });

  it('a write the API refuses outright (400) fails at once: not read back, not sent again', async () => {
    const { env: e, op } = await planned('modifyMember');
    if (op.action !== 'modifyMember') throw new Error('expected a change');
    await e.emulator.control.clearLog();

    const outcome = await executeOperation(
      { ...op, body: { ...op.body, role: 'superuser' as 'admin' } },
      context(e),
    );

    expect(outcome).toMatchObject({ status: 'failed', attempts: 1, stopsOrg: false });
    expect(outcome.status === 'failed' ? outcome.error : '').toMatch(/400/);
    expect((await e.emulator.control.log()).map((entry) => entry.action)).toEqual([
      'org.modifyMember',
    ]);
  });

  // The settle and resend waits are for answers that never came; here they are an hour long, so a
  // write that waited for either would never finish.
  const HOUR = 3_600_000;

  it('an invite answered 503 is read back and sent again at once', async () => {
    const { env: e, op } = await planned('inviteMember', HEDY);
    await e.emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'status', status: 503, count: 1 },
    ]);

    const outcome = await executeOperation(
      op,
      context(e, { settleDelayMs: HOUR, resendWaitMs: HOUR }),
    );

    expect(outcome).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('an invite whose answer was lost and that was made is done at once, with no second read', async () => {
    const { env: e, op } = await planned('inviteMember', HEDY);
    await e.emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'after-commit', then: 'reset', count: 1 },
    ]);

    await e.emulator.control.clearLog();

    const outcome = await executeOperation(op, context(e, { resendWaitMs: HOUR }));

    expect(outcome).toEqual({
      status: 'done',
      attempts: 1,
      note: 'the answer was lost and a read-back confirms it was made',
    });
    expect(await writes(e, 'org.pendingInvites')).toBe(1);
  });

  it('a change whose answer was lost and that was not made is sent again without the wait of an invite', async () => {
    const { env: e, op } = await planned('modifyMember');
    // The client tries 3 times itself (FAST_RETRY); the fourth send goes through.
    await e.emulator.control.addFaults([{ action: 'org.modifyMember', kind: 'reset', count: 3 }]);

    const outcome = await executeOperation(op, context(e, { resendWaitMs: HOUR }));

    expect(outcome).toEqual({
      status: 'done',
      attempts: 2,
      note: 'the first answer was lost and a read-back showed it was not made, so it was sent again',
    });
  });

  it('the answer of a write is not read: a 200 is done whatever its body', async () => {
    const { env: e, op } = await planned('modifyMember');
    // The org a write is answered with can be 2 MB; apply never parses it. Here it is not an org at all.
    const proxy = await startProxy(e.emulator.url, (req, res, pass) => {
      if (req.method !== 'PATCH') return pass.now();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"not":"an org"}');
    });
    closers.push(() => proxy.close());
    const api = createLosantClient({ apiUrl: proxy.url, token: e.emulator.token });
    closers.push(() => api.close());

    const outcome = await executeOperation(op, { ...context(e), api });

    expect(outcome).toEqual({ status: 'done', attempts: 1 });
  });
});
