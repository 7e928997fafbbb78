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

  it('an alias bomb, an empty file, a JSON syntax error and an absurd ttl name file:line:col, never a bug', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'losant-emulator-cli-'));
    const files: Record<string, string> = {
      'bomb.yaml': [
        'a: &a [1, 2]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
        '',
      ].join('\n'),
      'empty.yaml': '',
      'broken.json': '{ "users": [1, 2, }\n',
      'ttl.yaml': [
        'users: [{ id: aaaaaaaaaaaaaaaaaaaaaaaa, email: owner@example.com }]',
        'orgs:',
        '  - id: bbbbbbbbbbbbbbbbbbbbbbbb',
        '    name: Rehearsal',
        '    members: [{ userId: aaaaaaaaaaaaaaaaaaaaaaaa, role: admin }]',
        '    invites:',
        '      - { id: cccccccccccccccccccccccc, email: c@example.com, role: view, inviteDate: 2026-01-01T00:00:00.000Z, ttl: 1e300 }',
        '',
      ].join('\n'),
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);

    const runs = [];
    for (const name of Object.keys(files))
      runs.push(await runEmulator(['--state', join(dir, name)]).exit);

    expect(runs.map((r) => [r.code, r.stderr.split('\n')[0]])).toEqual([
      [
        1,
        `error: ${join(dir, 'bomb.yaml')}:2:8: Excessive alias count indicates a resource exhaustion attack; write the values out in full instead of aliases (*name).`,
      ],
      [1, `error: ${join(dir, 'empty.yaml')}:1:1: (root) must be object`],
      [
        1,
        expect.stringMatching(new RegExp(`^error: ${join(dir, 'broken.json')}:1:\\d+: `)) as string,
      ],
      [
        1,
        `error: ${join(dir, 'ttl.yaml')}:7:118: orgs[0].invites[0].ttl must be <= 253402300799999`,
      ],
    ]);
    expect(runs.map((r) => r.stderr).join('')).not.toContain('this is a bug');
  });

  it('a bad --faults spec is a usage error, exit 1', async () => {
    const { code, stderr } = await runEmulator(['--faults', 'org.get=explode']).exit;

    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      "error: --faults 'org.get=explode': unknown fault 'explode'",
    );
  });

  it('a bad --bandwidth is a usage error, exit 1', async () => {
    const { code, stderr } = await runEmulator(['--bandwidth', '100MB']).exit;

    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      "error: --bandwidth '100MB': expected a rate per second such as 100mbit, 20mbit or 512kbit",
    );
  });

  it('serves over a limited --bandwidth, compressed when asked', async () => {
    const started = runEmulator(['--bandwidth', '50mbit']);
    const vars = await readThreeLines(started);
    const org = await fetch(`${vars['LOSANT_API_URL'] ?? ''}/orgs/${vars['LOSANT_ORG_ID'] ?? ''}`, {
      headers: {
        authorization: `Bearer ${vars['LOSANT_API_TOKEN'] ?? ''}`,
        'accept-encoding': 'gzip',
      },
    });
    const body = (await org.json()) as { name: string };
    started.child.kill('SIGTERM');
    const { code } = await started.exit;

    expect([org.headers.get('content-encoding'), body.name, code]).toEqual(['gzip', 'Acme IoT', 0]);
  });
  it('POST /_emulator/clock refuses a time out of range with a 400 and leaves the clock alone', async () => {
    const started = runEmulator(['--port', '0']);
    const vars = await readThreeLines(started);
    const url = vars['LOSANT_API_URL'] ?? '';
    const post = async (body: string): Promise<[number, unknown]> => {
      const response = await fetch(`${url}/_emulator/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return [response.status, await response.json()];
    };

    const set = await post('{ "now": 1750000000000 }');
    const answers = [
      await post('{ "now": -1 }'),
      await post('{ "now": 1e999 }'),
      await post('{ "now": 8640000000000001 }'),
      await post('{ "now": 253402300800000 }'),
      await post('{ "advanceMs": 1e17 }'),
    ];
    const invites = await fetch(`${url}/orgs/${vars['LOSANT_ORG_ID'] ?? ''}/invites`, {
      headers: { authorization: `Bearer ${vars['LOSANT_API_TOKEN'] ?? ''}` },
    });
    const after = (await (await fetch(`${url}/_emulator/clock`)).json()) as { now: number };
    started.child.kill('SIGTERM');
    await started.exit;

    const range =
      "is out of range: the emulator's clock shows times from 0 (1970-01-01T00:00:00.000Z) to 253402300799999 (9999-12-31T23:59:59.999Z), in ms since the epoch; the clock is unchanged";
    expect(set).toEqual([200, { now: 1750000000000 }]);
    expect(answers).toEqual([
      [400, { type: 'Validation', message: `the time -1 ${range}` }],
      [400, { type: 'Validation', message: `the time Infinity ${range}` }],
      [400, { type: 'Validation', message: `the time 8640000000000001 ${range}` }],
      [400, { type: 'Validation', message: `the time 253402300800000 ${range}` }],
      [
        400,
        {
          type: 'Validation',
          message: `advanceMs 100000000000000000 moves the clock too far: the time 100001750000000000 ${range}`,
        },
      ],
    ]);
    expect(invites.status).toBe(200);
    expect(after).toEqual({ now: 1750000000000 });
  });

  it('--host other than loopback warns that the control surface has no authentication', async () => {
    const runs = [];
    for (const host of ['0.0.0.0', '127.0.0.2', 'localhost']) {
      const started = runEmulator(['--host', host]);
      await readThreeLines(started);

      started.child.kill('SIGTERM');
      runs.push(await started.exit);
    }

    expect(runs.map((r) => [r.code, r.stderr.split('\n')[0]])).toEqual([
      [
        0,
        expect.stringMatching(
          /^warning: --host 0\.0\.0\.0 is not a loopback address: the control surface \(\/_emulator\/\*\) has no authentication, so anyone who can reach port \d+ on 0\.0\.0\.0 can read the state with its tokens, replace it and inject faults; use --host 127\.0\.0\.1 unless other machines must reach the emulator$/,
        ) as string,
      ],
      [
        0,
        expect.stringMatching(/^Losant API emulator listening on http:\/\/127\.0\.0\.2:/) as string,
      ],
      [0, expect.stringMatching(/^Losant API emulator listening on http:\/\/localhost:/) as string],
    ]);
  });
});
