// The planner on a table of live/desired cases: exact operations, in exact order.
import { describe, expect, it } from 'vitest';
import type { DesiredOrg } from '../../src/model/desired-org.js';
import type { LiveOrg, TokenUser } from '../../src/model/live-org.js';
import type { GuardName, PlanCounts } from '../../src/model/plan.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import {
  access,
  declared,
  desiredOrg,
  expectValidPlanJson,
  invite,
  liveOrg,
  member,
  NOW,
  ORG_ID,
  project,
} from './plan-fixtures.js';

interface Case {
  name: string;
  live: LiveOrg;
  desired: DesiredOrg;
  tokenUser?: TokenUser | null;
  allowRemovals?: number;
  operations: string[];
  awaiting?: string[];
  refusals?: GuardName[];
  warnings?: number;
  /** The headline counts, where a case is about them. */
  counts?: PlanCounts;
}

const alice = member('u-alice', 'alice@x.com', 'admin');
const aliceDeclared = declared('alice@x.com', 'admin');

function someMembers(n: number) {
  return Array.from({ length: n }, (_, i) =>
    member(`u-${i}`, `p${String(i).padStart(2, '0')}@x.com`, 'view'),
  );
}

const CASES: Case[] = [
  {
    name: 'an org that matches the file has no operations',
    live: liveOrg({ members: [alice, member('u-bob', 'bob@x.com', 'view')] }),
    desired: desiredOrg([aliceDeclared, declared('bob@x.com', 'view')], {}, { name: 'Acme IoT' }),
    operations: [],
  },
  {
    name: 'a declared org property that differs is patched',
    live: liveOrg({ members: [alice], properties: { name: 'Old' } }),
    desired: desiredOrg([aliceDeclared], {}, { name: 'Acme IoT' }),
    operations: ['patch name'],
  },
  {
    name: 'properties not written in the file are left alone',
    live: liveOrg({
      members: [alice],
      properties: { name: 'Acme IoT', description: 'live only', mfaMode: 'required' },
    }),
    desired: desiredOrg([aliceDeclared], {}, { name: 'Acme IoT' }),
    operations: [],
  },
  {
    name: 'one patch holds only the keys that differ',
    live: liveOrg({
      members: [alice],
      properties: { name: 'Acme IoT', description: 'old', mfaMode: 'notRequired' },
    }),
    desired: desiredOrg(
      [aliceDeclared],
      {},
      { name: 'Acme IoT', mfaMode: 'required', description: 'new' },
    ),
    operations: ['patch description,mfaMode'],
  },
  {
    name: 'a declared property missing from the live org is added',
    live: liveOrg({ members: [alice], properties: { name: 'Acme IoT' } }),
    desired: desiredOrg([aliceDeclared], {}, { billingEmail: 'billing@x.com' }),
    operations: ['patch billingEmail'],
  },
  {
    name: 'a declared person who is neither member nor invited is invited',
    live: liveOrg({ members: [alice] }),
    desired: desiredOrg([aliceDeclared, declared('bob@x.com', 'edit')]),
    operations: ['inviteMember bob@x.com edit'],
  },
  {
    name: 'a higher org role is a promotion',
    live: liveOrg({ members: [alice, member('u-carol', 'carol@x.com', 'view')] }),
    desired: desiredOrg([aliceDeclared, declared('carol@x.com', 'admin')]),
    operations: ['modifyMember carol@x.com view->admin (promote)'],
  },
  {
    name: 'a lower org role is a demotion',
    live: liveOrg({ members: [alice, member('u-carol', 'carol@x.com', 'edit')] }),
    desired: desiredOrg([aliceDeclared, declared('carol@x.com', 'view')]),
    operations: ['modifyMember carol@x.com edit->view (demote)'],
  },
  {
    name: 'only resource roles changing is a modification',
    live: liveOrg({
      members: [alice, member('u-dan', 'dan@x.com', access('view', [['app1', 'view']]))],
    }),
    desired: desiredOrg([
      aliceDeclared,
      declared('dan@x.com', access('view', [['app1', 'collaborate']])),
    ]),
    operations: ['modifyMember dan@x.com view->view (modify)'],
  },
  {
    name: 'resource roles in another order are the same access',
    live: liveOrg({
      members: [
        alice,
        member(
          'u-dan',
          'dan@x.com',
          access(
            'view',
            [
              ['app2', 'view'],
              ['app1', 'none'],
            ],
            [['d1', 'view']],
          ),
        ),
      ],
    }),
    desired: desiredOrg([
      aliceDeclared,
      declared(
        'dan@x.com',
        access(
          'view',
          [
            ['app1', 'none'],
            ['app2', 'view'],
          ],
          [['d1', 'view']],
        ),
      ),
    ]),
    operations: [],
  },
  {
    name: 'emails match case-insensitively',
    live: liveOrg({ members: [alice, member('u-bob', 'Bob@X.com', 'view')] }),
    desired: desiredOrg([declared('ALICE@x.com', 'admin'), declared('bob@x.COM', 'view')]),
    operations: [],
  },
  {
    name: 'tags and dots are part of the address',
    live: liveOrg({ members: [alice, member('u-bob', 'bob@x.com', 'view')] }),
    desired: desiredOrg([
      aliceDeclared,
      declared('bob+ci@x.com', 'view'),
      declared('b.ob@x.com', 'view'),
    ]),
    operations: [
      'inviteMember b.ob@x.com view',
      'inviteMember bob+ci@x.com view',
      'removeMember bob@x.com',
    ],
  },
  {
    name: 'an undeclared member is removed',
    live: liveOrg({ members: [alice, member('u-erin', 'erin@x.com', 'view')] }),
    desired: desiredOrg([aliceDeclared]),
    operations: ['removeMember erin@x.com'],
  },
  {
    name: 'an undeclared member stays when removeUndeclaredMembers is false',
    live: liveOrg({ members: [alice, member('u-erin', 'erin@x.com', 'view')] }),
    desired: desiredOrg([aliceDeclared], { removeUndeclaredMembers: false }),
    operations: [],
  },
  {
    name: 'an undeclared invite is revoked',
    live: liveOrg({ members: [alice], invites: [invite('i-frank', 'frank@x.com', 'view')] }),
    desired: desiredOrg([aliceDeclared]),
    operations: ['revokeInvite frank@x.com i-frank undeclared'],
  },
  {
    name: 'an undeclared invite stays when revokeUndeclaredInvites is false',
    live: liveOrg({ members: [alice], invites: [invite('i-frank', 'frank@x.com', 'view')] }),
    desired: desiredOrg([aliceDeclared], { revokeUndeclaredInvites: false }),
    operations: [],
  },
  {
    name: 'a pending invite with the declared access is awaited, not changed',
    live: liveOrg({
      members: [alice],
      invites: [invite('i-gus', 'Gus@x.com', 'edit', { daysAgo: 3 })],
    }),
    desired: desiredOrg([aliceDeclared, declared('gus@x.com', 'edit')]),
    operations: [],
    awaiting: ['Gus@x.com 3'],
  },
  {
    name: 'a pending invite with other access is revoked and sent again',
    live: liveOrg({ members: [alice], invites: [invite('i-gus', 'gus@x.com', 'view')] }),
    desired: desiredOrg([aliceDeclared, declared('gus@x.com', 'edit')]),
    operations: [
      'revokeInvite gus@x.com i-gus resend',
      `inviteMember gus@x.com edit resend after ${ORG_ID}:1`,
    ],
  },
  {
    name: 'an expired invite is re-sent when resendExpiredInvites',
    live: liveOrg({
      members: [alice],
      invites: [invite('i-gus', 'gus@x.com', 'edit', { daysAgo: 10 })],
    }),
    desired: desiredOrg([aliceDeclared, declared('gus@x.com', 'edit')]),
    operations: [
      'revokeInvite gus@x.com i-gus resend',
      `inviteMember gus@x.com edit resend after ${ORG_ID}:1`,
    ],
  },
  {
    name: 'an expired invite is left alone, with a warning, when resendExpiredInvites is false',
    live: liveOrg({
      members: [alice],
      invites: [invite('i-gus', 'gus@x.com', 'edit', { daysAgo: 10 })],
    }),
    desired: desiredOrg([aliceDeclared, declared('gus@x.com', 'edit')], {
      resendExpiredInvites: false,
    }),
    operations: [],
    warnings: 1,
  },
  {
    name: 'of two matching invites the newest is kept and the other revoked',
    live: liveOrg({
      members: [alice],
      invites: [
        invite('i-old', 'gus@x.com', 'edit', { daysAgo: 5 }),
        invite('i-new', 'gus@x.com', 'edit', { daysAgo: 2 }),
      ],
    }),
    desired: desiredOrg([aliceDeclared, declared('gus@x.com', 'edit')]),
    operations: ['revokeInvite gus@x.com i-old duplicate'],
    awaiting: ['gus@x.com 2'],
  },
  {
    name: 'the matching invite is kept even when a newer one has other access',
    live: liveOrg({
      members: [alice],
      invites: [
        invite('i-match', 'gus@x.com', 'edit', { daysAgo: 5 }),
        invite('i-other', 'gus@x.com', 'view', { daysAgo: 2 }),
      ],
    }),
    desired: desiredOrg([aliceDeclared, declared('gus@x.com', 'edit')]),
    operations: ['revokeInvite gus@x.com i-other duplicate'],
    awaiting: ['gus@x.com 5'],
  },
  {
    name: 'a pending invite of someone already a member is a duplicate',
    live: liveOrg({
      members: [alice, member('u-hal', 'hal@x.com', 'view')],
      invites: [invite('i-hal', 'HAL@x.com', 'view')],
    }),
    desired: desiredOrg([aliceDeclared, declared('hal@x.com', 'view')]),
    operations: ['revokeInvite HAL@x.com i-hal duplicate'],
  },
  {
    name: 'an undeclared member with a pending invite loses both',
    live: liveOrg({
      members: [alice, member('u-hal', 'hal@x.com', 'view')],
      invites: [invite('i-hal', 'hal@x.com', 'edit')],
    }),
    desired: desiredOrg([aliceDeclared]),
    operations: ['revokeInvite hal@x.com i-hal undeclared', 'removeMember hal@x.com'],
  },
  {
    name: 'unmanaged members and invites are never touched',
    live: liveOrg({
      members: [
        alice,
        member('u-bg', 'breakglass@x.com', 'admin'),
        member('u-sup', 'Support@Losant.com', 'view'),
      ],
      invites: [invite('i-l', 'ops@losant.com', 'view')],
    }),
    desired: desiredOrg([aliceDeclared], { unmanaged: ['breakglass@x.com', '*@losant.com'] }),
    operations: [],
  },
  {
    name: 'an unmanaged address slipped into the file is still left alone',
    live: liveOrg({ members: [alice, member('u-bg', 'breakglass@x.com', 'admin')] }),
    desired: desiredOrg([aliceDeclared, declared('breakglass@x.com', 'view')], {
      unmanaged: ['breakglass@x.com'],
    }),
    operations: [],
  },
  {
    name: 'without a members key membership is not managed at all',
    live: liveOrg({
      members: [alice, member('u-erin', 'erin@x.com', 'view')],
      invites: [invite('i-f', 'frank@x.com', 'view', { daysAgo: 30 })],
      properties: { name: 'Old' },
    }),
    desired: desiredOrg(undefined, {}, { name: 'Acme IoT' }),
    operations: ['patch name'],
  },
  {
    name: 'every phase in order: patch, invite, promote, modify, demote, revoke, remove',
    live: liveOrg({
      properties: { name: 'Old' },
      members: [
        alice,
        member('u-zed', 'zed@x.com', 'edit'),
        member('u-mod', 'mod@x.com', access('view', [['app1', 'view']])),
        member('u-dem', 'dem@x.com', 'edit'),
        member('u-gone', 'gone@x.com', 'view'),
      ],
      invites: [invite('i-stale', 'stale@x.com', 'view')],
    }),
    desired: desiredOrg(
      [
        aliceDeclared,
        declared('zed@x.com', 'admin'),
        declared('mod@x.com', access('view')),
        declared('dem@x.com', 'view'),
        declared('new@x.com', 'collaborate'),
      ],
      {},
      { name: 'Acme IoT' },
    ),
    operations: [
      'patch name',
      'inviteMember new@x.com collaborate',
      'modifyMember zed@x.com edit->admin (promote)',
      'modifyMember mod@x.com view->view (modify)',
      'modifyMember dem@x.com edit->view (demote)',
      'revokeInvite stale@x.com i-stale undeclared',
      'removeMember gone@x.com',
    ],
  },
  {
    name: 'within a phase operations are ordered by email',
    live: liveOrg({ members: [alice] }),
    desired: desiredOrg([
      aliceDeclared,
      declared('zoe@x.com', 'view'),
      declared('Bea@x.com', 'view'),
      declared('mia@x.com', 'view'),
    ]),
    operations: [
      'inviteMember Bea@x.com view',
      'inviteMember mia@x.com view',
      'inviteMember zoe@x.com view',
    ],
  },
  {
    name: 'a re-send revoke runs just before its invite, between other invites',
    live: liveOrg({ members: [alice], invites: [invite('i-m', 'mia@x.com', 'view')] }),
    desired: desiredOrg([
      aliceDeclared,
      declared('zoe@x.com', 'view'),
      declared('mia@x.com', 'edit'),
      declared('bea@x.com', 'view'),
    ]),
    operations: [
      'inviteMember bea@x.com view',
      'revokeInvite mia@x.com i-m resend',
      `inviteMember mia@x.com edit resend after ${ORG_ID}:2`,
      'inviteMember zoe@x.com view',
    ],
  },
  {
    name: 'a pending invite with other access plus an expired one: one re-send, one duplicate',
    live: liveOrg({
      members: [alice],
      invites: [
        invite('i-exp', 'gus@x.com', 'edit', { daysAgo: 20 }),
        invite('i-view', 'gus@x.com', 'view', { daysAgo: 2 }),
      ],
    }),
    desired: desiredOrg([aliceDeclared, declared('gus@x.com', 'edit')], {
      resendExpiredInvites: false,
    }),
    operations: [
      'revokeInvite gus@x.com i-view resend',
      `inviteMember gus@x.com edit resend after ${ORG_ID}:1`,
      'revokeInvite gus@x.com i-exp duplicate',
    ],
  },
  {
    name: 'a declared disallowTransfer that the invite lacks is re-sent',
    live: liveOrg({
      members: [alice],
      invites: [invite('i-gus', 'gus@x.com', 'edit', { disallowTransfer: false })],
    }),
    desired: desiredOrg([aliceDeclared, declared('gus@x.com', 'edit', { disallowTransfer: true })]),
    operations: [
      'revokeInvite gus@x.com i-gus resend',
      `inviteMember gus@x.com edit resend after ${ORG_ID}:1`,
    ],
  },
  {
    name: 'disallowTransfer not declared is not compared',
    live: liveOrg({
      members: [alice],
      invites: [invite('i-gus', 'gus@x.com', 'edit', { disallowTransfer: true })],
    }),
    desired: desiredOrg([aliceDeclared, declared('gus@x.com', 'edit')]),
    operations: [],
    awaiting: ['gus@x.com 1'],
  },
  {
    name: 'demoting the only admin is refused by minAdmins',
    live: liveOrg({ members: [alice, member('u-bob', 'bob@x.com', 'view')] }),
    desired: desiredOrg([declared('alice@x.com', 'view'), declared('bob@x.com', 'view')]),
    operations: ['modifyMember alice@x.com admin->view (demote)'],
    refusals: ['minAdmins'],
  },
  {
    name: 'inviting a new admin does not make up for demoting the old one',
    live: liveOrg({ members: [alice] }),
    desired: desiredOrg([declared('alice@x.com', 'edit'), declared('newadmin@x.com', 'admin')]),
    operations: [
      'inviteMember newadmin@x.com admin',
      'modifyMember alice@x.com admin->edit (demote)',
    ],
    refusals: ['minAdmins'],
  },
  {
    name: 'a promotion runs before a demotion, so handing over admin is allowed',
    live: liveOrg({ members: [alice, member('u-bob', 'bob@x.com', 'edit')] }),
    desired: desiredOrg([declared('alice@x.com', 'edit'), declared('bob@x.com', 'admin')]),
    operations: [
      'modifyMember bob@x.com edit->admin (promote)',
      'modifyMember alice@x.com admin->edit (demote)',
    ],
  },
  {
    name: 'an org already short of admins is not refused for promotions',
    live: liveOrg({ members: [alice, member('u-bob', 'bob@x.com', 'edit')] }),
    desired: desiredOrg(
      [aliceDeclared, declared('bob@x.com', 'admin'), declared('cy@x.com', 'view')],
      { minAdmins: 3 },
    ),
    operations: ['inviteMember cy@x.com view', 'modifyMember bob@x.com edit->admin (promote)'],
    warnings: 1,
  },
  {
    name: "removing the token's own user is refused",
    live: liveOrg({ members: [alice, member('u-ci', 'ci@x.com', 'admin')] }),
    desired: desiredOrg([aliceDeclared]),
    tokenUser: { userId: 'u-ci', email: 'ci@x.com' },
    operations: ['removeMember ci@x.com'],
    refusals: ['tokenUser'],
  },
  {
    name: "demoting the token's own user is refused (matched by email)",
    live: liveOrg({ members: [alice, member('u-ci', 'ci@x.com', 'admin')] }),
    desired: desiredOrg([aliceDeclared, declared('ci@x.com', 'edit')]),
    tokenUser: { userId: 'other-id', email: 'CI@x.com' },
    operations: ['modifyMember ci@x.com admin->edit (demote)'],
    refusals: ['tokenUser'],
  },
  {
    name: "changing only the token's own user's resource roles is allowed",
    live: liveOrg({
      members: [alice, member('u-ci', 'ci@x.com', access('admin', [['app1', 'view']]))],
    }),
    desired: desiredOrg([aliceDeclared, declared('ci@x.com', 'admin')]),
    tokenUser: { userId: 'u-ci', email: 'ci@x.com' },
    operations: ['modifyMember ci@x.com admin->admin (modify)'],
  },
  {
    name: 'more removals than maxRemovals are refused',
    live: liveOrg({ members: [alice, ...someMembers(6)] }),
    desired: desiredOrg([aliceDeclared], { maxRemovals: 5 }),
    operations: [
      'removeMember p00@x.com',
      'removeMember p01@x.com',
      'removeMember p02@x.com',
      'removeMember p03@x.com',
      'removeMember p04@x.com',
      'removeMember p05@x.com',
    ],
    refusals: ['maxRemovals'],
  },
  {
    name: '--allow-removals covering the count lets them through',
    live: liveOrg({ members: [alice, ...someMembers(6)] }),
    desired: desiredOrg([aliceDeclared], { maxRemovals: 5 }),
    allowRemovals: 6,
    operations: [
      'removeMember p00@x.com',
      'removeMember p01@x.com',
      'removeMember p02@x.com',
      'removeMember p03@x.com',
      'removeMember p04@x.com',
      'removeMember p05@x.com',
    ],
  },
  {
    name: 'more than a quarter of an org of ten or more is refused whatever maxRemovals says',
    live: liveOrg({
      members: [alice, ...someMembers(9)],
      invites: [invite('i-1', 'q1@x.com', 'view'), invite('i-2', 'q2@x.com', 'view')],
    }),
    desired: desiredOrg([aliceDeclared, ...someMembers(7).map((m) => declared(m.email, 'view'))], {
      maxRemovals: 50,
    }),
    operations: [
      'revokeInvite q1@x.com i-1 undeclared',
      'revokeInvite q2@x.com i-2 undeclared',
      'removeMember p07@x.com',
      'removeMember p08@x.com',
    ],
    refusals: ['maxRemovals'],
  },
  {
    name: 're-sends and duplicates do not count as removals',
    live: liveOrg({
      members: [alice],
      invites: [
        invite('i-a', 'a@x.com', 'view'),
        invite('i-b', 'b@x.com', 'view'),
        invite('i-b2', 'b@x.com', 'edit', { daysAgo: 3 }),
      ],
    }),
    desired: desiredOrg([aliceDeclared, declared('a@x.com', 'edit'), declared('b@x.com', 'view')], {
      maxRemovals: 0,
    }),
    operations: [
      'revokeInvite a@x.com i-a resend',
      `inviteMember a@x.com edit resend after ${ORG_ID}:1`,
      'revokeInvite b@x.com i-b2 duplicate',
    ],
    awaiting: ['b@x.com 1'],
    // The re-send (revoke and invite) is one change; the duplicate is a removal, not one the guard counts.
    counts: { additions: 0, changes: 1, removals: 1 },
  },
  {
    name: 'several problems: minAdmins, tokenUser and maxRemovals all refuse',
    live: liveOrg({ members: [alice, ...someMembers(2)] }),
    desired: desiredOrg([], { maxRemovals: 1 }),
    tokenUser: { userId: 'u-alice', email: 'alice@x.com' },
    operations: ['removeMember alice@x.com', 'removeMember p00@x.com', 'removeMember p01@x.com'],
    refusals: ['minAdmins', 'tokenUser', 'maxRemovals'],
  },
];

describe('buildPlan on a table of cases', () => {
  it('has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('$name', (c) => {
    const input = { desired: c.desired, live: c.live, now: NOW, tokenUser: c.tokenUser ?? null };
    const plan = buildPlan(
      c.allowRemovals === undefined ? input : { ...input, allowRemovals: c.allowRemovals },
    );

    expect(plan.operations.map(project)).toEqual(c.operations);
    expect(plan.operations.map((op) => op.id)).toEqual(
      c.operations.map((_, i) => `${ORG_ID}:${i + 1}`),
    );
    expect(plan.awaiting.map((a) => `${a.email} ${a.ageDays}`)).toEqual(c.awaiting ?? []);
    expect(plan.refusals.map((r) => r.guard)).toEqual(c.refusals ?? []);
    expect(plan.warnings.length).toBe(c.warnings ?? 0);
    if (c.counts !== undefined) expect(plan.counts).toEqual(c.counts);
    expectValidPlanJson({ formatVersion: 1, orgs: [plan], hash: '0'.repeat(64) });
  });
});

describe('the member limit', () => {
  it('refuses a plan whose invites need seats that only the removal of an admin frees', () => {
    const alice = member('u-alice', 'alice@x.com', 'admin');
    const live = liveOrg({
      memberLimit: 2,
      members: [alice, member('u-bob', 'bob@x.com', 'admin')],
    });
    const desired = desiredOrg([declared('alice@x.com', 'admin'), declared('new@x.com', 'view')]);

    const plan = buildPlan({ desired, live, now: NOW });

    expect(plan.operations.map((o) => `${o.phase} ${o.action}`)).toEqual([
      'invite inviteMember',
      'remove removeMember',
    ]);
    expect(plan.refusals).toEqual([
      {
        guard: 'memberLimit',
        message:
          'inviting new@x.com would pass the member limit of 2 (3 seats taken) before the removals of admins that free the seats; ' +
          'admins are removed last, so that minAdmins holds at every step',
        override:
          'apply in two steps: first without the new invites (the removals free the seats), then with them',
      },
    ]);
  });

  it('never refuses a plan that takes no seat, even in an org already over its limit', () => {
    const alice = member('u-alice', 'alice@x.com', 'admin');
    const live = liveOrg({
      memberLimit: 1,
      members: [alice, member('u-bob', 'bob@x.com', 'view')],
    });
    const desired = desiredOrg([declared('alice@x.com', 'admin'), declared('bob@x.com', 'edit')]);

    expect(buildPlan({ desired, live, now: NOW }).refusals).toEqual([]);
  });
});
