// Seats against the member limit: counted, said in words, and simulated phase by phase over a plan.
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/model/plan.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import {
  countSeats,
  describeSeats,
  revokeFreesSeat,
  simulateSeats,
} from '../../src/plan/member-seats.js';
import { declared, desiredOrg, invite, liveOrg, member, NOW } from './plan-fixtures.js';

const ADMIN = member('u-admin', 'admin@x.com', 'admin');
const keepAdmin = declared('admin@x.com', 'admin');
const BO = member('u-bo', 'bo@x.com', 'view');
const PENDING = invite('i-P', 'pending@x.com', 'view');
const EXPIRED = invite('i-X', 'expired@x.com', 'view', { daysAgo: 30 });

describe('countSeats', () => {
  it('counts members and the invites that have not expired, and the limit when known', () => {
    expect(countSeats(liveOrg({ members: [ADMIN, BO], invites: [PENDING, EXPIRED] }))).toEqual({
      members: 2,
      pendingInvites: 1,
    });
    expect(countSeats(liveOrg({ members: [ADMIN], memberLimit: 5 }))).toEqual({
      members: 1,
      pendingInvites: 0,
      limit: 5,
    });
  });
});

describe('describeSeats', () => {
  it.each([
    [{ members: 5, pendingInvites: 1, limit: 8 }, 'members 5 of 8, 1 invite pending'],
    [{ members: 5, pendingInvites: 0 }, 'members 5, 0 invites pending'],
    [
      { members: 18312, pendingInvites: 2, limit: 20000 },
      'members 18,312 of 20,000, 2 invites pending',
    ],
  ])('%j: %s', (seats, words) => {
    expect(describeSeats(seats)).toBe(words);
  });
});

describe('revokeFreesSeat', () => {
  it('a pending invite frees a seat, an expired one does not; ids in any case', () => {
    const frees = revokeFreesSeat(liveOrg({ invites: [PENDING, EXPIRED] }));
    const revoke = (inviteId: string) => ({ query: { inviteId } }) as Parameters<typeof frees>[0];
    expect([
      frees(revoke('i-p')),
      frees(revoke('I-P')),
      frees(revoke('i-X')),
      frees(revoke('i-q')),
    ]).toEqual([true, true, false, false]);
  });
});

function operationsOf(
  live: ReturnType<typeof liveOrg>,
  file: ReturnType<typeof declared>[],
): Operation[] {
  return buildPlan({ live, desired: desiredOrg(file), now: NOW, allowRemovals: 100 }).operations;
}

describe('simulateSeats', () => {
  it('an invite takes a seat before the removals that come after it', () => {
    const live = liveOrg({ members: [ADMIN, BO], invites: [PENDING, EXPIRED] });
    const ops = operationsOf(live, [
      keepAdmin,
      declared('n1@x.com', 'view'),
      declared('n2@x.com', 'view'),
    ]);

    const seats = simulateSeats(live, ops);

    // Start 3 (2 members, 1 pending); the invite phase takes 2 more: 5; then the pending invite is
    // revoked (the expired one holds no seat) and Bo removed: 1 member, 2 invites.
    expect(seats).toEqual({
      peak: 5,
      peakAt: ops.find((op) => op.target.email === 'n1@x.com'),
      takesSeats: true,
      end: { members: 1, pendingInvites: 2 },
    });
  });

  it('a re-send of a pending invite takes no seat; of an expired one, it does', () => {
    const live = liveOrg({
      members: [ADMIN],
      invites: [invite('i-r', 'resent@x.com', 'edit'), EXPIRED],
    });
    const pendingResend = simulateSeats(
      live,
      operationsOf(live, [keepAdmin, declared('resent@x.com', 'view')]),
    );
    const expiredResend = simulateSeats(
      liveOrg({ members: [ADMIN], invites: [EXPIRED] }),
      operationsOf(liveOrg({ members: [ADMIN], invites: [EXPIRED] }), [
        keepAdmin,
        declared('expired@x.com', 'view'),
      ]),
    );

    expect(pendingResend).toStrictEqual({
      peak: 2,
      takesSeats: false,
      end: { members: 1, pendingInvites: 1 },
    });
    expect(expiredResend.takesSeats).toBe(true);
    expect(expiredResend.peak).toBe(2);
    expect(expiredResend.end).toEqual({ members: 1, pendingInvites: 1 });
  });

  it('a plan without invites: the peak is the start, nothing taken', () => {
    const live = liveOrg({ members: [ADMIN, BO], invites: [PENDING] });
    // Whole, with no peakAt key at all.
    expect(simulateSeats(live, operationsOf(live, [keepAdmin]))).toStrictEqual({
      peak: 3,
      takesSeats: false,
      end: { members: 1, pendingInvites: 0 },
    });
  });
});
