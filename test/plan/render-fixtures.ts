// The plans every renderer test draws: one with a bit of everything, one refused, one empty, two orgs.
import type { Plan } from '../../src/model/plan.js';
import { buildPlans } from '../../src/plan/build-plan.js';
import {
  access,
  DAY,
  declared,
  desiredOrg,
  invite,
  liveOrg,
  member,
  NOW,
} from './plan-fixtures.js';

const alice = member('u-alice', 'alice@x.com', 'admin');

/** A patch, an invite, a re-send, a promotion, a resource change, a revoke, a removal and an awaited invite. */
export function mixedPlan(): Plan {
  const live = liveOrg({
    memberLimit: 25,
    properties: { name: 'Acme IoT', description: 'old' },
    members: [
      alice,
      member('u-carol', 'carol@x.com', 'edit'),
      member(
        'u-dan',
        'dan@x.com',
        access('view', [
          ['app1', 'view'],
          ['app2', 'view'],
        ]),
      ),
      member('u-erin', 'erin@x.com', 'view'),
    ],
    invites: [
      invite('i-gus', 'gus@x.com', 'view', { daysAgo: 2 }),
      invite('i-ann', 'ann@x.com', 'view', { daysAgo: 3 }),
      invite('i-zed', 'zed@x.com', 'view', { daysAgo: 1 }),
    ],
  });
  const desired = desiredOrg(
    [
      declared('alice@x.com', 'admin'),
      declared('ann@x.com', 'view'),
      declared('bob@x.com', access('edit', [['app1', 'view']])),
      declared('carol@x.com', 'admin'),
      declared('dan@x.com', access('view', [['app1', 'collaborate']], [['dash1', 'view']])),
      declared('gus@x.com', 'edit'),
    ],
    {},
    { name: 'Acme IoT', description: 'Production fleet' },
  );
  return buildPlans([
    { desired, live, now: NOW, tokenUser: { userId: 'u-alice', email: 'alice@x.com' } },
  ]);
}

export function refusedPlan(): Plan {
  const live = liveOrg({ members: [alice] });
  const desired = desiredOrg([
    declared('alice@x.com', 'edit'),
    declared('newadmin@x.com', 'admin'),
  ]);
  return buildPlans([{ desired, live, now: NOW, tokenUser: null }]);
}

export function emptyPlan(): Plan {
  const live = liveOrg({ members: [alice] });
  return buildPlans([{ desired: desiredOrg([declared('alice@x.com', 'admin')]), live, now: NOW }]);
}

export function twoOrgPlan(): Plan {
  const one = liveOrg({ members: [alice] });
  const two = {
    ...liveOrg({ name: 'Beta', members: [alice, member('u-erin', 'erin@x.com', 'view')] }),
    id: 'org-beta',
  };
  return buildPlans([
    { desired: desiredOrg([declared('alice@x.com', 'admin')]), live: one, now: NOW },
    {
      desired: {
        ...desiredOrg([declared('alice@x.com', 'admin')]),
        orgId: 'org-beta',
        file: 'orgs/beta.yaml',
      },
      live: two,
      now: NOW,
    },
  ]);
}

/** An org with nothing to change, its seats and someone expiring soon, beside an org that could not be read. */
export function expiringBesideUnreadable(): Plan {
  const live = liveOrg({
    memberLimit: 3,
    members: [member('u-alice', 'alice@x.com', 'admin'), member('u-tim', 'tim@x.com', 'view')],
  });
  const desired = desiredOrg([
    declared('alice@x.com', 'admin'),
    { ...declared('tim@x.com', 'view'), expires: { at: NOW + 3 * DAY, text: '2024-06-18' } },
  ]);
  const plan = buildPlans([
    { desired, live, now: NOW, tokenUser: { userId: 'u-alice', email: 'alice@x.com' } },
  ]);
  plan.unreadable = [
    {
      orgId: 'org-gone',
      file: 'orgs/gone.yaml',
      action: 'org.get',
      message: 'not found',
      status: 404,
    },
  ];
  return plan;
}

/**
 * One org from two files with 22 removals (more than the removal callout lists), an org warning and
 * an invite awaiting acceptance, beside two orgs that could not be read.
 */
export function manyRemovalsTwoUnreadable(): Plan {
  const leavers = Array.from({ length: 22 }, (_, i) =>
    member(`u-${i}`, `leaver${String(i).padStart(2, '0')}@gmail.com`, 'view'),
  );
  const live = liveOrg({
    members: [alice, ...leavers],
    invites: [invite('i-ann', 'ann@x.com', 'view', { daysAgo: 2 })],
  });
  const desired = {
    ...desiredOrg([declared('alice@x.com', 'admin'), declared('ann@x.com', 'view')], {
      allowedEmailDomains: ['x.com'],
    }),
    files: ['orgs/acme.yaml', 'orgs/acme-people.yaml'],
  };
  const plan = buildPlans([
    {
      desired,
      live,
      now: NOW,
      tokenUser: { userId: 'u-alice', email: 'alice@x.com' },
      allowRemovals: 22,
    },
  ]);
  plan.unreadable = [
    {
      orgId: 'org-gone',
      file: 'orgs/gone.yaml',
      action: 'org.get',
      message: 'not *found*',
      status: 404,
    },
    {
      orgId: 'org-shut',
      file: 'orgs/shut.yaml',
      action: 'org.pendingInvites',
      message: 'forbidden',
    },
  ];
  return plan;
}

/** Two orgs, each already as its file says: nothing to change in either. */
export function twoMatchingOrgsPlan(): Plan {
  const desired = desiredOrg([declared('alice@x.com', 'admin')]);
  return buildPlans([
    { desired, live: liveOrg({ members: [alice] }), now: NOW },
    {
      desired: { ...desired, orgId: 'org-beta', file: 'orgs/beta.yaml' },
      live: { ...liveOrg({ members: [alice] }), id: 'org-beta' },
      now: NOW,
    },
  ]);
}

/** The plan with its first org's seats not known (`seats` is optional in an org plan). */
export function withoutSeats(plan: Plan): Plan {
  const [org, ...rest] = plan.orgs;
  if (org === undefined) throw new Error('no org');
  const unknown = { ...org };
  delete unknown.seats;
  return { ...plan, orgs: [unknown, ...rest] };
}
