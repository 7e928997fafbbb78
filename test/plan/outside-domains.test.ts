// policy.allowedEmailDomains warnings: who is outside the allowed domains, in what order, and what
// the plan does about them, as the plan tells it.
import { describe, expect, it } from 'vitest';
import { outsideDomainWarnings } from '../../src/plan/outside-domains.js';
import { declared, desiredOrg, invite, liveOrg, member } from './plan-fixtures.js';

const DOMAINS = 'policy.allowedEmailDomains (acme.com, *.corp.io)';

const live = liveOrg({
  members: [
    member('u-1', 'ok@acme.com', 'admin'),
    member('u-2', 'Zed@gmail.com', 'view'),
    member('u-3', 'amy@evil.io', 'edit'),
    member('u-4', 'sub@eu.corp.io', 'view'),
    member('u-5', 'bare@corp.io', 'view'),
  ],
  invites: [
    invite('i-1', 'inv@acme.com', 'view'),
    invite('i-2', 'Yan@other.net', 'collaborate'),
    invite('i-3', 'bob@other.net', 'view'),
  ],
});

describe('outsideDomainWarnings', () => {
  it('names each member then each invite outside the domains, each list sorted by email whatever the case', () => {
    const desired = desiredOrg([declared('ok@acme.com', 'admin')], {
      allowedEmailDomains: ['acme.com', '*.corp.io'],
    });

    expect(outsideDomainWarnings(desired, live)).toEqual([
      `member amy@evil.io (edit) is outside ${DOMAINS} and not in the file; this plan removes them`,
      `member bare@corp.io (view) is outside ${DOMAINS} and not in the file; this plan removes them`,
      `member Zed@gmail.com (view) is outside ${DOMAINS} and not in the file; this plan removes them`,
      `the invite of bob@other.net (view) is outside ${DOMAINS} and not in the file; this plan revokes it`,
      `the invite of Yan@other.net (collaborate) is outside ${DOMAINS} and not in the file; this plan revokes it`,
    ]);
  });

  it('says who is left alone when the policy keeps undeclared members and invites', () => {
    const desired = desiredOrg([], {
      allowedEmailDomains: ['acme.com'],
      removeUndeclaredMembers: false,
      revokeUndeclaredInvites: false,
    });
    const org = liveOrg({
      members: [member('u-2', 'zed@gmail.com', 'view')],
      invites: [invite('i-2', 'yan@other.net', 'view')],
    });

    expect(outsideDomainWarnings(desired, org)).toEqual([
      'member zed@gmail.com (view) is outside policy.allowedEmailDomains (acme.com) and not in the file; it is left alone (policy.removeUndeclaredMembers is false)',
      'the invite of yan@other.net (view) is outside policy.allowedEmailDomains (acme.com) and not in the file; it is left alone (policy.revokeUndeclaredInvites is false)',
    ]);
  });

  it('two pending invites of one address keep the order Losant lists them in', () => {
    const desired = desiredOrg([], { allowedEmailDomains: ['acme.com'] });
    const org = liveOrg({
      invites: [
        invite('i-2', 'yan@other.net', 'collaborate'),
        invite('i-1', 'Yan@other.net', 'view'),
      ],
    });

    expect(outsideDomainWarnings(desired, org)).toEqual([
      'the invite of yan@other.net (collaborate) is outside policy.allowedEmailDomains (acme.com) and not in the file; this plan revokes it',
      'the invite of Yan@other.net (view) is outside policy.allowedEmailDomains (acme.com) and not in the file; this plan revokes it',
    ]);
  });

  it('spares people the file declares (in any case) and people policy.unmanaged covers', () => {
    const desired = desiredOrg(
      [declared('ZED@GMAIL.COM', 'view'), declared('bob@other.net', 'view')],
      {
        allowedEmailDomains: ['acme.com', '*.corp.io'],
        unmanaged: ['*@evil.io', 'yan@other.net', 'bare@corp.io'],
      },
    );

    expect(outsideDomainWarnings(desired, live)).toEqual([]);
  });

  it('says nothing when no domain is set, or when the file does not manage members', () => {
    expect(outsideDomainWarnings(desiredOrg([]), live)).toEqual([]);
    expect(
      outsideDomainWarnings(desiredOrg(undefined, { allowedEmailDomains: ['acme.com'] }), live),
    ).toEqual([]);
  });
});
