// The npm package as a stranger gets it: packed, installed from the tarball into an empty folder
// (offline: the bundle needs no dependency), and the installed `losant-org` run there.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface PackResult {
  filename: string;
  files: { path: string }[];
}

let dir: string;
let app: string;
let packed: PackResult;

/** npm without its update check, audit or funding notes: nothing but the command itself. */
const npmEnv = {
  ...process.env,
  npm_config_update_notifier: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losant-org-pack-'));
  const { stdout } = await run(NPM, ['pack', '--json', '--pack-destination', dir], {
    cwd: ROOT,
    env: npmEnv,
  });
  packed = (JSON.parse(stdout) as PackResult[])[0] as PackResult;
  app = join(dir, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), '{ "name": "stranger", "private": true }\n');
  // --offline: a dependency that had to be fetched would fail here rather than reach the network.
  await run(
    NPM,
    ['install', '--offline', '--no-package-lock', '--omit=dev', join(dir, packed.filename)],
    { cwd: app, env: npmEnv },
  );
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The installed bin, as `npx losant-org` would run it, in the stranger's folder. */
function installed(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(join(app, 'node_modules', '.bin', 'losant-org'), args, {
      cwd: app,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const EXAMPLE = 'node_modules/losant-org-gitops/examples/small-team.yaml';

describe('the npm package', () => {
  it('holds what users run, and no tests, benchmarks or sources', () => {
    const top = new Set(packed.files.map((f) => f.path.replace(/\/.*$/, '/')));

    expect([...top].sort()).toEqual([
      'LICENSE',
      'README.md',
      'dist/',
      'examples/',
      'package.json',
      'schemas/',
    ]);
    expect(packed.files.map((f) => f.path).filter((p) => p.startsWith('dist/'))).toEqual([
      'dist/cli.js',
    ]);
  });

  it('declares where it comes from, and needs no dependency at run time (the bundle holds them)', async () => {
    const pkg = JSON.parse(
      await readFile(join(app, 'node_modules', 'losant-org-gitops', 'package.json'), 'utf8'),
    ) as Record<string, unknown>;

    expect(pkg['dependencies']).toBeUndefined();
    expect(pkg['repository']).toEqual({
      type: 'git',
      url: 'git+https://github.com/losant-gitops/losant-org.git',
    });
    expect(pkg['bin']).toEqual({ 'losant-org': 'dist/cli.js' });
  });

  it('the installed losant-org prints its version', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };

    expect(await installed(['--version'])).toEqual({
      code: 0,
      stdout: `${pkg.version}\n`,
      stderr: '',
    });
  });

  it('the installed losant-org validates an example it ships', async () => {
    expect(await installed(['validate', EXAMPLE])).toEqual({
      code: 0,
      stdout: `${EXAMPLE}: ok (org 6650f0c1a2b3c4d5e6f70801, 7 members)\n`,
      stderr: '',
    });
  });

  it('the installed losant-org plans against the emulator', async () => {
    const emulator = await startEmulator();
    try {
      const result = await installed(['plan', EXAMPLE, '--no-color', '--detailed-exitcode'], {
        LOSANT_API_URL: emulator.url,
        LOSANT_API_TOKEN: emulator.token,
      });

      expect(result.code).toBe(2);
      expect(result.stdout).toContain('Plan: 1 to invite, 2 to change, 1 to remove.');
      expect(result.stderr).toBe('');
    } finally {
      await emulator.close();
    }
  });
});
