// Whole operations, bodies and reasons as the API and a reader get them; buildPlans and its warning.
import { describe, expect, it } from 'vitest';
import { parseExpiry } from '../../src/model/expiry.js';
import { buildPlan, buildPlans } from '../../src/plan/build-plan.js';
import { TOKEN_USER_UNKNOWN_WARNING } from '../../src/plan/guards.js';
import { fingerprintLiveOrg } from '../../src/plan/fingerprint.js';
import {
  access,
  declared,
  DECLARED_AT,
  desiredOrg,
  expectValidPlanJson,
  invite,
  liveOrg,
  member,
  NOW,
  ORG_ID,
} from './plan-fixtures.js';

const alice = member('u-alice', 'alice@x.com', 'admin');

describe('buildPlan operations', () => {
  it('patches only the differing declared properties, with their RFC 6902 diff', () => {
    const live = liveOrg({
      members: [alice],
      properties: { name: 'Old', description: 'same', mfaMode: 'notRequired' },
    });
    const desired = desiredOrg(
      undefined,
      {},
      {
        name: 'Acme IoT',
        description: 'same',
        mfaMode: 'required',
        billingEmail: 'b@x.com',
      },
    );

    const plan = buildPlan({ desired, live, now: NOW });

    expect(plan.operations).toEqual([
      {
        id: `${ORG_ID}:1`,
        orgId: ORG_ID,
        phase: 'patch',
        reason: 'name, mfaMode, billingEmail differ from the file',
        dependsOn: [],
        action: 'patch',
        target: {},
        before: { name: 'Old', mfaMode: 'notRequired' },
        after: { name: 'Acme IoT', mfaMode: 'required', billingEmail: 'b@x.com' },
        body: { name: 'Acme IoT', mfaMode: 'required', billingEmail: 'b@x.com' },
        patch: [
          { op: 'replace', path: '/mfaMode', value: 'required' },
          { op: 'replace', path: '/name', value: 'Acme IoT' },
          { op: 'add', path: '/billingEmail', value: 'b@x.com' },
        ],
      },
    ]);
  });

  it('invites with resource roles sorted and disallowTransfer only when declared', () => {
    const live = liveOrg({ members: [alice] });
    const desired = desiredOrg([
      declared('alice@x.com', 'admin'),
      declared(
        'Bob@x.com',
        access(
          'collaborate',
          [
            ['app2', 'view'],
            ['app1', 'collaborate'],
          ],
          [['d1', 'view']],
        ),
        {
          disallowTransfer: true,
        },
      ),
      declared('cy@x.com', 'view'),
    ]);

    const plan = buildPlan({ desired, live, now: NOW });

    expect(plan.operations).toEqual([
      {
        id: `${ORG_ID}:1`,
        orgId: ORG_ID,
        phase: 'invite',
        reason: 'not a member yet',
        dependsOn: [],
        source: DECLARED_AT,
        action: 'inviteMember',
        target: { email: 'Bob@x.com' },
        before: null,
        after: access(
          'collaborate',
          [
            ['app1', 'collaborate'],
            ['app2', 'view'],
          ],
          [['d1', 'view']],
        ),
        body: {
          email: 'Bob@x.com',
          role: 'collaborate',
          applicationRoles: [
            { resourceId: 'app1', role: 'collaborate' },
            { resourceId: 'app2', role: 'view' },
          ],
          dashboardRoles: [{ resourceId: 'd1', role: 'view' }],
          disallowTransfer: true,
        },
      },
      {
        id: `${ORG_ID}:2`,
        orgId: ORG_ID,
        phase: 'invite',
        reason: 'not a member yet',
        dependsOn: [],
        source: DECLARED_AT,
        action: 'inviteMember',
        target: { email: 'cy@x.com' },
        before: null,
        after: access('view'),
        body: { email: 'cy@x.com', role: 'view', applicationRoles: [], dashboardRoles: [] },
      },
    ]);
  });

  it('modifies a member with the whole access in the body and a readable reason', () => {
    const live = liveOrg({
      members: [
        alice,
        member(
          'u-carol',
          'carol@x.com',
          access('edit', [
            ['app1', 'view'],
            ['app3', 'view'],
          ]),
        ),
      ],
    });
    const desired = desiredOrg([
      declared('alice@x.com', 'admin'),
      declared(
        'carol@x.com',
        access('admin', [
          ['app2', 'view'],
          ['app1', 'collaborate'],
        ]),
      ),
    ]);

    const plan = buildPlan({ desired, live, now: NOW });

    expect(plan.operations).toEqual([
      {
        id: `${ORG_ID}:1`,
        orgId: ORG_ID,
        phase: 'promote',
        reason: 'role edit -> admin; application roles: 1 added, 1 changed, 1 removed',
        dependsOn: [],
        source: DECLARED_AT,
        action: 'modifyMember',
        target: { email: 'carol@x.com', userId: 'u-carol' },
        before: access('edit', [
          ['app1', 'view'],
          ['app3', 'view'],
        ]),
        after: access('admin', [
          ['app1', 'collaborate'],
          ['app2', 'view'],
        ]),
        body: {
          userId: 'u-carol',
          role: 'admin',
          applicationRoles: [
            { resourceId: 'app1', role: 'collaborate' },
            { resourceId: 'app2', role: 'view' },
          ],
          dashboardRoles: [],
        },
      },
    ]);
  });

  it('re-sends an expired invite: the revoke first, the invite depending on it', () => {
    const live = liveOrg({
      members: [alice],
      invites: [invite('i-gus', 'gus@x.com', 'edit', { daysAgo: 10 })],
    });
    const desired = desiredOrg([declared('alice@x.com', 'admin'), declared('gus@x.com', 'edit')]);

    const plan = buildPlan({ desired, live, now: NOW });

    expect(plan.operations).toEqual([
      {
        id: `${ORG_ID}:1`,
        orgId: ORG_ID,
        phase: 'invite',
        reason: 'invite expired 3 days ago; re-sending',
        dependsOn: [],
        source: DECLARED_AT,
        action: 'revokeInvite',
        target: { email: 'gus@x.com', inviteId: 'i-gus' },
        before: access('edit'),
        after: null,
        query: { inviteId: 'i-gus' },
        kind: 'resend',
      },
      {
        id: `${ORG_ID}:2`,
        orgId: ORG_ID,
        phase: 'invite',
        reason: 'invite expired 3 days ago; re-sending',
        dependsOn: [`${ORG_ID}:1`],
        source: DECLARED_AT,
        action: 'inviteMember',
        target: { email: 'gus@x.com' },
        before: null,
        after: access('edit'),
        body: { email: 'gus@x.com', role: 'edit', applicationRoles: [], dashboardRoles: [] },
        resend: true,
      },
    ]);
    expect(plan.counts).toEqual({ additions: 0, changes: 1, removals: 0 });
  });

  it('says which access an invite has when it re-sends it', () => {
    const live = liveOrg({ members: [alice], invites: [invite('i-gus', 'gus@x.com', 'view')] });
    const desired = desiredOrg([declared('alice@x.com', 'admin'), declared('gus@x.com', 'edit')]);

    const plan = buildPlan({ desired, live, now: NOW });

    expect(plan.operations.map((op) => op.reason)).toEqual([
      'invite has other access (view -> edit); re-sending',
      'invite has other access (view -> edit); re-sending',
    ]);
  });

  it('removes and revokes with the query the API wants', () => {
    const live = liveOrg({
      members: [alice, member('u-erin', 'erin@x.com', 'view')],
      invites: [invite('i-f', 'frank@x.com', 'collaborate')],
    });
    const desired = desiredOrg([declared('alice@x.com', 'admin')]);

    const plan = buildPlan({ desired, live, now: NOW });

    expect(plan.operations).toEqual([
      {
        id: `${ORG_ID}:1`,
        orgId: ORG_ID,
        phase: 'revoke',
        reason: 'not in the file',
        dependsOn: [],
        action: 'revokeInvite',
        target: { email: 'frank@x.com', inviteId: 'i-f' },
        before: access('collaborate'),
        after: null,
        query: { inviteId: 'i-f' },
        kind: 'undeclared',
      },
      {
        id: `${ORG_ID}:2`,
        orgId: ORG_ID,
        phase: 'remove',
        reason: 'not in the file',
        dependsOn: [],
        action: 'removeMember',
        target: { email: 'erin@x.com', userId: 'u-erin' },
        before: access('view'),
        after: null,
        query: { userId: 'u-erin' },
      },
    ]);
    expect(plan.counts).toEqual({ additions: 0, changes: 0, removals: 2 });
  });

  it('returns the whole org plan: awaiting with ages, warnings, counts, fingerprint', () => {
    const live = liveOrg({
      members: [alice],
      invites: [
        invite('i-a', 'ann@x.com', 'view', { daysAgo: 4 }),
        invite('i-old', 'old@x.com', 'view', { daysAgo: 12 }),
      ],
    });
    const desired = desiredOrg(
      [
        declared('alice@x.com', 'admin'),
        declared('ann@x.com', 'view'),
        declared('old@x.com', 'view'),
      ],
      { resendExpiredInvites: false },
    );

    const plan = buildPlan({ desired, live, now: NOW });

    expect(plan).toEqual({
      orgId: ORG_ID,
      orgName: 'Acme IoT',
      file: 'orgs/acme.yaml',
      operations: [],
      awaiting: [
        { email: 'ann@x.com', inviteId: 'i-a', inviteDate: '2024-06-11T12:00:00.000Z', ageDays: 4 },
      ],
      counts: { additions: 0, changes: 0, removals: 0 },
      refusals: [],
      warnings: [
        'the invite of old@x.com expired 5 days ago; policy.resendExpiredInvites is false, so it is left as it is',
      ],
      fingerprint: fingerprintLiveOrg(live),
      seats: { members: 1, pendingInvites: 1 },
    });
  });
});

describe('guard messages', () => {
  it('explains that a pending admin invite does not count yet', () => {
    const live = liveOrg({ members: [alice] });
    const desired = desiredOrg([
      declared('alice@x.com', 'edit'),
      declared('newadmin@x.com', 'admin'),
    ]);

    const plan = buildPlan({ desired, live, now: NOW });

    expect(plan.refusals).toEqual([
      {
        guard: 'minAdmins',
        message:
          'demoting alice@x.com (admin -> edit) would leave 0 admins, fewer than policy.minAdmins (1); ' +
          'pending invites do not count as admins until they are accepted, so inviting newadmin@x.com as admin does not help yet',
        override:
          'apply in two steps: first keep alice@x.com as admin in the file and apply the invite; ' +
          'once newadmin@x.com has accepted, apply the demotion. Or lower policy.minAdmins',
      },
    ]);
  });

  it('says the count, the limit and how to override removals', () => {
    const members = Array.from({ length: 7 }, (_, i) => member(`u-${i}`, `p${i}@x.com`, 'view'));
    const live = liveOrg({ members: [alice, ...members] });
    const desired = desiredOrg([declared('alice@x.com', 'admin')], { maxRemovals: 5 });

    const refused = buildPlan({ desired, live, now: NOW });
    const notEnough = buildPlan({ desired, live, now: NOW, allowRemovals: 3 });

    expect(refused.refusals).toEqual([
      {
        guard: 'maxRemovals',
        message:
          '7 removals (7 members removed, 0 undeclared invites revoked): more than policy.maxRemovals (5)',
        override:
          'if these removals are intended, rerun with --allow-removals 7, or set policy.maxRemovals to 7 or more',
      },
    ]);
    expect(notEnough.refusals.map((r) => r.message)).toEqual([
      '7 removals (7 members removed, 0 undeclared invites revoked): more than policy.maxRemovals (5); --allow-removals 3 does not cover them',
    ]);
  });

  it('names the quarter rule, which only --allow-removals overrides', () => {
    const members = Array.from({ length: 11 }, (_, i) => member(`u-${i}`, `p${i}@x.com`, 'view'));
    const live = liveOrg({ members: [alice, ...members] });
    const keep = members.slice(0, 7).map((m) => declared(m.email, 'view'));
    const desired = desiredOrg([declared('alice@x.com', 'admin'), ...keep], { maxRemovals: 100 });

    const plan = buildPlan({ desired, live, now: NOW });

    expect(plan.refusals).toEqual([
      {
        guard: 'maxRemovals',
        message:
          "4 removals (4 members removed, 0 undeclared invites revoked): more than a quarter of the org's 12 members and pending invites (3)",
        override: 'if these removals are intended, rerun with --allow-removals 4',
      },
    ]);
  });

  it('maxChanges: counts role changes and re-sent invites, names the override, and is off by default', () => {
    const live = liveOrg({
      members: [alice, member('u-b', 'b@x.com', 'view'), member('u-c', 'c@x.com', 'view')],
      invites: [invite('i-d', 'd@x.com', 'view', { daysAgo: 30 })],
    });
    const desired = (maxChanges: number | null = null) =>
      desiredOrg(
        [
          declared('alice@x.com', 'admin'),
          declared('b@x.com', 'edit'),
          declared('c@x.com', access('view', [['5a1b2c3d4e5f60718293a4b5', 'view']])),
          declared('d@x.com', 'view'),
          declared('new@x.com', 'view'),
        ],
        { maxChanges },
        { name: 'Renamed' },
      );

    const unlimited = buildPlan({ desired: desired(), live, now: NOW });
    const refused = buildPlan({ desired: desired(2), live, now: NOW });
    const notEnough = buildPlan({ desired: desired(2), live, now: NOW, allowChanges: 2 });
    const allowed = buildPlan({ desired: desired(2), live, now: NOW, allowChanges: 3 });
    const withinPolicy = buildPlan({ desired: desired(3), live, now: NOW });

    expect(unlimited.refusals).toEqual([]);
    expect(refused.refusals).toEqual([
      {
        guard: 'maxChanges',
        message:
          '3 changes to existing members and invites (2 members changed, 1 invite re-sent): more than policy.maxChanges (2)',
        override:
          'if these changes are intended, rerun with --allow-changes 3, or set policy.maxChanges to 3 or more',
      },
    ]);
    expect(notEnough.refusals.map((r) => r.message)).toEqual([
      '3 changes to existing members and invites (2 members changed, 1 invite re-sent): more than policy.maxChanges (2); --allow-changes 2 does not cover them',
    ]);
    expect(allowed.refusals).toEqual([]);
    expect(withinPolicy.refusals).toEqual([]);
  });

  it('allowedEmailDomains: warns about live people outside the domains that the file does not declare', () => {
    const live = liveOrg({
      members: [
        alice,
        member('u-g', 'gus@gmail.example', 'view'),
        member('u-s', 'sam@vendor.example', 'edit'),
        member('u-l', 'help@losant.example', 'admin'),
      ],
      invites: [invite('i-m', 'mo@mail.example', 'view'), invite('i-x', 'xi@lab.x.com', 'view')],
    });
    const desired = desiredOrg([declared('alice@x.com', 'admin')], {
      allowedEmailDomains: ['x.com', '*.x.com'],
      removeUndeclaredMembers: false,
      unmanaged: ['*@losant.example'],
      maxRemovals: 10,
    });

    const plan = buildPlan({ desired, live, now: NOW });

    expect(plan.warnings).toEqual([
      'member gus@gmail.example (view) is outside policy.allowedEmailDomains (x.com, *.x.com) and not in the file; it is left alone (policy.removeUndeclaredMembers is false)',
      'member sam@vendor.example (edit) is outside policy.allowedEmailDomains (x.com, *.x.com) and not in the file; it is left alone (policy.removeUndeclaredMembers is false)',
      'the invite of mo@mail.example (view) is outside policy.allowedEmailDomains (x.com, *.x.com) and not in the file; this plan revokes it',
    ]);
  });

  it('expires: after it the access is gone; within expiryWarningDays it is listed, not changed', () => {
    // NOW is 2024-06-15T12:00Z.
    const until = (text: string) => ({ expires: parseExpiry(text) ?? { at: 0, text } });
    const live = liveOrg({
      members: [
        alice,
        member('u-b', 'bo@x.com', 'view'),
        member('u-c', 'cy@x.com', 'view'),
        member('u-d', 'di@x.com', 'view'),
      ],
      invites: [
        invite('i-e', 'ed@x.com', 'view'),
        invite('i-f', 'fa@x.com', 'view', { daysAgo: 30 }),
      ],
    });
    const desired = desiredOrg(
      [
        declared('alice@x.com', 'admin'),
        { ...declared('bo@x.com', 'view'), ...until('2024-06-14') },
        { ...declared('cy@x.com', 'view'), ...until('2024-06-15') },
        { ...declared('di@x.com', 'view'), ...until('2024-06-29T11:00:00Z') },
        { ...declared('ed@x.com', 'view'), ...until('2024-06-15T11:59:59Z') },
        { ...declared('fa@x.com', 'view'), ...until('2024-01-01') },
        { ...declared('gi@x.com', 'view'), ...until('2024-06-01') },
        { ...declared('hu@x.com', 'view'), ...until('2024-07-30') },
      ],
      { removeUndeclaredMembers: false, revokeUndeclaredInvites: false },
    );

    const plan = buildPlan({ desired, live, now: NOW });
    const tight = buildPlan({
      desired: { ...desired, policy: { ...desired.policy, maxRemovals: 2 } },
      live,
      now: NOW,
    });

    expect(plan.operations.map((op) => [op.action, op.target.email ?? '', op.reason])).toEqual([
      ['inviteMember', 'hu@x.com', 'not a member yet'],
      ['revokeInvite', 'ed@x.com', 'access expired on 2024-06-15T11:59:59Z'],
      ['revokeInvite', 'fa@x.com', 'access expired on 2024-01-01'],
      ['removeMember', 'bo@x.com', 'access expired on 2024-06-14'],
    ]);
    expect(
      plan.operations.filter((op) => op.action === 'revokeInvite').map((op) => op.kind),
    ).toEqual(['expired', 'expired']);
    expect(plan.expiring).toEqual([
      { email: 'cy@x.com', expires: '2024-06-15', daysLeft: 0 },
      { email: 'di@x.com', expires: '2024-06-29T11:00:00Z', daysLeft: 13 },
    ]);
    expect(plan.counts).toEqual({ additions: 1, changes: 0, removals: 3 });
    expect(tight.refusals.map((r) => r.message)).toEqual([
      '3 removals (1 member removed, 0 undeclared invites revoked, 2 invites of expired access revoked): more than policy.maxRemovals (2)',
    ]);
  });

  it("refuses removing the token's own user and says how to keep it", () => {
    const live = liveOrg({ members: [alice, member('u-ci', 'ci@x.com', 'admin')] });
    const desired = desiredOrg([declared('alice@x.com', 'admin')]);

    const plan = buildPlan({
      desired,
      live,
      now: NOW,
      tokenUser: { userId: 'u-ci', email: 'ci@x.com' },
    });

    expect(plan.refusals).toEqual([
      {
        guard: 'tokenUser',
        message:
          "the plan removes ci@x.com, the user this API token belongs to; Losant lets an administrator change the role of any member other than themselves, so losant-org never changes the token's own membership",
        override:
          "declare ci@x.com in the file as it is now: { email: ci@x.com, role: admin }, or run with another admin's token",
      },
    ]);
  });
});

describe('buildPlans', () => {
  it('keeps the orgs in the order given and warns once when the token user is unknown', () => {
    const first = {
      desired: { ...desiredOrg([declared('alice@x.com', 'admin')]), orgId: 'org-b' },
      live: { ...liveOrg({ members: [alice] }), id: 'org-b' },
    };
    const second = {
      desired: { ...desiredOrg([declared('alice@x.com', 'admin')]), orgId: 'org-a' },
      live: { ...liveOrg({ members: [alice] }), id: 'org-a' },
    };

    const plan = buildPlans([
      { ...first, now: NOW, tokenUser: null },
      { ...second, now: NOW, tokenUser: null },
    ]);

    expect(plan.orgs.map((o) => o.orgId)).toEqual(['org-b', 'org-a']);
    expect(plan.warnings).toEqual([TOKEN_USER_UNKNOWN_WARNING]);
    expect(plan.orgs.map((o) => o.warnings)).toEqual([[], []]);
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
    expectValidPlanJson(plan);
  });

  it('has no plan-level warning when the token user is known', () => {
    const plan = buildPlans([
      {
        desired: desiredOrg([declared('alice@x.com', 'admin')]),
        live: liveOrg({ members: [alice] }),
        now: NOW,
        tokenUser: { userId: 'u-alice', email: 'alice@x.com' },
      },
    ]);

    expect(plan.warnings).toBeUndefined();
  });
});
