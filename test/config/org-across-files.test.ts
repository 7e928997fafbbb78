// Issue 13: files that name the same org id are one org, so each team can own its file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDesiredOrgs } from '../../src/config/load-desired-orgs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ORG = '6650f0c1a2b3c4d5e6f70901';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losant-org-teams-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function files(contents: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(contents)) await writeFile(join(dir, name), text);
}

const load = (paths: string[] = ['.']) => loadDesiredOrgs(paths, { env: {}, cwd: dir });

describe('one org across several files', () => {
  it('examples/teams/ is one org: members of every file, profiles and policy shared', async () => {
    const { orgs, errors, warnings } = await loadDesiredOrgs(['examples/teams'], {
      env: {},
      cwd: ROOT,
      now: Date.parse('2026-12-05T00:00:00Z'),
    });

    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(orgs).toHaveLength(1);
    const [org] = orgs;
    expect(org?.orgId).toBe(ORG);
    expect(org?.file).toBe('examples/teams/org.yaml');
    expect(org?.files).toEqual([
      'examples/teams/org.yaml',
      'examples/teams/platform.yaml',
      'examples/teams/support.yaml',
    ]);
    expect(org?.properties.name).toBe('Initech Connected Products');
    expect(org?.policy.minAdmins).toBe(2);
    expect(org?.policy.maxChanges).toBe(10);
    expect(org?.members?.map((m) => [m.email, m.access.role, m.source.file])).toEqual([
      ['bill.lumbergh@initech.example', 'admin', 'examples/teams/org.yaml'],
      ['joanna.park@initech.example', 'admin', 'examples/teams/org.yaml'],
      ['peter.gibbons@initech.example', 'edit', 'examples/teams/platform.yaml'],
      ['samir.nagheenanajar@initech.example', 'edit', 'examples/teams/platform.yaml'],
      ['michael.bolton@eng.initech.example', 'edit', 'examples/teams/platform.yaml'],
      ['milton.waddams@initech.example', 'view', 'examples/teams/support.yaml'],
      ['tom.smykowski@initech.example', 'view', 'examples/teams/support.yaml'],
      ['joanna@chotchkies.example', 'none', 'examples/teams/support.yaml'],
    ]);
    // A profile from org.yaml, used in support.yaml, with the member's own expires.
    const contractor = org?.members?.find((m) => m.email === 'joanna@chotchkies.example');
    expect(contractor?.access.applicationRoles).toEqual([
      { resourceId: '6650f0c1a2b3c4d5e6f70b01', role: 'collaborate' },
    ]);
    expect(contractor?.expires?.text).toBe('2030-06-30');
    expect(contractor?.source).toEqual({ file: 'examples/teams/support.yaml', line: 12, col: 5 });
  });

  it('org ids compare without case, and files given one by one merge like a directory', async () => {
    await files({
      'a.yaml': `version: 1\norg:\n  id: ${ORG}\nmembers:\n  - { email: a@x.example, role: admin }\n`,
      'b.yaml': `version: 1\norg:\n  id: ${ORG.toUpperCase()}\n  name: Named here\nmembers:\n  - { email: b@x.example, role: view }\n`,
    });

    const { orgs, errors } = await load(['b.yaml', 'a.yaml']);

    expect(errors).toEqual([]);
    expect(orgs.map((o) => [o.orgId, o.file, o.files, o.properties.name])).toEqual([
      [ORG, 'b.yaml', ['b.yaml', 'a.yaml'], 'Named here'],
    ]);
    expect(orgs[0]?.members?.map((m) => m.email)).toEqual(['b@x.example', 'a@x.example']);
  });

  it('a team file without admins is fine when another file of the org declares them', async () => {
    await files({
      'org.yaml': `version: 1\norg:\n  id: ${ORG}\nmembers:\n  - { email: a@x.example, role: admin }\npolicy:\n  minAdmins: 1\n`,
      'team.yaml': `version: 1\norg:\n  id: ${ORG}\nmembers:\n  - { email: b@x.example, role: view }\n`,
    });

    const { orgs, errors } = await load();

    expect(errors).toEqual([]);
    expect(orgs).toHaveLength(1);
  });

  it('minAdmins is checked on the merged org: no admin in any file is an error', async () => {
    await files({
      'a.yaml': `version: 1\norg:\n  id: ${ORG}\nmembers:\n  - { email: a@x.example, role: edit }\n`,
      'b.yaml': `version: 1\norg:\n  id: ${ORG}\nmembers:\n  - { email: b@x.example, role: view }\n`,
    });

    const { orgs, errors } = await load();

    expect(orgs).toEqual([]);
    expect(errors.map((e) => [e.file, e.line, e.rule])).toEqual([['a.yaml', 4, 'min-admins']]);
  });

  it('one email in two files is an error naming both files and lines', async () => {
    await files({
      'a.yaml': `version: 1\norg:\n  id: ${ORG}\nmembers:\n  - { email: a@x.example, role: admin }\n  - { email: Dup@x.example, role: view }\n`,
      'b.yaml': `version: 1\norg:\n  id: ${ORG}\nmembers:\n  - { email: b@x.example, role: view }\n  - { email: dup@x.example, role: edit }\n`,
    });

    const { orgs, errors } = await load();

    expect(orgs).toEqual([]);
    expect(errors).toEqual([
      {
        file: 'b.yaml',
        line: 6,
        col: 14,
        rule: 'duplicate-email',
        message:
          "'dup@x.example' is declared twice (first on a.yaml line 6); emails match case-insensitively, so merge the two entries into one",
      },
    ]);
  });

  it('a duplicate names the line alone when the first entry is in the same file, and the file when it is in another', async () => {
    const head = `version: 1\norg:\n  id: ${ORG}\nmembers:\n`;
    await files({
      'a.yaml': `${head}  - { email: root@acme.com, role: admin }\n  - { email: x@acme.com, role: view }\n`,
      'b.yaml': `${head}  - { email: y@acme.com, role: view }\n  - { email: Y@acme.com, role: view }\n  - { email: X@acme.com, role: view }\n`,
    });

    const { errors } = await load(['a.yaml', 'b.yaml']);

    expect(errors.map((e) => `${e.file}:${e.line}:${e.col} ${e.rule}: ${e.message}`)).toEqual([
      "b.yaml:6:14 duplicate-email: 'Y@acme.com' is declared twice (first on line 5); emails match case-insensitively, so merge the two entries into one",
      "b.yaml:7:14 duplicate-email: 'X@acme.com' is declared twice (first on a.yaml line 6); emails match case-insensitively, so merge the two entries into one",
    ]);
  });

  it('a profile used in one file and defined in another is shared; defined twice is an error naming both', async () => {
    await files({
      'a.yaml': `version: 1\norg:\n  id: ${ORG}\nprofiles:\n  dev: { role: edit }\nmembers:\n  - { email: a@x.example, role: admin }\n`,
      'b.yaml': `version: 1\norg:\n  id: ${ORG}\nprofiles:\n  dev: { role: view }\nmembers:\n  - { email: b@x.example, profile: dev }\n`,
    });

    const { orgs, errors } = await load();

    expect(orgs).toEqual([]);
    expect(errors).toEqual([
      {
        file: 'b.yaml',
        line: 5,
        col: 3,
        rule: 'profile-twice',
        message:
          "profile 'dev' is already defined in a.yaml:5:3; define each profile in one file of the org (every file of the org can use it)",
      },
    ]);
  });

  it('org properties or a policy written in two files are errors naming both places', async () => {
    await files({
      'a.yaml': `version: 1\norg:\n  id: ${ORG}\n  name: One\npolicy:\n  maxRemovals: 2\nmembers:\n  - { email: a@x.example, role: admin }\n`,
      'b.yaml': `version: 1\norg:\n  id: ${ORG}\n  description: Two\npolicy:\n  minAdmins: 1\n`,
    });

    const { orgs, errors } = await load();

    expect(orgs).toEqual([]);
    expect(errors).toEqual([
      {
        file: 'b.yaml',
        line: 4,
        col: 3,
        rule: 'org-properties-twice',
        message: `the properties of org ${ORG} are already set in a.yaml:4:3; set name, description and the other org properties in one file of the org`,
      },
      {
        file: 'b.yaml',
        line: 5,
        col: 1,
        rule: 'policy-twice',
        message: `the policy of org ${ORG} is already set in a.yaml:5:1; write policy in one file of the org`,
      },
    ]);
  });

  it('a file of the org with its own errors keeps the org from loading, and names only its problems', async () => {
    await files({
      'a.yaml': `version: 1\norg:\n  id: ${ORG}\nmembers:\n  - { email: a@x.example, role: admin }\n`,
      'b.yaml': `version: 1\norg:\n  id: ${ORG}\nmembers:\n  - { email: b@x.example, role: wizard }\n`,
    });

    const { orgs, errors } = await load();

    expect(orgs).toEqual([]);
    expect(errors.map((e) => [e.file, e.line, e.rule])).toEqual([
      ['b.yaml', 5, 'not-allowed-value'],
    ]);
  });

  it('problems found on the merged org are named in the file they are in', async () => {
    await files({
      'a.yaml': `version: 1\norg:\n  id: ${ORG}\nmembers:\n  - { email: a@x.example, role: admin }\npolicy:\n  allowedEmailDomains: [x.example]\n`,
      'b.yaml': `version: 1\norg:\n  id: ${ORG}\nmembers:\n  - { email: b@y.example, role: view }\n  - { email: c@x.example, profile: nope }\n`,
    });

    const { errors } = await load();

    expect(errors.map((e) => [e.file, e.line, e.col, e.rule])).toEqual([
      ['b.yaml', 5, 14, 'email-domain'],
      ['b.yaml', 6, 36, 'unknown-profile'],
    ]);
  });
});
