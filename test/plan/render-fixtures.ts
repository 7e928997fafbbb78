// The plans every renderer test draws: one with a bit of everything, one refused, one empty, two orgs.
import type { Plan } from '../../src/model/plan.js';
import { buildPlans } from '../../src/plan/build-plan.js';
import { access, declared, desiredOrg, invite, liveOrg, member, NOW } from './plan-fixtures.js';

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
