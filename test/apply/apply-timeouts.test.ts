// applyPlan when answers come after the client gave up (request timeouts of tens of ms): the
// read-back finds what was made, nothing is sent twice. Timing-dependent, so left out of mutation runs.
import { afterEach, describe, expect, it } from 'vitest';
import { resultFor, statuses, EVERY_ACTION_DONE } from './apply-fixtures.js';
import { applyWithFaults, closeFaultEnvs } from './fault-fixtures.js';

afterEach(closeFaultEnvs);

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
});
