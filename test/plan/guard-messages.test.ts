// What each guard says, whole: the refusal a person reads must name the right people, counts and way out.
import { describe, expect, it } from 'vitest';
import type { LiveMember } from '../../src/model/live-org.js';
import type { GuardRefusal } from '../../src/model/plan.js';
import { buildPlan, type BuildPlanInput } from '../../src/plan/build-plan.js';
import { access, declared, desiredOrg, invite, liveOrg, member, NOW } from './plan-fixtures.js';

const ADMIN = member('u-admin', 'admin@x.com', 'admin');
const keepAdmin = declared('admin@x.com', 'admin');

function refusals(input: Omit<BuildPlanInput, 'now'>): GuardRefusal[] {
  return buildPlan({ ...input, now: NOW }).refusals;
}

function views(n: number, prefix = 'p'): LiveMember[] {
  return Array.from({ length: n }, (_, i) =>
    member(`${prefix}${i}`, `${prefix}${i}@x.com`, 'view'),
  );
}

describe('minAdmins', () => {
  it('removing the last admin: the plain way out, even with a non-admin invite in the plan', () => {
    expect(
      refusals({
        live: liveOrg({ members: [ADMIN, member('u-bo', 'bo@x.com', 'view')] }),
        desired: desiredOrg([declared('bo@x.com', 'view'), declared('new@x.com', 'view')]),
      }),
    ).toEqual([
      {
        guard: 'minAdmins',
        message:
          'removing admin@x.com (admin) would leave 0 admins, fewer than policy.minAdmins (1)',
        override: 'keep at least 1 admin in the file, or lower policy.minAdmins',
      },
    ]);
  });

  it('removing the last admin while inviting a new one: apply the removal in a second step', () => {
    expect(
      refusals({
        live: liveOrg({ members: [ADMIN] }),
        desired: desiredOrg([declared('new@x.com', 'admin')], { minAdmins: 2 }),
      }),
    ).toEqual([
      {
        guard: 'minAdmins',
        message:
          'removing admin@x.com (admin) would leave 0 admins, fewer than policy.minAdmins (2); pending invites ' +
          'do not count as admins until they are accepted, so inviting new@x.com as admin does not help yet',
        override:
          'apply in two steps: first keep admin@x.com as admin in the file and apply the invite; once new@x.com ' +
          'has accepted, apply the removal. Or lower policy.minAdmins',
      },
    ]);
  });

  it('two invited admins: "have accepted"', () => {
    const [refusal] = refusals({
      live: liveOrg({ members: [ADMIN] }),
      desired: desiredOrg([declared('a@x.com', 'admin'), declared('b@x.com', 'admin')]),
    });
    expect(refusal?.override).toBe(
      'apply in two steps: first keep admin@x.com as admin in the file and apply the invite; once a@x.com, ' +
        'b@x.com have accepted, apply the removal. Or lower policy.minAdmins',
    );
  });
});

describe('tokenUser', () => {
  const ci = member('u-ci', 'ci@x.com', access('edit', [['app1', 'view']]));
  const base = { live: liveOrg({ members: [ADMIN, ci] }) };

  it('a demotion of the token user names both roles', () => {
    expect(
      refusals({
        ...base,
        desired: desiredOrg([keepAdmin, declared('ci@x.com', access('view', [['app1', 'view']]))]),
        tokenUser: { userId: 'u-ci', email: 'other@x.com' },
      }),
    ).toEqual([
      {
        guard: 'tokenUser',
        message:
          "the plan demotes ci@x.com (edit -> view), the user this API token belongs to; Losant lets an administrator change the role of any member other than themselves, so losant-org never changes the token's own membership",
        override:
          "keep ci@x.com in the file as it is now: { email: ci@x.com, role: edit, applications: [{ id: app1, role: view }] }, or run with another admin's token",
      },
    ]);
  });

  it.each([
    [
      'a change of resource roles',
      access('edit', [['app1', 'collaborate']]),
      'application roles: 1 changed',
    ],
    ['a promotion', access('admin', [['app1', 'view']]), 'role edit -> admin'],
  ])('%s of the token user is a change, not a demotion', (_name, wanted, what) => {
    const [refusal] = refusals({
      ...base,
      desired: desiredOrg([keepAdmin, declared('ci@x.com', wanted)]),
      tokenUser: { userId: 'u-ci', email: 'ci@x.com' },
    });
    expect(refusal?.message).toBe(
      `the plan changes ci@x.com (${what}), the user this API token belongs to; Losant lets an administrator change the role of any member other than themselves, so losant-org never changes the token's own membership`,
    );
  });

  it('the token user is known by its user id, whatever its email', () => {
    const [refusal] = refusals({
      ...base,
      desired: desiredOrg([keepAdmin]),
      tokenUser: { userId: 'u-ci', email: 'renamed@x.com' },
    });
    expect(refusal?.guard).toBe('tokenUser');
    expect(refusal?.message).toMatch(/^the plan removes ci@x\.com, the user this API token/);
  });
});

describe('maxRemovals', () => {
  it('counts only removals, whatever else the plan does', () => {
    const live = liveOrg({
      members: [ADMIN, member('u-a', 'a@x.com', 'edit'), member('u-b', 'b@x.com', 'view')],
      invites: [invite('i1', 'old@x.com', 'view', { daysAgo: 10 })],
    });
    expect(
      refusals({
        live,
        desired: desiredOrg(
          [
            keepAdmin,
            declared('a@x.com', 'view'),
            declared('new@x.com', 'view'),
            declared('old@x.com', 'edit'),
          ],
          { maxRemovals: 0 },
        ),
      }),
    ).toEqual([
      {
        guard: 'maxRemovals',
        message:
          '1 removal (1 member removed, 0 undeclared invites revoked): more than policy.maxRemovals (0)',
        override:
          'if these removals are intended, rerun with --allow-removals 1, or set policy.maxRemovals to 1 or more',
      },
    ]);
  });

  it('over both limits at once: both are named', () => {
    const live = liveOrg({ members: [ADMIN, ...views(9)] });
    expect(
      refusals({
        live,
        desired: desiredOrg([keepAdmin, ...views(6).map((m) => declared(m.email, 'view'))], {
          maxRemovals: 2,
        }),
      }),
    ).toEqual([
      {
        guard: 'maxRemovals',
        message:
          "3 removals (3 members removed, 0 undeclared invites revoked): more than policy.maxRemovals (2) and more than a quarter of the org's 10 members and pending invites (2)",
        override: 'if these removals are intended, rerun with --allow-removals 3',
      },
    ]);
  });
});

describe('maxChanges', () => {
  it('counts changes and re-sends, not new invites', () => {
    const live = liveOrg({
      members: [ADMIN, member('u-a', 'a@x.com', 'edit')],
      invites: [invite('i1', 'old@x.com', 'view', { daysAgo: 10 })],
    });
    expect(
      refusals({
        live,
        desired: desiredOrg(
          [
            keepAdmin,
            declared('a@x.com', 'view'),
            declared('old@x.com', 'view'),
            declared('new1@x.com', 'view'),
            declared('new2@x.com', 'view'),
          ],
          { maxChanges: 1 },
        ),
      }),
    ).toEqual([
      {
        guard: 'maxChanges',
        message:
          '2 changes to existing members and invites (1 member changed, 1 invite re-sent): more than policy.maxChanges (1)',
        override:
          'if these changes are intended, rerun with --allow-changes 2, or set policy.maxChanges to 2 or more',
      },
    ]);
  });
});

describe('memberLimit', () => {
  it('more people than the limit after the plan: says how many over', () => {
    expect(
      refusals({
        live: liveOrg({ members: [ADMIN, ...views(2)], memberLimit: 4 }),
        desired: desiredOrg([
          keepAdmin,
          ...views(2).map((m) => declared(m.email, 'view')),
          declared('n1@x.com', 'view'),
          declared('n2@x.com', 'view'),
        ]),
      }),
    ).toEqual([
      {
        guard: 'memberLimit',
        message:
          'after this plan the org would have 3 members and 2 pending invites, 5 of its member limit of 4: 1 over',
        override:
          "declare 1 fewer person in the file (members and invitees together), or ask Losant to raise the org's member limit",
      },
    ]);
  });

  it('members and pending invites together count against the limit', () => {
    const [refusal] = refusals({
      live: liveOrg({
        members: [ADMIN],
        invites: [invite('i1', 'p1@x.com', 'view'), invite('i2', 'p2@x.com', 'view')],
        memberLimit: 4,
      }),
      desired: desiredOrg([
        keepAdmin,
        declared('p1@x.com', 'view'),
        declared('p2@x.com', 'view'),
        declared('n1@x.com', 'view'),
        declared('n2@x.com', 'view'),
        declared('n3@x.com', 'view'),
      ]),
    });
    expect(refusal?.message).toBe(
      'after this plan the org would have 1 member and 5 pending invites, 6 of its member limit of 4: 2 over',
    );
    expect(refusal?.override).toMatch(/^declare 2 fewer people in the file/);
  });

  it('an org over its limit that frees seats before it invites is not refused', () => {
    // 10 members, limit 8: 3 removals go first (freeSeats), then 1 invite: 8 of 8 at the end.
    const live = liveOrg({ members: [ADMIN, ...views(9)], memberLimit: 8 });
    const plan = buildPlan({
      live,
      desired: desiredOrg([
        keepAdmin,
        ...views(6).map((m) => declared(m.email, 'view')),
        declared('new@x.com', 'view'),
      ]),
      now: NOW,
      allowRemovals: 3,
    });
    expect(plan.refusals).toEqual([]);
    expect(plan.operations.map((op) => `${op.phase} ${op.action}`)).toEqual([
      'freeSeats removeMember',
      'freeSeats removeMember',
      'freeSeats removeMember',
      'invite inviteMember',
    ]);
  });
});
