// Issue 13: one org across several files, end to end: examples/teams/ (one file per team) through
// the built CLI against the emulator: validate, plan (text, markdown, JSON), apply, plan again.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { createEmptyOrgSeed } from '../../src/emulator/empty-org-seed.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { expectValidPlanJson } from '../plan/plan-fixtures.js';
import { useCliSession } from './cli-session.js';
import { ROOT, runBuiltCli, type CliRun } from './run-built-cli.js';

const ORG = '6650f0c1a2b3c4d5e6f70901';
const TEAMS = 'examples/teams/';
const session = useCliSession('teams');

async function startTeamsOrg(): Promise<RunningEmulator> {
  const state = createEmptyOrgSeed(
    { orgId: ORG, adminEmails: ['bill.lumbergh@initech.example'] },
    Date.now(),
  );
  return session.start({ state });
}

/** The built CLI against the emulator, or (without `e`) with no API settings at all. */
function run(args: string[], e?: RunningEmulator): Promise<CliRun> {
  return e === undefined ? runBuiltCli(args, {}) : session.run(args);
}

describe('one org across several files (built CLI)', () => {
  it('validate names the org once, with every file', async () => {
    const result = await run(['validate', TEAMS]);

    expect(result).toEqual({
      code: 0,
      stdout: `examples/teams/org.yaml, examples/teams/platform.yaml, examples/teams/support.yaml: ok (org ${ORG}, 8 members, 3 files)\n`,
      stderr: '',
    });
  });

  it('plans every file as one org, names the file of each change, applies it, then plans empty', async () => {
    const e = await startTeamsOrg();

    const text = await run(['plan', TEAMS, '--no-color'], e);
    const markdown = await run(['plan', TEAMS, '--format', 'markdown'], e);
    const json = await run(['plan', TEAMS, '--format', 'json'], e);
    const applied = await run(['apply', TEAMS, '--yes'], e);
    const again = await run(['plan', TEAMS, '--detailed-exitcode'], e);

    const files =
      'examples/teams/org.yaml, examples/teams/platform.yaml, examples/teams/support.yaml';
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      [
        `Empty org (${ORG}) from ${files}`,
        '  members 1, 0 invites pending',
        '  ~ update org properties  [examples/teams/org.yaml]',
        '      name: "Empty org" -> "Initech Connected Products"',
        '      description: (unset) -> "Connected coffee machines, one team per product line"',
        '      mfaMode: "notRequired" -> "required"',
        '  + invite joanna.park@initech.example as admin: not a member yet  [examples/teams/org.yaml]',
        '  + invite joanna@chotchkies.example as none: not a member yet  [examples/teams/support.yaml]',
        '      application 6650f0c1a2b3c4d5e6f70b01: collaborate',
        '  + invite michael.bolton@eng.initech.example as edit: not a member yet  [examples/teams/platform.yaml]',
        '  + invite milton.waddams@initech.example as view: not a member yet  [examples/teams/support.yaml]',
        '  + invite peter.gibbons@initech.example as edit: not a member yet  [examples/teams/platform.yaml]',
        '  + invite samir.nagheenanajar@initech.example as edit: not a member yet  [examples/teams/platform.yaml]',
        '  + invite tom.smykowski@initech.example as view: not a member yet  [examples/teams/support.yaml]',
        '  warning: the org has 1 admin, fewer than policy.minAdmins (2)',
        '',
        'Plan: 7 to invite, 1 to change, 0 to remove.',
        '',
      ].join('\n'),
    );
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain(
      `| **Empty org** \`${ORG}\` | \`examples/teams/org.yaml\` \`examples/teams/platform.yaml\` \`examples/teams/support.yaml\` | 7 | 1 | 0 |`,
    );
    expect(markdown.stdout).toContain(
      [
        '~ update org properties  [examples/teams/org.yaml:13]',
        '    name: "Empty org" -> "Initech Connected Products"',
        '    description: (unset) -> "Connected coffee machines, one team per product line"',
        '    mfaMode: "notRequired" -> "required"',
        '+ invite joanna.park@initech.example as admin: not a member yet  [examples/teams/org.yaml:30]',
        '+ invite joanna@chotchkies.example as none: not a member yet  [examples/teams/support.yaml:12]',
      ].join('\n'),
    );
    const plan = JSON.parse(json.stdout) as Plan;
    expectValidPlanJson(plan);
    const [org] = plan.orgs;
    expect(org?.file).toBe('examples/teams/org.yaml');
    expect(org?.files).toEqual(files.split(', '));
    expect(
      org?.operations.map((op) => ['email' in op.target ? op.target.email : undefined, op.source]),
    ).toEqual([
      [undefined, { file: 'examples/teams/org.yaml', line: 13, col: 3 }],
      ['joanna.park@initech.example', { file: 'examples/teams/org.yaml', line: 30, col: 5 }],
      ['joanna@chotchkies.example', { file: 'examples/teams/support.yaml', line: 12, col: 5 }],
      [
        'michael.bolton@eng.initech.example',
        { file: 'examples/teams/platform.yaml', line: 11, col: 5 },
      ],
      ['milton.waddams@initech.example', { file: 'examples/teams/support.yaml', line: 9, col: 5 }],
      ['peter.gibbons@initech.example', { file: 'examples/teams/platform.yaml', line: 9, col: 5 }],
      [
        'samir.nagheenanajar@initech.example',
        { file: 'examples/teams/platform.yaml', line: 10, col: 5 },
      ],
      ['tom.smykowski@initech.example', { file: 'examples/teams/support.yaml', line: 10, col: 5 }],
    ]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply: 8 done, 0 failed, 0 skipped.');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes. The org matches the file.');
    const live = await e.control.state();
    expect(live.orgs[0]?.invites?.map((i) => i.email).sort()).toEqual(
      (org?.operations ?? [])
        .flatMap((op) => ('email' in op.target ? [op.target.email] : []))
        .sort(),
    );
  }, 120_000);

  it('a saved plan of an org across files keeps the file of each change when applied', async () => {
    const e = await startTeamsOrg();
    const saved = join(session.dir, 'teams-plan.json');

    const planned = await run(['plan', TEAMS, '--out', saved], e);
    const applied = await run(['apply', saved, '--yes', '--no-color'], e);

    expect(planned.code).toBe(0);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(
      'from examples/teams/org.yaml, examples/teams/platform.yaml, examples/teams/support.yaml',
    );
    expect(applied.stdout).toContain(
      '  + invite peter.gibbons@initech.example as edit: not a member yet  [examples/teams/platform.yaml]',
    );
    expect(applied.stdout).toContain('Apply: 8 done, 0 failed, 0 skipped.');
  }, 120_000);

  it('export of an org applied from several files writes one file, no expires, and it plans empty', async () => {
    const e = await startTeamsOrg();
    await run(['apply', TEAMS, '--yes'], e);
    const out = join(session.dir, 'exported.yaml');

    const exported = await run(['export', '--org', ORG, '--out', out], e);
    const text = await readFile(out, 'utf8');
    const planned = await run(['plan', out, '--detailed-exitcode'], e);

    expect(exported.code).toBe(0);
    expect(text).toContain('joanna@chotchkies.example');
    expect(text).not.toContain('expires');
    expect(text).not.toContain('profile');
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('No changes. The org matches the file.');
  }, 120_000);

  it('a team that drops a person: the removal names the file whose members: removes undeclared people', async () => {
    const e = await startTeamsOrg();
    await run(['apply', TEAMS, '--yes'], e);
    const copy = join(session.dir, 'teams');
    await mkdir(copy, { recursive: true });
    for (const name of ['org.yaml', 'platform.yaml', 'support.yaml']) {
      const text = await readFile(join(ROOT, TEAMS, name), 'utf8');
      await writeFile(
        join(copy, name),
        text.replace('  - { email: tom.smykowski@initech.example, profile: support }\n', ''),
      );
    }

    const markdown = await run(['plan', copy, '--format', 'markdown'], e);

    expect(markdown.code).toBe(0);
    const revoke = markdown.stdout.split('\n').filter((line) => line.startsWith('- revoke'));
    expect(revoke).toEqual([
      expect.stringMatching(
        /^- revoke invite [0-9a-f]{24} of tom\.smykowski@initech\.example \(view\): not in the file {2}\[.*\/teams\/org\.yaml:28\]$/,
      ),
    ]);
  }, 120_000);

  it('a policy or a profile written in two files of one org: validate names both places, exit 1', async () => {
    const team = join(session.dir, 'conflict');
    await mkdir(team, { recursive: true });
    const org = `version: 1\norg:\n  id: ${ORG}\n`;
    await writeFile(
      join(team, 'a.yaml'),
      `${org}members:\n  - { email: a@initech.example, role: admin }\npolicy:\n  minAdmins: 1\n`,
    );
    await writeFile(join(team, 'b.yaml'), `${org}policy:\n  maxRemovals: 1\n`);

    const result = await run(['validate', team]);

    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `${join(team, 'b.yaml')}:4:1: error: the policy of org ${ORG} is already set in ${join(team, 'a.yaml')}:6:1; write policy in one file of the org\n1 error in 1 file\n`,
    });
  });
});
