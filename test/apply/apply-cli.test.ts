// `losant-org apply` as a real process against the emulator: output, exit codes, state, and no token anywhere.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { ApplyReport } from '../../src/apply/apply-report.js';
import type { Plan } from '../../src/model/plan.js';
import { BUILT_CLI } from '../built.js';
import { isWrite } from './apply-fixtures.js';

const ROOT = resolve(import.meta.dirname, '../..');
const KEN = '6650f0c1a2b3c4d5e6f70a05';
const LINUS = '6650f0c1a2b3c4d5e6f70a03';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

let emulator: RunningEmulator;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losant-org-apply-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await emulator.close();
});

function cliEnv(): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    LOSANT_API_URL: emulator.url,
    LOSANT_API_TOKEN: emulator.token,
  };
}

/** Runs the built CLI (never spawnSync: the emulator answers from this process). */
function runCli(
  args: string[],
  options: { onStderr?: (text: string, child: ReturnType<typeof spawn>) => void } = {},
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], {
      cwd: ROOT,
      env: cliEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, child);
    });
    child.stdin.end();
    child.on('error', fail);
    child.on('close', (code) => {
      // The token is never printed, whatever happened.
      expect(stdout.includes(emulator.token)).toBe(false);
      expect(stderr.includes(emulator.token)).toBe(false);
      done({ code, stdout, stderr });
    });
  });
}

async function writes(): Promise<string[]> {
  return (await emulator.control.log()).filter(isWrite).map((e) => e.action ?? '');
}

const SMALL_TEAM_LINES = [
  '✓ change linus@acme-iot.example (edit -> collaborate)',
  '✓ invite barbara@acme-iot.example (collaborate)',
  '✓ invite hedy@acme-iot.example (view)',
  '✓ remove ken@acme-iot.example (view)',
  '✓ revoke invite 6650f0c1a2b3c4d5e6f70d02 of barbara@acme-iot.example (collaborate)',
];

describe('losant-org apply (built CLI)', () => {
  it('applies the example with --yes: a line per operation, a summary, the org verified', async () => {
    emulator = await startEmulator();

    const run = await runCli(['apply', 'examples/small-team.yaml', '--yes']);

    expect(run.code).toBe(0);
    expect(run.stderr.trim().split('\n').sort()).toEqual(SMALL_TEAM_LINES);
    expect(run.stdout).toContain('Plan: 1 to invite, 2 to change, 1 to remove.');
    expect(
      run.stdout.endsWith(
        [
          'Apply: 5 done, 0 failed, 0 skipped.',
          'The org now matches the file.',
          '3 invites awaiting acceptance.',
          '',
        ].join('\n'),
      ),
    ).toBe(true);
    const state = await emulator.control.state();
    const org = state.orgs[0];
    expect(org?.members.some((m) => m.userId === KEN)).toBe(false);
    expect((org?.invites ?? []).map((i) => i.email).sort()).toEqual([
      'barbara@acme-iot.example',
      'dennis@acme-iot.example',
      'hedy@acme-iot.example',
    ]);

    const again = await runCli(['apply', 'examples/small-team.yaml']);

    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes. The org matches the file.');
  });

  it('without a terminal and without --yes: exit 1, says to use --yes, writes nothing', async () => {
    emulator = await startEmulator();

    const run = await runCli(['apply', 'examples/small-team.yaml']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: apply asks for confirmation, but stdin is not a terminal: review the plan above and run again with --yes\n',
    );
    expect(run.stdout).toContain('Plan: 1 to invite, 2 to change, 1 to remove.');
    expect(await writes()).toEqual([]);
  });

  it('--format json prints the report on stdout', async () => {
    emulator = await startEmulator();

    const run = await runCli(['apply', 'examples/small-team.yaml', '--yes', '--format', 'json']);

    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ApplyReport;
    expect(report.ok).toBe(true);
    expect(report.counts).toEqual({ done: 5, failed: 0, skipped: 0, total: 5 });
    expect(report.verification).toEqual({
      matches: true,
      orgs: [{ orgId: DEMO_ORG_ID, matches: true, differences: [], awaiting: 3 }],
    });
    expect(run.stderr).toContain('Apply: 5 done, 0 failed, 0 skipped.');
  });

  it('a plan refused by a guard writes nothing and exits 1', async () => {
    emulator = await startEmulator();
    const file = join(dir, 'strict.yaml');
    await writeFile(
      file,
      [
        'version: 1',
        `org: { id: ${DEMO_ORG_ID} }`,
        'members:',
        '  - { email: ada@acme-iot.example, role: admin }',
        'policy: { maxRemovals: 1 }',
        '',
      ].join('\n'),
    );

    const run = await runCli(['apply', file, '--yes']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: the plan is refused by a guard, nothing was written:');
    expect(await writes()).toEqual([]);
  });

  it('a saved plan is applied exactly when the org is unchanged', async () => {
    emulator = await startEmulator();
    const saved = join(dir, 'fresh-plan.json');
    const made = await runCli(['plan', 'examples/small-team.yaml', '--out', saved]);
    expect(made.code).toBe(0);

    const run = await runCli(['apply', saved, '--yes']);

    expect(run.code).toBe(0);
    expect(run.stderr.trim().split('\n').sort()).toEqual(SMALL_TEAM_LINES);
    expect(run.stdout).toContain('The org now matches the file.');
  });

  it('a saved plan made stale by a change in the org is refused with nothing written, saying what changed', async () => {
    emulator = await startEmulator();
    const saved = join(dir, 'stale-plan.json');
    expect((await runCli(['plan', 'examples/small-team.yaml', '--out', saved])).code).toBe(0);
    // Someone already made Linus a collaborator: the plan made now no longer changes him.
    const state = await emulator.control.state();
    const linus = state.orgs[0]?.members.find((m) => m.userId === LINUS);
    if (linus === undefined) throw new Error('demo seed');
    linus.role = 'collaborate';
    await emulator.control.setState(state);
    await emulator.control.clearLog();

    const run = await runCli(['apply', saved, '--yes']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: planning now gives another plan than ${saved}; the org changed since it was made:\n` +
        `  Acme IoT (${DEMO_ORG_ID}): no longer planned: ~ change linus@acme-iot.example: role edit -> collaborate\n` +
        `Nothing was written. Make a new plan (losant-org plan <files> --out ${saved}) and apply that one.\n`,
    );
    expect(await writes()).toEqual([]);
  });

  it('a saved plan is applied when the org changed in a way that leaves the plan the same', async () => {
    emulator = await startEmulator();
    const saved = join(dir, 'same-plan.json');
    expect((await runCli(['plan', 'examples/small-team.yaml', '--out', saved])).code).toBe(0);
    // Ken, whom the plan removes, became an editor meanwhile: he is still removed, nothing else changes.
    const state = await emulator.control.state();
    const ken = state.orgs[0]?.members.find((m) => m.userId === KEN);
    if (ken === undefined) throw new Error('demo seed');
    ken.role = 'edit';
    await emulator.control.setState(state);

    const run = await runCli(['apply', saved, '--yes']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  - remove ken@acme-iot.example (edit): not in the file');
    expect(run.stdout).toContain('The org now matches the file.');
  });

  it('a saved plan whose operations were edited is refused', async () => {
    emulator = await startEmulator();
    const saved = join(dir, 'edited-plan.json');
    expect((await runCli(['plan', 'examples/small-team.yaml', '--out', saved])).code).toBe(0);
    // Hedy would be invited as admin: consistent in itself, but not the plan that was made.
    const doc = JSON.parse(await readFile(saved, 'utf8')) as Plan;
    for (const op of doc.orgs[0]?.operations ?? []) {
      if (op.action === 'inviteMember' && op.target.email === 'hedy@acme-iot.example') {
        op.body.role = 'admin';
        op.after.role = 'admin';
      }
    }
    await writeFile(saved, JSON.stringify(doc));
    await emulator.control.clearLog();

    const run = await runCli(['apply', saved, '--yes']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: ${saved} was changed after it was made: its operations no longer match its hash. Nothing was written; make the plan again with losant-org plan --out\n`,
    );
    expect(await writes()).toEqual([]);
  });

  it('SIGINT finishes the call in flight, starts nothing new, reports and exits 1', async () => {
    emulator = await startEmulator();
    await emulator.control.addFaults([
      { action: 'org.revokeInvite', kind: 'latency', ms: 100, count: 0 },
      { action: 'org.inviteMember', kind: 'latency', ms: 100, count: 0 },
    ]);
    let sent = false;

    const run = await runCli(['apply', 'examples/small-team.yaml', '--yes', '--concurrency', '1'], {
      onStderr: (text, child) => {
        if (!sent && text.includes('✓')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SIGINT: finishing the calls in flight and starting no new ones');
    expect(run.stdout).toContain(
      'Interrupted: the calls in flight were finished, nothing new was started.',
    );
    const report = /Apply: (\d+) done, 0 failed, (\d+) skipped\./.exec(run.stdout);
    expect(Number(report?.[1]) + Number(report?.[2])).toBe(5);
    expect(Number(report?.[2])).toBeGreaterThan(0);
    expect((await writes()).length).toBe(Number(report?.[1]));
  });
});

describe('losant-org apply confirmation (in process, a fake terminal)', () => {
  function fakeIo(
    answer: string,
    beforeAnswer: () => Promise<void> = () => Promise.resolve(),
  ): { io: CliIo; out: () => string; err: () => string } {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    let asked = false;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    stderr.on('data', (c: Buffer) => {
      err += c.toString();
      if (!asked && err.includes("Only 'yes' is accepted: ")) {
        asked = true;
        void beforeAnswer().then(() => stdin.write(`${answer}\n`));
      }
    });
    return {
      io: {
        stdin,
        stdout,
        stderr,
        env: { LOSANT_API_URL: emulator.url, LOSANT_API_TOKEN: emulator.token },
        cwd: ROOT,
      },
      out: () => out,
      err: () => err,
    };
  }

  it("anything but 'yes' cancels: nothing written, exit 1", async () => {
    emulator = await startEmulator();
    const { io, err } = fakeIo('y');

    const code = await main(['apply', 'examples/small-team.yaml'], io);

    expect(code).toBe(1);
    expect(err()).toBe(
      "Apply these 5 operations to Acme IoT (6650f0c1a2b3c4d5e6f70801)? Only 'yes' is accepted: " +
        "Apply cancelled ('y' is not 'yes'); nothing was written.\n",
    );
    expect(await writes()).toEqual([]);
  });

  it("'yes' applies", async () => {
    emulator = await startEmulator();
    const { io, out } = fakeIo('yes');

    const code = await main(['apply', 'examples/small-team.yaml', '--no-color'], io);

    expect(code).toBe(0);
    expect(out()).toContain('The org now matches the file.');
    expect((await writes()).length).toBe(5);
  });

  it("the org changed while the plan was read: 'yes' writes nothing and says to plan again", async () => {
    emulator = await startEmulator();
    const { io, err } = fakeIo('yes', async () => {
      const state = await emulator.control.state();
      const org = state.orgs.find((o) => o.id === DEMO_ORG_ID);
      if (org === undefined) throw new Error('demo seed');
      org.description = 'changed by someone else';
      await emulator.control.setState(state);
      await emulator.control.clearLog();
    });

    const code = await main(['apply', 'examples/small-team.yaml', '--no-color'], io);

    expect(code).not.toBe(0);
    expect(err()).toContain(
      `the org ${DEMO_ORG_ID} changed since this plan was made; plan again\nNothing was written.`,
    );
    expect(await writes()).toEqual([]);
  });
});
