import { describe, expect, it } from 'vitest';
import { describeNotFound, LosantApiError, scopesToOffer } from '../../src/losant/api-error.js';
import { LosantOrgError } from '../../src/model/errors.js';

const ORG = '5a1b2c3d4e5f60718293a4b5';

describe('scopesToOffer', () => {
  it('names the action itself first, then the resource wildcard, then the broad scopes', () => {
    expect(scopesToOffer('org.inviteMember')).toEqual([
      'org.inviteMember',
      'org.*',
      'all.Organization',
      'all.User',
      'only.Organization',
    ]);
    expect(scopesToOffer('org.get')).toEqual([
      'org.get',
      'org.*',
      'all.Organization',
      'all.Organization.read',
      'all.User',
      'all.User.read',
      'all.Organization.bounded',
      'all.User.bounded',
      'only.Organization',
      'only.Organization.bounded',
      'only.Organization.read',
    ]);
    expect(scopesToOffer('me.get')).toEqual([
      'me.get',
      'me.*',
      'all.User',
      'all.User.read',
      'all.User.bounded',
      'only.User',
      'only.User.bounded',
      'only.User.read',
    ]);
  });

  it('offers no .bounded scope for members, invitations and resource transfer (Losant excludes them)', () => {
    for (const action of [
      'org.inviteMember',
      'org.modifyMember',
      'org.removeMember',
      'org.revokeInvite',
      'org.transferResources',
    ] as const) {
      expect(scopesToOffer(action).filter((s) => s.endsWith('.bounded'))).toEqual([]);
    }
    expect(scopesToOffer('org.patch')).toContain('all.Organization.bounded');
  });
});

describe('describeNotFound', () => {
  it.each([
    [
      { action: 'org.get', orgId: ORG },
      'Organization was not found',
      `the org ${ORG} was not found: check the org id and that this token's user belongs to it`,
    ],
    [
      { action: 'org.removeMember', orgId: ORG, userId: 'u1' },
      'Member was not found',
      `the member u1 was not found in the org ${ORG}: they may have left or been removed already; run plan again`,
    ],
    [
      { action: 'org.removeMember', orgId: ORG, userId: 'u1' },
      'Organization was not found',
      `the org ${ORG} was not found: check the org id and that this token's user belongs to it`,
    ],
    [
      { action: 'org.modifyMember', orgId: ORG, userId: 'u1' },
      undefined,
      `the member u1 was not found in the org ${ORG} (or the org does not exist): they may have left or been removed already; run plan again`,
    ],
    [
      { action: 'org.revokeInvite', orgId: ORG, inviteId: 'i1' },
      'Invite was not found',
      `the invite i1 was not found in the org ${ORG}: it may have been accepted, revoked or never existed; run plan again`,
    ],
    [
      { action: 'org.revokeInvite', orgId: ORG, inviteId: 'i1' },
      'Organization was not found',
      `the org ${ORG} was not found: check the org id and that this token's user belongs to it`,
    ],
    [
      { action: 'me.get' },
      'User was not found',
      "the token's user was not found: check LOSANT_API_TOKEN",
    ],
  ] as const)('%j with %j', (subject, said, expected) => {
    expect(describeNotFound(subject, said)).toBe(expected);
  });
});

describe('LosantApiError', () => {
  it('is a LosantOrgError of kind api carrying what the caller needs', () => {
    const error = new LosantApiError('m', {
      action: 'org.patch',
      orgId: ORG,
      status: 503,
      losantType: 'ServiceUnavailable',
      losantMessage: 'later',
      ambiguous: true,
      attempts: 4,
      settledMessage: 'm without doubt',
    });

    expect(error).toBeInstanceOf(LosantOrgError);
    expect({ ...error }).toEqual({
      kind: 'api',
      name: 'LosantApiError',
      action: 'org.patch',
      orgId: ORG,
      status: 503,
      losantType: 'ServiceUnavailable',
      losantMessage: 'later',
      ambiguous: true,
      attempts: 4,
      settledMessage: 'm without doubt',
    });
  });

  it('defaults to one unambiguous attempt', () => {
    const error = new LosantApiError('m', { action: 'org.get' });

    expect([error.ambiguous, error.attempts, error.status, error.settledMessage]).toEqual([
      false,
      1,
      undefined,
      'm',
    ]);
  });
});
