// Config paths are data from outside: symbolic links out of a directory are refused (or followed with
// --follow-symlinks), and a file that is not a configuration is never quoted in an error.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runBuiltCli } from './run-built-cli.js';

const ORG_A = 'version: 1\norg:\n  id: 6650f0c1a2b3c4d5e6f70801\n';
const ORG_B = 'version: 1\norg:\n  id: 6650f0c1a2b3c4d5e6f70802\n';
const ORG_C = 'version: 1\norg:\n  id: 6650f0c1a2b3c4d5e6f70803\n';
const SECRET = 'sk_live_SECRET_7f3a9c2e51b04d68';

let dir: string;
let emulator: RunningEmulator | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losant-org-paths-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A directory `losant/` in a fresh folder, with `outside/` beside it; files by path. */
async function workspace(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(dir, 'ws-'));
  await mkdir(join(root, 'losant', 'sub'), { recursive: true });
  await mkdir(join(root, 'outside'));
  for (const [path, text] of Object.entries(files)) await writeFile(join(root, path), text);
  return root;
}

describe('symbolic links in a configuration directory', () => {
  it('a link out of the directory is refused, naming it and where it points, before any API call', async () => {
    const root = await workspace({ 'losant/a.yaml': ORG_A, 'outside/b.yaml': ORG_B });
    await symlink(join(root, 'outside', 'b.yaml'), join(root, 'losant', 'b.yaml'));
    emulator = await startEmulator();
    const env = { LOSANT_API_URL: emulator.url, LOSANT_API_TOKEN: emulator.token };

    const validated = await runBuiltCli(['validate', 'losant'], {}, root);
    const planned = await runBuiltCli(['plan', 'losant'], env, root);

    const refusal = `losant/b.yaml:1:1: error: this is a symbolic link to ${join(root, 'outside', 'b.yaml')}, outside the directory losant; a directory's files are read only from inside it: copy the file in, name it on the command line, or allow links with --follow-symlinks (the Action's input follow-symlinks: true)`;
    expect(validated).toEqual({
      code: 1,
      stdout: 'losant/a.yaml: ok (org 6650f0c1a2b3c4d5e6f70801, members not managed)\n',
      stderr: `${refusal}\n1 error in 1 file\n`,
    });
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain(refusal);
    expect(await emulator.control.log()).toEqual([]);
  });

  it('--follow-symlinks reads it; a link inside the directory and a file named by the user are always read', async () => {
    const root = await workspace({
      'losant/a.yaml': ORG_A,
      'losant/sub/c.yaml': ORG_C,
      'outside/b.yaml': ORG_B,
    });
    await symlink(join(root, 'outside', 'b.yaml'), join(root, 'losant', 'b.yaml'));
    await symlink(join('sub', 'c.yaml'), join(root, 'losant', 'c.yaml'));
    await symlink(join(root, 'outside', 'b.yaml'), join(root, 'named.yaml'));

    const followed = await runBuiltCli(['validate', 'losant', '--follow-symlinks'], {}, root);
    const named = await runBuiltCli(['validate', 'named.yaml'], {}, root);

    expect(followed).toEqual({
      code: 0,
      stdout: [
        'losant/a.yaml: ok (org 6650f0c1a2b3c4d5e6f70801, members not managed)',
        'losant/b.yaml: ok (org 6650f0c1a2b3c4d5e6f70802, members not managed)',
        'losant/c.yaml: ok (org 6650f0c1a2b3c4d5e6f70803, members not managed)',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(named).toEqual({
      code: 0,
      stdout: 'named.yaml: ok (org 6650f0c1a2b3c4d5e6f70802, members not managed)\n',
      stderr: '',
    });
  });

  it('--follow-symlinks is an option of every command that reads configuration paths', async () => {
    const commands = ['validate', 'plan', 'apply', 'usage'];

    const helps = await Promise.all(commands.map((c) => runBuiltCli([c, '--help'], {})));

    expect(
      helps.map((h) => [
        h.code,
        /^ +--follow-symlinks +also read a directory's files that are symbolic links to outside it/m.test(
          h.stdout,
        ),
      ]),
    ).toEqual(commands.map(() => [0, true]));
  });
});

/** Files that are anything but a configuration, each full of the secret. */
const NOT_CONFIG: Record<string, string | Buffer> = {
  // /etc/passwd-like: a multi-line plain scalar in YAML.
  'passwd.yaml': [
    `root:x:0:0:${SECRET}:/root:/bin/bash`,
    `daemon:x:1:1:${SECRET}:/usr/sbin:/usr/sbin/nologin`,
    '',
  ].join('\n'),
  // JSON secrets (JSON is YAML): keys and values that a schema error or a suggestion would quote.
  'secrets.yaml': JSON.stringify({ verison: SECRET, [SECRET]: { orgg: SECRET } }, null, 2),
  // A line that does not parse, and one that looks like an indentation mistake.
  'broken.yaml': `${SECRET}: [unclosed\n  ${SECRET}: x\n    - ${SECRET}\n`,
  'tags.yaml': `key: !${SECRET} value\n"${SECRET}": "\\q${SECRET}"\n`,
  'env.yaml': `token: \${${SECRET}}\n`,
  'list.yaml': `- ${SECRET}\n- ${SECRET}\n`,
  'binary.yaml': Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff, 0xfe]),
    Buffer.from(`\n${SECRET}\n`),
    Buffer.from([0xc3, 0x28, 0x00]),
  ]),
  'nul.yaml': `${SECRET}\u0000${SECRET}\n`,
};

describe('an error never quotes a file that is not a configuration', () => {
  it('validate names each file and says it is not a configuration, without its content', async () => {
    const root = await workspace({});
    for (const [name, content] of Object.entries(NOT_CONFIG)) {
      await writeFile(join(root, 'outside', name), content);
    }

    const run = await runBuiltCli(['validate', 'outside'], { [SECRET]: 'set' }, root);

    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain(SECRET);
    expect(run.stderr).not.toContain('SECRET');
    expect(run.stderr.split('\n')).toEqual([
      ...Object.keys(NOT_CONFIG)
        .sort()
        .map(
          (name) =>
            `outside/${name}:1:1: error: this is not a losant-org configuration file: it has no version: or org: at its top level, so none of its content is shown; name a configuration file (version: 1 and org: with the id of the organization)`,
        ),
      `${Object.keys(NOT_CONFIG).length} errors in ${Object.keys(NOT_CONFIG).length} files`,
      '',
    ]);
    expect(run.code).toBe(1);
  });

  it('a link followed with --follow-symlinks, and apply of a .json that is no plan, quote nothing either', async () => {
    const root = await workspace({
      'outside/passwd': NOT_CONFIG['passwd.yaml'] as string,
      'secret.json': `{ "token": "${SECRET}", }\n`,
      'passwd.json': NOT_CONFIG['passwd.yaml'] as string,
    });
    await symlink(join(root, 'outside', 'passwd'), join(root, 'losant', 'passwd.yaml'));
    emulator = await startEmulator();
    const env = { LOSANT_API_URL: emulator.url, LOSANT_API_TOKEN: emulator.token };

    const refused = await runBuiltCli(['plan', 'losant'], env, root);
    const followed = await runBuiltCli(['plan', 'losant', '--follow-symlinks'], env, root);
    const secretJson = await runBuiltCli(['apply', 'secret.json', '--yes'], env, root);
    const passwdJson = await runBuiltCli(['apply', 'passwd.json', '--yes'], env, root);

    for (const run of [refused, followed, secretJson, passwdJson]) {
      expect(run.code).toBe(1);
      expect(`${run.stdout}${run.stderr}`).not.toContain('SECRET');
    }
    expect(refused.stderr).toContain(
      `losant/passwd.yaml:1:1: error: this is a symbolic link to ${join(root, 'outside', 'passwd')}, outside the directory losant;`,
    );
    expect(followed.stderr).toContain(
      'losant/passwd.yaml:1:1: error: this is not a losant-org configuration file',
    );
    expect([secretJson.stderr, passwdJson.stderr]).toEqual([
      'error: secret.json:1:47: not valid JSON, so not a saved plan; make the plan again with losant-org plan --out\n',
      'error: passwd.json: not valid JSON, so not a saved plan; make the plan again with losant-org plan --out\n',
    ]);
    expect(await emulator.control.log()).toEqual([]);
  });
});
