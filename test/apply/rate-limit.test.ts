// A 429 on a write: sent again after the wait Retry-After names, capped at maxWaitMs.
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/emulator/server.js';
import {
  everyActionDesired,
  instantWaits,
  planAndApply,
  startApplyEnv,
  statuses,
  EVERY_ACTION_DONE,
  type ApplyEnv,
} from './apply-fixtures.js';

let env: ApplyEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

function rateLimited(count: number, retryAfter?: string): Fault {
  return {
    action: 'org.inviteMember',
    kind: 'status',
    status: 429,
    ...(retryAfter === undefined ? {} : { retryAfter }),
    count,
  };
}

describe('a write answered 429', () => {
  it.each([
    ['Retry-After: 3 is waited, then the write is sent again', rateLimited(1, '3'), {}, [3000]],
    ['each 429 waits its Retry-After', rateLimited(2, '2'), {}, [2000, 2000]],
    [
      'a Retry-After longer than maxWaitMs waits maxWaitMs',
      rateLimited(1, '120'),
      { maxWaitMs: 30_000 },
      [30_000],
    ],
  ])('%s', async (_name, fault, limits, expected) => {
    env = await startApplyEnv();
    await env.emulator.control.addFaults([fault]);
    const waits: number[] = [];

    const { report } = await planAndApply(env, await everyActionDesired(), {
      rateLimit: { maxAttempts: 6, baseDelayMs: 1, ...limits, wait: instantWaits(waits) },
    });

    expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
    expect(waits).toEqual(expected);
  });

  it('fails the write after maxAttempts 429s, waiting between them only', async () => {
    env = await startApplyEnv();
    await env.emulator.control.addFaults([rateLimited(0, '1')]);
    const waits: number[] = [];

    const { report } = await planAndApply(env, await everyActionDesired(), {
      rateLimit: { maxAttempts: 3, wait: instantWaits(waits) },
    });

    const invites = report.orgs
      .flatMap((o) => o.operations)
      .filter((r) => r.action === 'inviteMember');
    expect(invites.map((r) => [r.status, r.attempts])).toEqual([
      ['failed', 3],
      ['failed', 3],
    ]);
    expect(waits).toEqual([1000, 1000, 1000, 1000]);
  });
});
