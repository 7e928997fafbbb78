// The planner's details a reader sees: reasons and warnings word for word, orders that do not depend
// on the order of the file or of the live org, and which operations free seats first.
import { describe, expect, it } from 'vitest';
import type { DesiredMember } from '../../src/model/desired-org.js';
import { buildPlan, buildPlans, type BuildPlanInput } from '../../src/plan/build-plan.js';
import { TOKEN_USER_UNKNOWN_WARNING } from '../../src/plan/guards.js';
import {
  DAY,
  declared,
  desiredOrg,
  invite,
  liveOrg,
  member,
  NOW,
  ORG_ID,
  project,
} from './plan-fixtures.js';

const ADMIN = member('u-admin', 'admin@x.com', 'admin');
const keepAdmin = declared('admin@x.com', 'admin');

function plan(input: Omit<BuildPlanInput, 'now'>): ReturnType<typeof buildPlan> {
  return buildPlan({ ...input, now: NOW });
}

function reasons(p: ReturnType<typeof buildPlan>): string[] {
  return p.operations.map((op) => `${project(op)}: ${op.reason}`);
}

function expiresAt(d: DesiredMember, at: number, text: string): DesiredMember {
  return { ...d, expires: { at, text } };
}

describe('org properties', () => {
  it('one differing property "differs"', () => {
    const p = plan({
      live: liveOrg({ members: [ADMIN], properties: { name: 'Old' } }),
      desired: desiredOrg(undefined, {}, { name: 'New' }),
    });
    expect(p.operations.map((op) => op.reason)).toEqual(['name differs from the file']);
  });

  it('billingEmail is compared without case; the other properties are not', () => {
    const live = liveOrg({
      members: [ADMIN],
      properties: { name: 'Acme', billingEmail: 'Billing@X.com' },
    });
    expect(
      plan({ live, desired: desiredOrg(undefined, {}, { billingEmail: 'billing@x.com' }) })
        .operations,
    ).toEqual([]);
    expect(
      plan({ live, desired: desiredOrg(undefined, {}, { name: 'ACME' }) }).operations.map(
        (op) => op.reason,
      ),
    ).toEqual(['name differs from the file']);
    expect(
      plan({ live, desired: desiredOrg(undefined, {}, { billingEmail: 'other@x.com' }) }).operations
        .length,
    ).toBe(1);
    expect(
      plan({
        live: liveOrg({ members: [ADMIN], properties: { name: 'Acme' } }),
        desired: desiredOrg(undefined, {}, { billingEmail: 'billing@x.com' }),
      }).operations.length,
    ).toBe(1);
  });
});

describe('invites', () => {
  it('an invite without disallowTransfer matches a file that says false', () => {
    const p = plan({
      live: liveOrg({ members: [ADMIN], invites: [invite('i1', 'bo@x.com', 'view')] }),
      desired: desiredOrg([keepAdmin, declared('bo@x.com', 'view', { disallowTransfer: false })]),
    });
    expect(p.operations).toEqual([]);
    expect(p.awaiting.map((a) => a.inviteId)).toEqual(['i1']);
  });

  it.each([
    [undefined, true, 'invite has disallowTransfer false, the file says true; re-sending'],
    [false, true, 'invite has disallowTransfer false, the file says true; re-sending'],
    [true, false, 'invite has disallowTransfer true, the file says false; re-sending'],
  ])('a pending invite with disallowTransfer %s, the file %s: %s', (was, wanted, reason) => {
    const p = plan({
      live: liveOrg({
        members: [ADMIN],
        invites: [
          invite('i1', 'bo@x.com', 'view', was === undefined ? {} : { disallowTransfer: was }),
        ],
      }),
      desired: desiredOrg([keepAdmin, declared('bo@x.com', 'view', { disallowTransfer: wanted })]),
    });
    expect(reasons(p)).toEqual([
      `revokeInvite bo@x.com i1 resend: ${reason}`,
      `inviteMember bo@x.com view resend after ${ORG_ID}:1: ${reason}`,
    ]);
  });

  it('duplicates are revoked with their reason, in invite id order whatever their dates', () => {
    const p = plan({
      live: liveOrg({
        members: [ADMIN, member('u-cy', 'cy@x.com', 'view')],
        invites: [
          invite('i-m', 'bo@x.com', 'view', { daysAgo: 1 }),
          invite('i-z', 'bo@x.com', 'view', { daysAgo: 2 }),
          invite('i-a', 'bo@x.com', 'view', { daysAgo: 3 }),
          invite('i-c', 'cy@x.com', 'view'),
          invite('i-d', 'di@x.com', 'edit', { daysAgo: 2 }),
          invite('i-e', 'di@x.com', 'edit', { daysAgo: 1 }),
        ],
      }),
      desired: desiredOrg([
        keepAdmin,
        declared('bo@x.com', 'view'),
        declared('cy@x.com', 'view'),
        declared('di@x.com', 'view'),
      ]),
    });
    expect(reasons(p)).toEqual([
      'revokeInvite di@x.com i-e resend: invite has other access (edit -> view); re-sending',
      `inviteMember di@x.com view resend after ${ORG_ID}:1: invite has other access (edit -> view); re-sending`,
      'revokeInvite bo@x.com i-a duplicate: duplicate invite; the newest one is kept',
      'revokeInvite bo@x.com i-z duplicate: duplicate invite; the newest one is kept',
      'revokeInvite cy@x.com i-c duplicate: duplicate invite: already a member',
      'revokeInvite di@x.com i-d duplicate: duplicate invite; a new one is sent',
    ]);
  });

  it('an invite that expired today says "today"', () => {
    // Sent 7 days and 1 hour ago: its 7-day ttl ended an hour ago.
    const sent = invite('i1', 'bo@x.com', 'view', { daysAgo: 7 + 1 / 24 });
    const p = plan({
      live: liveOrg({ members: [ADMIN], invites: [sent] }),
      desired: desiredOrg([keepAdmin, declared('bo@x.com', 'view')]),
    });
    expect(p.operations.map((op) => op.reason)).toEqual([
      'invite expired today; re-sending',
      'invite expired today; re-sending',
    ]);
  });

  it('expired invites left alone (resendExpiredInvites false): warned in email order, their duplicates revoked', () => {
    const p = plan({
      live: liveOrg({
        members: [ADMIN],
        invites: [
          invite('i-z1', 'zed@x.com', 'view', { daysAgo: 10 }),
          invite('i-z2', 'zed@x.com', 'view', { daysAgo: 12 }),
          invite('i-a1', 'amy@x.com', 'edit', { daysAgo: 9 }),
        ],
      }),
      desired: desiredOrg(
        [keepAdmin, declared('zed@x.com', 'view'), declared('amy@x.com', 'view')],
        { resendExpiredInvites: false },
      ),
    });
    expect(p.warnings).toEqual([
      'the invite of amy@x.com expired 2 days ago (it has other access: edit -> view); policy.resendExpiredInvites is false, so it is left as it is',
      'the invite of zed@x.com expired 3 days ago; policy.resendExpiredInvites is false, so it is left as it is',
    ]);
    expect(reasons(p)).toEqual([
      'revokeInvite zed@x.com i-z2 duplicate: duplicate invite; the newest one is kept',
    ]);
  });

  it('awaiting invites are listed by email, whatever their ids', () => {
    const p = plan({
      live: liveOrg({
        members: [ADMIN],
        invites: [invite('i-1', 'zed@x.com', 'view'), invite('i-9', 'amy@x.com', 'view')],
      }),
      desired: desiredOrg([
        keepAdmin,
        declared('zed@x.com', 'view'),
        declared('amy@x.com', 'view'),
      ]),
    });
    expect(p.awaiting.map((a) => a.email)).toEqual(['amy@x.com', 'zed@x.com']);
  });

  it('a declared address that matches policy.unmanaged is left alone with a warning', () => {
    const p = plan({
      live: liveOrg({ members: [ADMIN] }),
      desired: desiredOrg([keepAdmin, declared('Bot@X.com', 'view')], { unmanaged: ['bot@*'] }),
    });
    expect(p.operations).toEqual([]);
    expect(p.warnings).toEqual([
      'Bot@X.com is declared but matches policy.unmanaged; it is left alone',
    ]);
  });
});

describe('expiring access', () => {
  it('includes access ending exactly policy.expiryWarningDays from now; soonest first, then by email', () => {
    const soon = NOW + 2 * DAY;
    const edge = NOW + 14 * DAY;
    const p = plan({
      live: liveOrg({
        members: [
          ADMIN,
          member('u-z', 'zed@x.com', 'view'),
          member('u-b', 'bea@x.com', 'view'),
          member('u-a', 'amy@x.com', 'view'),
          member('u-f', 'far@x.com', 'view'),
        ],
      }),
      desired: desiredOrg([
        keepAdmin,
        expiresAt(declared('zed@x.com', 'view'), edge, 'edge'),
        expiresAt(declared('bea@x.com', 'view'), soon, 'soon'),
        expiresAt(declared('amy@x.com', 'view'), edge, 'edge'),
        expiresAt(declared('far@x.com', 'view'), edge + 1, 'far'),
      ]),
    });
    expect(p.expiring).toEqual([
      { email: 'bea@x.com', expires: 'soon', daysLeft: 2 },
      { email: 'amy@x.com', expires: 'edge', daysLeft: 14 },
      { email: 'zed@x.com', expires: 'edge', daysLeft: 14 },
    ]);
  });
});

describe('freeing seats first', () => {
  const others = [member('u-b', 'bo@x.com', 'view'), member('u-c', 'cy@x.com', 'admin')];

  it('at the member limit: pending invites revoked and non-admins removed before the invites; admins last', () => {
    const p = plan({
      live: liveOrg({
        members: [ADMIN, ...others],
        invites: [
          invite('i-p', 'pending@x.com', 'view'),
          invite('i-x', 'expired@x.com', 'view', { daysAgo: 30 }),
          invite('i-r', 'resent@x.com', 'edit'),
        ],
        memberLimit: 6,
      }),
      desired: desiredOrg([
        keepAdmin,
        declared('resent@x.com', 'view'),
        declared('n1@x.com', 'view'),
        declared('n2@x.com', 'view'),
      ]),
    });
    expect(p.operations.map((op) => `${op.phase} ${project(op)}`)).toEqual([
      'freeSeats removeMember bo@x.com',
      'freeSeats revokeInvite pending@x.com i-p undeclared',
      'invite inviteMember n1@x.com view',
      'invite inviteMember n2@x.com view',
      'invite revokeInvite resent@x.com i-r resend',
      `invite inviteMember resent@x.com view resend after ${ORG_ID}:5`,
      'revoke revokeInvite expired@x.com i-x undeclared',
      'remove removeMember cy@x.com',
    ]);
    expect(p.refusals).toEqual([]);
  });

  it.each([
    ['without a member limit', undefined],
    ['below the member limit', 10],
  ])('%s, removals stay last', (_name, limit) => {
    const p = plan({
      live: liveOrg({
        members: [ADMIN, ...others],
        invites: [invite('i-p', 'pending@x.com', 'view')],
        ...(limit === undefined ? {} : { memberLimit: limit }),
      }),
      desired: desiredOrg([keepAdmin, declared('n1@x.com', 'view')]),
    });
    expect(p.operations.map((op) => `${op.phase} ${project(op)}`)).toEqual([
      'invite inviteMember n1@x.com view',
      'revoke revokeInvite pending@x.com i-p undeclared',
      'remove removeMember bo@x.com',
      'remove removeMember cy@x.com',
    ]);
  });
});

describe('the minAdmins warning', () => {
  it('an org with fewer admins than minAdmins is warned about, when the file declares members', () => {
    const live = liveOrg({ members: [member('u-b', 'bo@x.com', 'edit')] });
    expect(plan({ live, desired: desiredOrg([declared('bo@x.com', 'edit')]) }).warnings).toEqual([
      'the org has 0 admins, fewer than policy.minAdmins (1)',
    ]);
    expect(
      plan({ live, desired: desiredOrg(undefined, {}, { name: 'Acme IoT' }) }).warnings,
    ).toEqual([]);
  });
});

describe('buildPlans', () => {
  it('warns once that the token user is unknown when any org was planned without it', () => {
    const input = {
      live: liveOrg({ members: [ADMIN] }),
      desired: desiredOrg([keepAdmin]),
      now: NOW,
    };
    expect(
      buildPlans([
        { ...input, tokenUser: { userId: 'u-admin', email: 'admin@x.com' } },
        { ...input, tokenUser: null },
      ]).warnings,
    ).toEqual([TOKEN_USER_UNKNOWN_WARNING]);
    expect(
      buildPlans([{ ...input, tokenUser: { userId: 'u-admin', email: 'admin@x.com' } }]).warnings,
    ).toBe(undefined);
  });
});
