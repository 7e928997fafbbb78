// An export, loaded back as a configuration, plans nothing against the org it came from.
import { describe, expect, it } from 'vitest';
import { validateConfigText } from '../../src/config/validate-config-text.js';
import { renderOrgConfig } from '../../src/export/render-org-config.js';
import type { LiveOrg } from '../../src/model/live-org.js';
import { buildPlan } from '../../src/plan/build-plan.js';

const NOW = Date.parse('2026-11-29T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const APP = '5a1b2c3d4e5f60718293a4b5';
const DASH = '5a1b2c3d4e5f60718293a4c6';
const none = { applicationRoles: [], dashboardRoles: [] };

function invite(
  id: string,
  email: string,
  daysAgo: number,
  role: 'view' | 'edit',
): LiveOrg['invites'][number] {
  return {
    id,
    email,
    access: { role, ...none },
    inviteDate: new Date(NOW - daysAgo * DAY).toISOString(),
    ttl: 7 * DAY,
    hasExpired: daysAgo > 7,
  };
}

const live: LiveOrg = {
  id: '575ed6e87ae143cd83dc4aa8',
  name: 'Acme IoT',
  properties: { name: 'Acme IoT', description: 'Fleet: "north" & south', mfaMode: 'required' },
  members: [
    {
      userId: '575ed70c7ae143cd83dc4aa9',
      email: 'Zed@Acme.com',
      access: { role: 'admin', ...none },
    },
    {
      userId: '575ed70c7ae143cd83dc4ab0',
      email: 'amy+ci@acme.com',
      access: {
        role: 'view',
        applicationRoles: [{ resourceId: APP, role: 'collaborate' }],
        dashboardRoles: [{ resourceId: DASH, role: 'view' }],
      },
    },
  ],
  invites: [invite('575ed71e7ae143cd83dc4aaa', 'new@acme.com', 1, 'edit')],
};

function exportAndLoad(org: LiveOrg): { text: string; plan: ReturnType<typeof buildPlan> } {
  const text = renderOrgConfig(org, {
    source: 'https://api.losant.com',
    exportedAt: '2026-11-29T12:00:00.000Z',
  });
  const loaded = validateConfigText('exported.yaml', new TextEncoder().encode(text), {});
  expect(loaded.errors).toEqual([]);
  if (loaded.org === undefined) throw new Error('no org loaded');
  return { text, plan: buildPlan({ desired: loaded.org, live: org, now: NOW }) };
}

describe('renderOrgConfig', () => {
  it('writes every member and invitee, sorted, and the export plans nothing', () => {
    const { text, plan } = exportAndLoad(live);

    expect(text.split('\n').slice(3)).toEqual([
      'version: 1',
      'org:',
      '  id: 575ed6e87ae143cd83dc4aa8',
      '  name: Acme IoT',
      `  description: 'Fleet: "north" & south'`,
      '  mfaMode: required',
      'members:',
      `  - { email: amy+ci@acme.com, role: view, applications: [ { id: ${APP}, role: collaborate } ], dashboards: [ { id: ${DASH}, role: view } ] }`,
      '  - { email: new@acme.com, role: edit }',
      '  - { email: Zed@Acme.com, role: admin }',
      'policy:',
      '  # What the file means for people it does not list: see docs/configuration.md',
      '  removeUndeclaredMembers: true',
      '  revokeUndeclaredInvites: true',
      '  resendExpiredInvites: true',
      '  maxRemovals: 5',
      '  minAdmins: 1',
      '',
    ]);
    expect(plan.operations).toEqual([]);
    expect(plan.awaiting.map((a) => a.email)).toEqual(['new@acme.com']);
  });

  it('keeps expired invites as they are (resendExpiredInvites: false) so the first plan is empty', () => {
    const org = {
      ...live,
      invites: [invite('575ed71e7ae143cd83dc4aab', 'old@acme.com', 20, 'view')],
    };

    const { text, plan } = exportAndLoad(org);

    expect(text).toContain('  resendExpiredInvites: false\n');
    expect(text).toContain('# 1 invite(s) had expired');
    expect(plan.operations).toEqual([]);
  });

  it('says which invites the first plan will revoke: duplicates and invites of members', () => {
    const org: LiveOrg = {
      ...live,
      invites: [
        invite('575ed71e7ae143cd83dc4aaa', 'new@acme.com', 1, 'edit'),
        invite('575ed71e7ae143cd83dc4aac', 'new@acme.com', 2, 'edit'),
        invite('575ed71e7ae143cd83dc4aad', 'zed@acme.com', 1, 'view'),
      ],
    };

    const { text, plan } = exportAndLoad(org);

    expect(text).toContain(
      '# 2 invite(s) duplicate another invite or a membership: the first plan revokes them.',
    );
    expect(
      plan.operations.map((op) => [op.action, op.action === 'revokeInvite' ? op.kind : '']),
    ).toEqual([
      ['revokeInvite', 'duplicate'],
      ['revokeInvite', 'duplicate'],
    ]);
  });
});
