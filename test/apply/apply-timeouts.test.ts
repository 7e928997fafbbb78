// applyPlan when answers come after the client gave up (request timeouts of tens of ms): the
// read-back finds what was made, nothing is sent twice. Timing-dependent, so left out of mutation runs.
import { afterEach, describe, expect, it } from 'vitest';
import { createLosantClient } from '../../src/losant/client.js';
import { startProxy, type TestProxy } from './forward-request.js';
import { executeOperation, type ExecuteContext } from '../../src/apply/execute-operation.js';
import type { Operation } from '../../src/model/plan.js';
import {
  everyActionDesired,
  planLive,
  resultFor,
  startApplyEnv,
  statuses,
  EVERY_ACTION_DONE,
  type ApplyEnv,
  FAST_RETRY,
} from './apply-fixtures.js';
import { applyWithFaults, closeFaultEnvs } from './fault-fixtures.js';

let env: ApplyEnv | undefined;
let proxy: TestProxy | undefined;
let closeClient: () => Promise<void> = () => Promise.resolve();
afterEach(async () => {
  await closeClient();
  closeClient = () => Promise.resolve();
  await proxy?.close();
  proxy = undefined;
  await closeFaultEnvs();
  await env?.close();
  env = undefined;
});

describe('applyPlan with answers past the request timeout', () => {
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
  // A proxy holds every PATCH for 1 s before the server carries it out, while the client gives up on
  // each of its 3 tries after 150 ms. After the settle delay the change is found made and not sent
  // again; read back at once, it is not made yet and is sent again (harmless for a change).
  async function heldChange(settle: Partial<ExecuteContext>): Promise<{
    op: Operation;
    context: ExecuteContext;
  }> {
    const e = await startApplyEnv();
    env = e;
    const { plan } = await planLive(e, await everyActionDesired());
    const op = plan.orgs[0]?.operations.find((o) => o.action === 'modifyMember');
    if (op === undefined) throw new Error('no change planned');
    proxy = await startProxy(e.emulator.url, (req, _res, pass) => {
      if (req.method === 'PATCH') pass.after(1_000);
      else pass.now();
    });
    const api = createLosantClient({
      apiUrl: proxy.url,
      token: e.emulator.token,
      requestTimeoutMs: 150,
      retry: FAST_RETRY,
    });
    closeClient = () => api.close();
    const context: ExecuteContext = {
      api,
      limiter: e.limiter,
      readBack: { revokedInviteIds: new Set() },
      resendWaitMs: 0,
      ...settle,
    };
    return { op, context };
  }

  it.each([
    ['a settle delay of 1.5 s', { settleDelayMs: 1_500 }],
    ['the default settle delay (1 s)', {}],
  ])(
    'a change whose every answer was lost is read back after %s and found made',
    async (_, settle) => {
      const { op, context } = await heldChange(settle);

      const outcome = await executeOperation(op, context);

      expect(outcome).toEqual({
        status: 'done',
        attempts: 1,
        note: 'the answer was lost and a read-back confirms it was made',
      });
    },
  );

  it('with no settle delay, the same change is read back too early, found not made and sent again', async () => {
    const { op, context } = await heldChange({ settleDelayMs: 0 });

    const outcome = await executeOperation(op, context);

    // Whether the second send is then found made depends on when the first one lands: not asserted.
    expect(outcome.attempts).toBe(2);
  });
});
