// applyPlan under the emulator's faults: nothing lost, nothing written twice, nothing outside the plan.
// No request timeout here (they are in apply-timeouts.test.ts): these run under mutation testing too.
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationAction } from '../../src/model/plan.js';
import { EVERY_ACTION_DONE, resultFor, statuses } from './apply-fixtures.js';
import {
  applyWithFaults,
  applyWithFaultsOnce,
  closeFaultEnvs,
  faultEnv,
} from './fault-fixtures.js';

afterEach(closeFaultEnvs);

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
    expect(faultEnv()?.limiter.throttleCount).toBeGreaterThan(0);
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
