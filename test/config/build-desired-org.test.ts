// A file that passed every check -> the DesiredOrg the planner compares with the live org, whole.
import { describe, expect, it } from 'vitest';
import { validateConfigText } from '../../src/config/validate-config-text.js';
import { DEFAULT_POLICY } from '../../src/model/desired-org.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

const FULL = `version: 1
org:
  id: 6650F0C1A2B3C4D5E6F70801
  name: Acme
  description: Plant floor
  iconColor: '#123456'
  mfaMode: required
  billingEmail: billing@acme.com
profiles:
  ops:
    role: edit
    applications:
      - { id: 6650f0c1a2b3c4d5e6f70a01, role: view }
    dashboards:
      - { id: 6650f0c1a2b3c4d5e6f70d01, role: view }
    expires: 2027-01-31
  undefined:
    role: view
    applications:
      - { id: 6650f0c1a2b3c4d5e6f70a02, role: collaborate }
members:
  - email: ada@acme.com
    role: admin
  - email: bob@acme.com
    profile: ops
    dashboards:
      - { id: 6650F0C1A2B3C4D5E6F70D01, role: collaborate }
    disallowTransfer: true
  - email: cy@acme.com
    profile: ops
    role: view
    expires: 2027-06-30T12:00:00Z
    disallowTransfer: false
policy:
  removeUndeclaredMembers: false
  revokeUndeclaredInvites: true
  allowedEmailDomains: [acme.com]
`;

describe('buildDesiredOrg', () => {
  it('builds every property, member, merged profile, expiry, policy and source of a file, and nothing more', () => {
    const result = validateConfigText('org.yaml', encode(FULL), {}, { now: 0 });

    expect(result.errors).toEqual([]);
    expect(result.org).toStrictEqual({
      orgId: '6650f0c1a2b3c4d5e6f70801',
      file: 'org.yaml',
      properties: {
        name: 'Acme',
        description: 'Plant floor',
        iconColor: '#123456',
        mfaMode: 'required',
        billingEmail: 'billing@acme.com',
      },
      members: [
        {
          // No profile: a profile that happens to be named "undefined" is not applied.
          email: 'ada@acme.com',
          access: { role: 'admin', applicationRoles: [], dashboardRoles: [] },
          source: { file: 'org.yaml', line: 22, col: 5 },
        },
        {
          // The profile's role, applications and expiry; its dashboard replaced by the member's own.
          email: 'bob@acme.com',
          access: {
            role: 'edit',
            applicationRoles: [{ resourceId: '6650f0c1a2b3c4d5e6f70a01', role: 'view' }],
            dashboardRoles: [{ resourceId: '6650f0c1a2b3c4d5e6f70d01', role: 'collaborate' }],
          },
          source: { file: 'org.yaml', line: 24, col: 5 },
          disallowTransfer: true,
          profile: 'ops',
          expires: { at: Date.UTC(2027, 1, 1), text: '2027-01-31' },
        },
        {
          // The member's own role and expiry win over the profile's.
          email: 'cy@acme.com',
          access: {
            role: 'view',
            applicationRoles: [{ resourceId: '6650f0c1a2b3c4d5e6f70a01', role: 'view' }],
            dashboardRoles: [{ resourceId: '6650f0c1a2b3c4d5e6f70d01', role: 'view' }],
          },
          source: { file: 'org.yaml', line: 29, col: 5 },
          disallowTransfer: false,
          profile: 'ops',
          expires: { at: Date.UTC(2027, 5, 30, 12), text: '2027-06-30T12:00:00Z' },
        },
      ],
      policy: {
        ...DEFAULT_POLICY,
        removeUndeclaredMembers: false,
        allowedEmailDomains: ['acme.com'],
      },
      // Where each setting a plan acts on is written: at its key.
      sources: {
        '/org/id': { file: 'org.yaml', line: 3, col: 3 },
        '/org/name': { file: 'org.yaml', line: 4, col: 3 },
        '/org/description': { file: 'org.yaml', line: 5, col: 3 },
        '/org/iconColor': { file: 'org.yaml', line: 6, col: 3 },
        '/org/mfaMode': { file: 'org.yaml', line: 7, col: 3 },
        '/org/billingEmail': { file: 'org.yaml', line: 8, col: 3 },
        '/members': { file: 'org.yaml', line: 21, col: 1 },
        '/policy/removeUndeclaredMembers': { file: 'org.yaml', line: 35, col: 3 },
        '/policy/revokeUndeclaredInvites': { file: 'org.yaml', line: 36, col: 3 },
      },
    });
  });

  it('builds an org of an id alone: no properties, members not managed, the default policy in lists of its own', () => {
    const result = validateConfigText(
      'bare.yaml',
      encode('version: 1\norg:\n  id: 6650f0c1a2b3c4d5e6f70801\n'),
      {},
    );

    expect(result.org).toStrictEqual({
      orgId: '6650f0c1a2b3c4d5e6f70801',
      file: 'bare.yaml',
      properties: {},
      members: undefined,
      policy: DEFAULT_POLICY,
      sources: { '/org/id': { file: 'bare.yaml', line: 3, col: 3 } },
    });
    expect(result.org?.policy.unmanaged).not.toBe(DEFAULT_POLICY.unmanaged);
    expect(result.org?.policy.allowedEmailDomains).not.toBe(DEFAULT_POLICY.allowedEmailDomains);
  });
});
