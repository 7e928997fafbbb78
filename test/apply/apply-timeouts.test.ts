// applyPlan when answers come after the client gave up (request timeouts of tens of ms): the
// read-back finds what was made, nothing is sent twice. Timing-dependent, so left out of mutation runs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLosantClient } from '../../src/losant/client.js';
import { forwardRequest } from './forward-request.js';
import { executeOperation, type ExecuteContext } from '../../src/apply/execute-operation.js';
import {
  everyActionDesired,
  planLive,
  resultFor,
  startApplyEnv,
  statuses,
  EVERY_ACTION_DONE,
  type ApplyEnv,
} from './apply-fixtures.js';
import { applyWithFaults, closeFaultEnvs } from './fault-fixtures.js';

let env: ApplyEnv | undefined;
let proxy: Server | undefined;
let closeClient: () => Promise<void> = () => Promise.resolve();
afterEach(async () => {
  await closeClient();
  closeClient = () => Promise.resolve();
  if (proxy !== undefined) {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy?.close(resolve));
    proxy = undefined;
  }
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
  // Every try of a change times out (60 ms) while a proxy holds each for 300 ms before the server
  // carries it out: the read-back waits the settle delay first, so it finds the change made and does
  // not send it again.
  it.each([
    ['a settle delay of 1 s', { settleDelayMs: 1_000 }],
    ['the default settle delay', {}],
  ])(
    'a change whose every answer was lost is read back after %s and found made',
    async (_, settle) => {
      env = await startApplyEnv();
      const { plan } = await planLive(env, await everyActionDesired());
      const op = plan.orgs[0]?.operations.find((o) => o.action === 'modifyMember');
      if (op === undefined) throw new Error('no change planned');
      const upstream = new URL(env.emulator.url);
      proxy = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const forward = (): void => forwardRequest(upstream, req, Buffer.concat(chunks), res);
          if (req.method === 'PATCH') setTimeout(forward, 300);
          else forward();
        });
      });
      await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
      const api = createLosantClient({
        apiUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
        token: env.emulator.token,
        requestTimeoutMs: 60,
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 4 },
      });
      closeClient = () => api.close();
      const context: ExecuteContext = {
        api,
        limiter: env.limiter,
        readBack: { revokedInviteIds: new Set() },
        resendWaitMs: 0,
        ...settle,
      };

      const outcome = await executeOperation(op, context);

      expect(outcome).toEqual({
        status: 'done',
        attempts: 1,
        note: 'the answer was lost and a read-back confirms it was made',
      });
    },
  );
});
