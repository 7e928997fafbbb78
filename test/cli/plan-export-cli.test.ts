// `losant-org plan`, `export` and `demo` as real processes against the emulator, as a user runs them.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadDesiredOrgs } from '../../src/config/load-desired-orgs.js';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { Plan } from '../../src/model/plan.js';
import { parsePlanMarker } from '../../src/plan/render-markdown.js';
import { expectValidPlanDocument } from '../plan/plan-fixtures.js';
import { runBuiltCli, type CliRun } from './run-built-cli.js';

let emulator: RunningEmulator;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losant-org-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await emulator.close();
});

async function run(args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
  const result = await runBuiltCli(args, {
    LOSANT_API_URL: emulator.url,
    LOSANT_API_TOKEN: emulator.token,
    ...extraEnv,
  });
  // The token is never printed, whatever happened.
  expect(result.stdout.includes(emulator.token)).toBe(false);
  expect(result.stderr.includes(emulator.token)).toBe(false);
  return result;
}

async function writesReceived(): Promise<string[]> {
  const log = await emulator.control.log();
  return log.filter((e) => e.method !== 'GET').map((e) => e.action ?? e.path);
}

const SMALL_TEAM_PLAN = [
  `Acme IoT (${DEMO_ORG_ID}) from examples/small-team.yaml`,
  '  members 5 of 8, 1 invite pending',
  '  ~ revoke invite 6650f0c1a2b3c4d5e6f70d02 of barbara@acme-iot.example (collaborate): invite expired 3 days ago; re-sending',
  '  ~ invite barbara@acme-iot.example as collaborate: invite expired 3 days ago; re-sending',
  '      application 6650f0c1a2b3c4d5e6f70b01: collaborate',
  '  + invite hedy@acme-iot.example as view: not a member yet',
  '      disallowTransfer: true',
  '  ~ change linus@acme-iot.example: role edit -> collaborate',
  '  - remove ken@acme-iot.example (view): not in the file',
  '  awaiting acceptance:',
  '      dennis@acme-iot.example, invited 1 day ago',
  '',
  'Plan: 1 to invite, 2 to change, 1 to remove.',
  '',
].join('\n');

describe('losant-org plan (built CLI)', () => {
  it('prints the text plan, reads only, and exits 0 (2 with --detailed-exitcode)', async () => {
    emulator = await startEmulator();

    const plain = await run(['plan', 'examples/small-team.yaml']);
    const detailed = await run(['plan', 'examples/small-team.yaml', '--detailed-exitcode']);

    expect(plain).toEqual({ code: 0, stdout: SMALL_TEAM_PLAN, stderr: '' });
    expect(detailed.code).toBe(2);
    expect(await writesReceived()).toEqual([]);
    const reads = (await emulator.control.log()).map((e) => e.action);
    // Per plan: the token's user, then the org and its invites, read together.
    expect(reads.filter((a) => a === 'org.get')).toHaveLength(2);
    expect(reads.filter((a) => a === 'org.pendingInvites')).toHaveLength(2);
  });

  it('--format json is a plan of the schema with the live fingerprint; --out saves the same', async () => {
    emulator = await startEmulator();
    const out = join(dir, 'plan.json');

    const result = await run([
      'plan',
      'examples/small-team.yaml',
      '--format',
      'json',
      '--out',
      out,
    ]);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `Saved the plan to ${out}; apply it with: losant-org apply ${out}\n`,
    );
    const plan = JSON.parse(result.stdout) as Plan;
    expectValidPlanDocument(plan);
    expect(plan.orgs.map((o) => [o.orgId, o.counts, o.fingerprint.length])).toEqual([
      [DEMO_ORG_ID, { additions: 1, changes: 2, removals: 1 }, 64],
    ]);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(plan);
  });

  it('--format markdown carries the hidden marker with the org and the plan hash', async () => {
    emulator = await startEmulator();

    const markdown = await run(['plan', 'examples/small-team.yaml', '--format', 'markdown']);
    const json = await run(['plan', 'examples/small-team.yaml', '--format', 'json']);

    expect(markdown.code).toBe(0);
    const plan = JSON.parse(json.stdout) as Plan;
    expect(parsePlanMarker(markdown.stdout)).toEqual({ orgIds: [DEMO_ORG_ID], hash: plan.hash });
    expect(markdown.stdout).toContain('**Removals (1)**');
  });

  it('a plan refused by a guard exits 1, names the guard and how to proceed', async () => {
    emulator = await startEmulator();
    const file = join(dir, 'one-admin.yaml');
    await writeFile(
      file,
      `version: 1\norg: { id: ${DEMO_ORG_ID} }\nmembers:\n  - { email: ada@acme-iot.example, role: admin }\n`,
    );

    const refused = await run(['plan', file]);
    const allowed = await run(['plan', file, '--allow-removals', '6']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      [
        'error: the plan is refused by a guard, nothing was written:',
        `  org ${DEMO_ORG_ID} (${file}): guard maxRemovals: 6 removals (4 members removed, 2 undeclared invites revoked): more than policy.maxRemovals (5)`,
        '    to proceed: if these removals are intended, rerun with --allow-removals 6, or set policy.maxRemovals to 6 or more',
        '',
      ].join('\n'),
    );
    expect(allowed.code).toBe(0);
    expect(await writesReceived()).toEqual([]);
  });

  it('a configuration error stops before any API call, with file:line:col', async () => {
    emulator = await startEmulator();
    const file = join(dir, 'typo.yaml');
    await writeFile(
      file,
      `version: 1\norg: { id: ${DEMO_ORG_ID} }\nmembers:\n  - { emial: a@b.co, role: admin }\n`,
    );

    const result = await run(['plan', file]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${file}:4:7: error: unknown key 'emial' in member #1; did you mean 'email'?`,
    );
    expect(await emulator.control.log()).toEqual([]);
  });

  it('refuses a missing token, a plain-http remote URL and a rejected token clearly', async () => {
    emulator = await startEmulator();

    const noToken = await runBuiltCli(['plan', 'examples/small-team.yaml'], {
      LOSANT_API_URL: emulator.url,
    });
    const remote = await run(['plan', 'examples/small-team.yaml'], {
      LOSANT_API_URL: 'http://api.example.com',
    });
    const rejected = await run(['plan', 'examples/small-team.yaml'], {
      LOSANT_API_TOKEN: 'not-a-token-the-emulator-knows',
    });

    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/^error: LOSANT_API_TOKEN is not set/);
    expect(remote.code).toBe(1);
    expect(remote.stderr).toMatch(/^error: .*https/);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('the token was rejected: check LOSANT_API_TOKEN');
    expect(rejected.stderr.includes('not-a-token-the-emulator-knows')).toBe(false);
  });

  it('an unknown org is an error naming it, never an empty org', async () => {
    emulator = await startEmulator();
    const file = join(dir, 'unknown-org.yaml');
    await writeFile(file, 'version: 1\norg: { id: 0123456789abcdef01234567, name: Nowhere }\n');

    const result = await run(['plan', file]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('0123456789abcdef01234567');
    expect(result.stderr).toContain('not found');
    expect(result.stdout).toBe('');
  });
});

describe('losant-org export (built CLI)', () => {
  it('writes a valid version-1 file whose plan is empty', async () => {
    emulator = await startEmulator();
    const out = join(dir, 'exported.yaml');

    const exported = await run(['export', '--org', DEMO_ORG_ID, '--out', out]);
    const loaded = await loadDesiredOrgs([out], { env: {}, cwd: dir });
    const plan = await run(['plan', out, '--detailed-exitcode']);

    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain(`Exported Acme IoT (5 members, 2 pending invites) to ${out}`);
    expect(loaded.errors).toEqual([]);
    expect(loaded.orgs.map((o) => [o.orgId, o.members?.length])).toEqual([[DEMO_ORG_ID, 7]]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes. The org matches the file.');
  });

  it('prints to stdout, sorted by email, with a header saying when and from where', async () => {
    emulator = await startEmulator();

    const result = await run(['export'], { LOSANT_ORG_ID: DEMO_ORG_ID });

    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^# Exported by losant-org from ${emulator.url}, org ${DEMO_ORG_ID}, at \\d{4}-`),
    );
    const emails = lines
      .filter((l) => l.startsWith('  - { email: '))
      .map((l) => l.slice('  - { email: '.length).split(',')[0]);
    expect(emails).toEqual([...emails].sort());
    expect(emails).toHaveLength(7);
  });

  it('refuses an org id that is not 24 hex before calling the API', async () => {
    emulator = await startEmulator();

    const result = await run(['export', '--org', 'acme']);

    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: --org must be a Losant org id (24 hexadecimal characters), not 'acme'\n",
    });
    expect(await emulator.control.log()).toEqual([]);
  });
});

describe('losant-org demo (built CLI)', () => {
  it('plans, applies and plans again against its own emulator: the second plan is empty', async () => {
    emulator = await startEmulator(); // unused by the demo, closed by afterEach

    const result = await runBuiltCli(['demo'], {});

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Plan: 1 to invite, 2 to change, 1 to remove.');
    expect(result.stdout).toContain('Apply: 5 done, 0 failed, 0 skipped.');
    expect(result.stdout).toMatch(
      /--detailed-exitcode\n\n[^]*No changes\. The org matches the file\.\n/,
    );
  });

  it.each(['examples/enterprise.yaml', 'examples/many-orgs/staging.yaml'])(
    'works for %s too: an empty org with its id, whose members are its admins, is made to match',
    async (file) => {
      emulator = await startEmulator(); // unused by the demo, closed by afterEach

      const result = await runBuiltCli(['demo', file, '--no-color'], {});

      expect(result.code).toBe(0);
      expect(result.stdout).toContain('an empty org with the id of');
      expect(result.stdout).toMatch(/Apply: \d+ done, 0 failed, 0 skipped\./);
      expect(result.stdout).toMatch(
        /--detailed-exitcode\n\n[^]*No changes\. The org matches the file\.\n/,
      );
    },
  );
});

describe('losant-org arguments (built CLI)', () => {
  it('--help after a command prints its usage; a mistyped option is a usage error, not a bug', async () => {
    emulator = await startEmulator();

    const help = await run(['plan', '--help']);
    const missing = await run(['export', '--org']);
    const unknown = await run(['plan', 'examples/small-team.yaml', '--bogus']);

    expect(help.code).toBe(0);
    expect(help.stdout.split('\n')[0]).toBe(
      'Usage: losant-org plan <files|dirs...> [--format text|markdown|json] [--out plan.json] [--detailed-exitcode] [--allow-removals N] [--allow-changes N] [--follow-symlinks]',
    );
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "error: Option '--org <value>' argument missing\n" +
        'usage: losant-org export [--org ID] [--out org.yaml]   (every option: losant-org export --help)\n',
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split('\n')[0]).toBe("error: Unknown option '--bogus'");
    expect(await emulator.control.log()).toEqual([]);
  });

  it('an --out path that cannot be written says so plainly', async () => {
    emulator = await startEmulator();
    const out = join(dir, 'no-such-dir', 'plan.json');

    const result = await run(['plan', 'examples/small-team.yaml', '--out', out, '--no-color']);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: cannot write --out ${out}: its directory does not exist\n`);
  });
});
