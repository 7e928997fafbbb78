// Every shipped example is a valid configuration, and loads into the DesiredOrg it means.
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesiredOrgs } from '../../src/config/load-desired-orgs.js';
import { DEFAULT_POLICY } from '../../src/model/desired-org.js';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';

const ROOT = resolve(import.meta.dirname, '../..');
const load = (paths: string[], env: Record<string, string> = {}) =>
  loadDesiredOrgs(paths, { env, cwd: ROOT });

describe('examples/', () => {
  it('every example file validates without errors or warnings', async () => {
    // Arrange
    const files = [
      ...(await readdir(resolve(ROOT, 'examples')))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => `examples/${f}`),
      ...(await readdir(resolve(ROOT, 'examples/many-orgs'))).map((f) => `examples/many-orgs/${f}`),
    ];
    const teams = (await readdir(resolve(ROOT, 'examples/teams')))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `examples/teams/${f}`);

    // Act
    const result = await load([...files, ...teams]);

    // Assert: the files of examples/teams/ are one org.
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.orgs.map((o) => o.files ?? [o.file]).sort()).toEqual(
      [...files.map((f) => [f]), teams].sort(),
    );
    expect(teams.length).toBe(3);
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it('small-team.yaml declares the emulator demo org, keeping its two admins', async () => {
    const { orgs } = await load(['examples/small-team.yaml']);

    const [org] = orgs;
    expect(org?.orgId).toBe(DEMO_ORG_ID);
    expect(org?.members?.filter((m) => m.access.role === 'admin').map((m) => m.email)).toEqual([
      'ada@acme-iot.example',
      'grace@acme-iot.example',
    ]);
    expect(org?.members?.find((m) => m.email === 'hedy@acme-iot.example')).toEqual({
      email: 'hedy@acme-iot.example',
      access: { role: 'view', applicationRoles: [], dashboardRoles: [] },
      disallowTransfer: true,
      source: { file: 'examples/small-team.yaml', line: 40, col: 5 },
    });
  });

  it('enterprise.yaml merges profiles with member overrides', async () => {
    const { orgs, errors } = await load(['examples/enterprise.yaml']);

    expect(errors).toEqual([]);
    const org = orgs[0];
    expect(org?.orgId).toBe('5f3a9c2e1b4d6a7080912a3b');
    expect(org?.policy).toEqual({
      ...DEFAULT_POLICY,
      resendExpiredInvites: false,
      maxRemovals: 3,
      minAdmins: 2,
      unmanaged: ['breakglass@globex.example', '*@losant.com'],
    });
    // The member's role wins; its entry for OTA replaces the profile's; Test Bench is added.
    expect(org?.members?.find((m) => m.email === 'tomas.novak@globex.example')).toEqual({
      email: 'tomas.novak@globex.example',
      profile: 'firmware',
      access: {
        role: 'collaborate',
        applicationRoles: [
          { resourceId: '5f3a9c2e1b4d6a7080912b01', role: 'collaborate' },
          { resourceId: '5f3a9c2e1b4d6a7080912b02', role: 'collaborate' },
          { resourceId: '5f3a9c2e1b4d6a7080912b04', role: 'view' },
        ],
        dashboardRoles: [],
      },
      source: { file: 'examples/enterprise.yaml', line: 50, col: 5 },
    });
  });

  it('enterprise.yaml takes the org id from GLOBEX_ORG_ID when it is set', async () => {
    const { orgs } = await load(['examples/enterprise.yaml'], {
      GLOBEX_ORG_ID: 'ABCDEF0123456789ABCDEF01',
    });

    expect(orgs[0]?.orgId).toBe('abcdef0123456789abcdef01');
  });

  it('a directory gives one org per file, sorted by name; no members key means membership unmanaged', async () => {
    const { orgs } = await load(['examples/many-orgs/']);

    expect(orgs.map((o) => [o.file, o.orgId, o.members?.length])).toEqual([
      ['examples/many-orgs/production.yaml', '60c1d2e3f4a5b6c7d8e9f001', 5],
      ['examples/many-orgs/sandbox.yaml', '60c1d2e3f4a5b6c7d8e9f003', undefined],
      ['examples/many-orgs/staging.yaml', '60c1d2e3f4a5b6c7d8e9f002', 4],
    ]);
    expect(orgs[1]?.properties).toEqual({
      name: 'Initech Sandbox',
      description: 'Try anything here; it is wiped every quarter.',
    });
  });
});

describe('valid files worth a second look', () => {
  it('a BOM is fine', async () => {
    const result = await load(['test/fixtures/good/bom.yaml']);

    expect(result.errors).toEqual([]);
    expect(result.orgs.map((o) => o.orgId)).toEqual(['6650f0c1a2b3c4d5e6f70801']);
  });

  it('alice+ci and a.lice are other people than alice: tags and dots are never stripped', async () => {
    const result = await load(['test/fixtures/good/distinct-people.yaml']);

    expect(result.errors).toEqual([]);
    expect(result.orgs[0]?.members?.map((m) => m.email)).toEqual([
      'alice@acme.example',
      'alice+ci@acme.example',
      'a.lice@acme.example',
      'alice@acme.example.com',
    ]);
  });

  it('warnings do not stop a file: unused profile, a member with no access, a repeated pattern, admins left to unmanaged', async () => {
    const file = 'test/fixtures/good/warnings.yaml';

    const result = await load([file]);

    expect(result.errors).toEqual([]);
    expect(result.orgs).toHaveLength(1);
    expect(result.warnings).toEqual([
      {
        file,
        line: 7,
        col: 3,
        rule: 'unused-profile',
        message: "profile 'unused' is not used by any member",
      },
      {
        file,
        line: 9,
        col: 1,
        rule: 'min-admins',
        message:
          '0 admins are declared but policy.minAdmins is 1; the plan will count admins that are unmanaged or kept, and refuses if fewer than 1 remain',
      },
      {
        file,
        line: 12,
        col: 5,
        rule: 'member-without-access',
        message:
          "member 'parked@acme.example' has role none and no application or dashboard roles, so they would be a member with no access; remove them or give them a role",
      },
      {
        file,
        line: 14,
        col: 42,
        rule: 'duplicate-unmanaged',
        message:
          "unmanaged pattern 'BreakGlass@acme.example' is listed twice (first on line 14); remove one",
      },
    ]);
  });
});
