// A desired org written back as a version-1 configuration, as a saved plan carries it.
import { describe, expect, it } from 'vitest';
import { desiredOrgConfig } from '../../src/config/desired-org-config.js';
import { DEFAULT_POLICY, type DesiredOrg } from '../../src/model/desired-org.js';

const source = { file: 'org.yaml', line: 1, col: 1 };

function org(overrides: Partial<DesiredOrg> = {}): DesiredOrg {
  return {
    orgId: '5f0c0000000000000000000a',
    file: 'org.yaml',
    properties: {},
    members: undefined,
    policy: { ...DEFAULT_POLICY },
    ...overrides,
  };
}

describe('desiredOrgConfig', () => {
  it('writes an org without members as version 1, its id, its properties and its policy, leaving out no limit and any domain', () => {
    const { maxChanges, allowedEmailDomains, ...rest } = DEFAULT_POLICY;
    expect(maxChanges).toBeNull();
    expect(allowedEmailDomains).toEqual([]);
    expect(desiredOrgConfig(org({ properties: { name: 'Acme', mfaMode: 'required' } }))).toEqual({
      version: 1,
      org: { id: '5f0c0000000000000000000a', name: 'Acme', mfaMode: 'required' },
      policy: rest,
    });
  });

  it('writes a limit on changes, the allowed domains and unmanaged patterns, each literal', () => {
    const doc = desiredOrgConfig(
      org({
        properties: { description: 'costs ${COST}' },
        policy: {
          ...DEFAULT_POLICY,
          maxChanges: 0,
          unmanaged: ['${X}@acme.com'],
          allowedEmailDomains: ['acme.com', '${D}'],
        },
      }),
    );
    expect(doc.org['description']).toBe('costs $${COST}');
    expect(doc.policy.maxChanges).toBe(0);
    expect(doc.policy.unmanaged).toEqual(['$${X}@acme.com']);
    expect(doc.policy.allowedEmailDomains).toEqual(['acme.com', '$${D}']);
  });

  it('writes each member with only the keys it has: roles, transfer and expiry as written', () => {
    const doc = desiredOrgConfig(
      org({
        members: [
          {
            email: 'a${B}@acme.com',
            access: { role: 'view', applicationRoles: [], dashboardRoles: [] },
            source,
          },
          {
            email: 'c@acme.com',
            access: {
              role: 'edit',
              applicationRoles: [{ resourceId: 'app1', role: 'collaborate' }],
              dashboardRoles: [{ resourceId: 'dash1', role: 'view' }],
            },
            disallowTransfer: false,
            expires: { at: 0, text: '2027-01-31' },
            profile: 'engineers',
            source,
          },
        ],
      }),
    );
    // Strictly: a key with an undefined value is a key the member does not have.
    expect(doc.members).toStrictEqual([
      { email: 'a$${B}@acme.com', role: 'view' },
      {
        email: 'c@acme.com',
        role: 'edit',
        applications: [{ id: 'app1', role: 'collaborate' }],
        dashboards: [{ id: 'dash1', role: 'view' }],
        disallowTransfer: false,
        expires: '2027-01-31',
      },
    ]);
  });

  it('writes an empty member list as an empty list, which removes everyone, not as no list', () => {
    expect(desiredOrgConfig(org({ members: [] })).members).toEqual([]);
  });
});
