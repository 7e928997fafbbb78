// Every guard at, just below and just above its limit: maxRemovals, the quarter rule, --allow-removals, minAdmins.
import { describe, expect, it } from 'vitest';
import type { LiveMember } from '../../src/model/live-org.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { declared, desiredOrg, invite, liveOrg, member, NOW } from './plan-fixtures.js';

const ADMIN = member('u0', 'admin@x.com', 'admin');
const keepAdmin = declared('admin@x.com', 'admin');

/** `n` view members who are not in the file: each one is a removal. */
function strays(n: number, from = 1): LiveMember[] {
  return Array.from({ length: n }, (_, i) => member(`u${from + i}`, `p${from + i}@x.com`, 'view'));
}

/** `n` people in the file, kept as they are: they make the org bigger without removals. */
function kept(n: number): { live: LiveMember[]; file: ReturnType<typeof declared>[] } {
  const live = Array.from({ length: n }, (_, i) => member(`k${i}`, `k${i}@x.com`, 'view'));
  return { live, file: live.map((m) => declared(m.email, 'view')) };
}

function guardsOf(plan: ReturnType<typeof buildPlan>): string[] {
  return plan.refusals.map((r) => r.guard);
}

describe('maxRemovals, in an org of fewer than 10 (no quarter rule)', () => {
  // 1 admin + 4 removals + 0 kept = 5 members.
  it.each([3, 4, 5])('4 removals with maxRemovals %i: refused only below the count', (max) => {
    const plan = buildPlan({
      live: liveOrg({ members: [ADMIN, ...strays(4)] }),
      desired: desiredOrg([keepAdmin], { maxRemovals: max }),
      now: NOW,
    });
    expect(guardsOf(plan)).toEqual(max < 4 ? ['maxRemovals'] : []);
  });

  it('undeclared invites revoked count as removals; re-sends and duplicates do not', () => {
    const live = liveOrg({
      members: [ADMIN],
      invites: [
        invite('i1', 'gone@x.com', 'view'),
        invite('i2', 'resent@x.com', 'edit'),
        invite('i3', 'dup@x.com', 'view'),
        invite('i4', 'dup@x.com', 'view', { daysAgo: 2 }),
      ],
    });
    const file = [keepAdmin, declared('resent@x.com', 'view'), declared('dup@x.com', 'view')];
    expect(
      guardsOf(buildPlan({ live, desired: desiredOrg(file, { maxRemovals: 1 }), now: NOW })),
    ).toEqual([]);
    expect(
      guardsOf(buildPlan({ live, desired: desiredOrg(file, { maxRemovals: 0 }), now: NOW })),
    ).toEqual(['maxRemovals']);
  });
});

describe('the quarter rule (orgs of 10 or more members and invites)', () => {
  it.each([
    // [org size, removals, refused]
    [9, 3, false], // below the size: no quarter rule (3 * 4 > 9)
    [10, 2, false], // 2 * 4 = 8 <= 10
    [10, 3, true], // 3 * 4 = 12 > 10
    [12, 3, false], // exactly a quarter: 3 * 4 = 12
    [12, 4, true],
    [16, 4, false], // exactly a quarter
    [15, 4, true], // 16 > 15
  ])('org of %i with %i removals: refused %s', (size, removals, refused) => {
    const others = kept(size - 1 - removals);
    const plan = buildPlan({
      live: liveOrg({ members: [ADMIN, ...others.live, ...strays(removals)] }),
      desired: desiredOrg([keepAdmin, ...others.file], { maxRemovals: 100 }),
      now: NOW,
    });
    expect(guardsOf(plan)).toEqual(refused ? ['maxRemovals'] : []);
  });

  it('pending invites count in the org size', () => {
    const others = kept(5);
    // 1 admin + 5 kept + 3 removals = 9 members, + 1 kept invite = 10: 3 * 4 = 12 > 10.
    const live = liveOrg({
      members: [ADMIN, ...others.live, ...strays(3)],
      invites: [invite('i1', 'new@x.com', 'view')],
    });
    const file = [keepAdmin, ...others.file, declared('new@x.com', 'view')];
    expect(
      guardsOf(buildPlan({ live, desired: desiredOrg(file, { maxRemovals: 100 }), now: NOW })),
    ).toEqual(['maxRemovals']);
  });
});

describe('--allow-removals', () => {
  const others = kept(5);
  const live = liveOrg({ members: [ADMIN, ...others.live, ...strays(4)] }); // 10, 4 removals
  const desired = desiredOrg([keepAdmin, ...others.file], { maxRemovals: 1 });
  it.each([
    [undefined, true],
    [3, true],
    [4, false],
    [5, false],
  ])('4 removals over both limits with --allow-removals %s: refused %s', (allow, refused) => {
    const plan = buildPlan({ live, desired, now: NOW, allowRemovals: allow });
    expect(guardsOf(plan)).toEqual(refused ? ['maxRemovals'] : []);
  });
});

describe('minAdmins', () => {
  const admins = [ADMIN, member('u8', 'a2@x.com', 'admin'), member('u9', 'a3@x.com', 'admin')];
  it.each([
    // Demoting one of 3 admins leaves 2.
    [1, false],
    [2, false], // exactly at the floor
    [3, true],
  ])('demoting one of three admins with minAdmins %i: refused %s', (min, refused) => {
    const plan = buildPlan({
      live: liveOrg({ members: admins }),
      desired: desiredOrg(
        [keepAdmin, declared('a2@x.com', 'admin'), declared('a3@x.com', 'edit')],
        { minAdmins: min },
      ),
      now: NOW,
    });
    expect(guardsOf(plan)).toEqual(refused ? ['minAdmins'] : []);
  });

  it.each([
    [1, false],
    [2, false],
    [3, true],
  ])('removing one of three admins with minAdmins %i: refused %s', (min, refused) => {
    const plan = buildPlan({
      live: liveOrg({ members: admins }),
      desired: desiredOrg([keepAdmin, declared('a2@x.com', 'admin')], {
        minAdmins: min,
        maxRemovals: 5,
      }),
      now: NOW,
    });
    expect(guardsOf(plan)).toEqual(refused ? ['minAdmins'] : []);
  });

  it('a promotion planned with the demotion counts: swapping admins at the floor is accepted', () => {
    const plan = buildPlan({
      live: liveOrg({ members: [ADMIN, member('u5', 'b@x.com', 'edit')] }),
      desired: desiredOrg([declared('admin@x.com', 'edit'), declared('b@x.com', 'admin')], {
        minAdmins: 1,
      }),
      now: NOW,
    });
    expect(guardsOf(plan)).toEqual([]);
    expect(plan.operations.map((op) => op.phase)).toEqual(['promote', 'demote']);
  });
});
