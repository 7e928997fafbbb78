// `losant-org emulator` as a real process: the three lines, a call over loopback, a clean stop.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ORG_ID, DEMO_TOKEN } from '../../src/emulator/demo-state.js';
import { BUILT_CLI } from '../built.js';

interface Started {
  child: ChildProcessWithoutNullStreams;
  env: Record<string, string>;
  exit: Promise<{ code: number | null; stderr: string }>;
}

function runEmulator(args: string[]): Started {
  const child = spawn(process.execPath, [BUILT_CLI, 'emulator', ...args]);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((done) =>
    child.on('close', (code) => done({ code, stderr })),
  );
  return { child, env: {}, exit };
}

/** Resolves with the KEY=value lines once three have arrived on stdout. */
function readThreeLines(started: Started): Promise<Record<string, string>> {
  return new Promise((done, fail) => {
    let stdout = '';
    started.child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const lines = stdout.split('\n').filter((l) => l !== '');
      if (lines.length >= 3) {
        done(
          Object.fromEntries(
            lines.slice(0, 3).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
          ),
        );
      }
    });
    void started.exit.then(({ stderr }) => fail(new Error(`the emulator exited early: ${stderr}`)));
  });
}

describe('losant-org emulator (process)', () => {
  it('prints the three variables, serves the API, and exits 0 on SIGTERM', async () => {
    const started = runEmulator(['--port', '0', '--faults', 'me.get=status-503*1']);
    const vars = await readThreeLines(started);

    const org = await fetch(`${vars['LOSANT_API_URL']}/orgs/${vars['LOSANT_ORG_ID']}`, {
      headers: { authorization: `Bearer ${vars['LOSANT_API_TOKEN']}` },
    });
    const me = await fetch(`${vars['LOSANT_API_URL']}/me`, {
      headers: { authorization: `Bearer ${vars['LOSANT_API_TOKEN']}` },
    });
    started.child.kill('SIGTERM');
    const { code, stderr } = await started.exit;

    expect(Object.keys(vars)).toEqual(['LOSANT_API_URL', 'LOSANT_API_TOKEN', 'LOSANT_ORG_ID']);
    expect(vars['LOSANT_API_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect([vars['LOSANT_API_TOKEN'], vars['LOSANT_ORG_ID']]).toEqual([DEMO_TOKEN, DEMO_ORG_ID]);
    expect([org.status, ((await org.json()) as { name: string }).name]).toEqual([200, 'Acme IoT']);
    expect(me.status).toBe(503);
    expect(code).toBe(0);
    expect(stderr).toContain('Losant API emulator listening on');
  });

  it('stops cleanly on SIGINT too, serving a --state file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'losant-emulator-cli-'));
    const file = join(dir, 'state.yaml');
    await writeFile(
      file,
      [
        'users: [{ id: aaaaaaaaaaaaaaaaaaaaaaaa, email: owner@example.com }]',
        'tokens: [{ token: rehearsal, userId: aaaaaaaaaaaaaaaaaaaaaaaa, scopes: [all.User] }]',
        'orgs: [{ id: bbbbbbbbbbbbbbbbbbbbbbbb, name: Rehearsal, members: [{ userId: aaaaaaaaaaaaaaaaaaaaaaaa, role: admin }] }]',
        '',
      ].join('\n'),
    );
    const started = runEmulator(['--state', file, '--latency', '1-2']);
    const vars = await readThreeLines(started);

    const org = await fetch(`${vars['LOSANT_API_URL']}/orgs/${vars['LOSANT_ORG_ID']}`, {
      headers: { authorization: 'Bearer rehearsal' },
    });
    started.child.kill('SIGINT');
    const { code } = await started.exit;

    expect([vars['LOSANT_API_TOKEN'], vars['LOSANT_ORG_ID']]).toEqual([
      'rehearsal',
      'bbbbbbbbbbbbbbbbbbbbbbbb',
    ]);
    expect(((await org.json()) as { name: string }).name).toBe('Rehearsal');
    expect(code).toBe(0);
  });

  it('--write-env-file replaces a stale file with the three lines once listening, and removes it on stop', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'losant-emulator-cli-'));
    const envFile = join(dir, 'emu.env');
    await writeFile(envFile, 'LOSANT_API_URL=http://127.0.0.1:1\n');
    const started = runEmulator(['--write-env-file', envFile]);
    const vars = await readThreeLines(started);

    // Written (then renamed into place) before the lines reach stdout: a reader never sees it partial.
    const written = await readFile(envFile, 'utf8');
    const files = await readdir(dir);
    started.child.kill('SIGTERM');
    const { code } = await started.exit;

    expect(written).toBe(
      `LOSANT_API_URL=${vars['LOSANT_API_URL']}\nLOSANT_API_TOKEN=${DEMO_TOKEN}\nLOSANT_ORG_ID=${DEMO_ORG_ID}\n`,
    );
    expect(files).toEqual(['emu.env']);
    expect(code).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('--write-env-file in a folder that does not exist is a usage error, exit 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'losant-emulator-cli-'));
    const envFile = join(dir, 'missing', 'emu.env');

    const { code, stderr } = await runEmulator(['--write-env-file', envFile]).exit;

    expect(code).toBe(1);
    expect(stderr).toBe(
      `error: cannot write --write-env-file ${envFile}: its directory does not exist\n`,
    );
  });

  it('a bad state file is an error naming file, line and column, exit 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'losant-emulator-cli-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'users: []\norgs: []\n');

    const { code, stderr } = await runEmulator(['--state', file]).exit;

    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      `error: ${file}:1:8: users must NOT have fewer than 1 items`,
    );
  });

  it('a bad --faults spec is a usage error, exit 1', async () => {
    const { code, stderr } = await runEmulator(['--faults', 'org.get=explode']).exit;

    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      "error: --faults 'org.get=explode': unknown fault 'explode'",
    );
  });
});
