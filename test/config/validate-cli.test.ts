// `losant-org validate` as a real process: huge and hostile inputs end with exit 1 and one clean error.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/config/problem.js';
import { BUILT_CLI } from '../built.js';
import { BAD_INPUTS, BAD_INPUTS_ENV, type BadCase } from './bad-inputs-corpus.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ORG = 'version: 1\norg:\n  id: 6650f0c1a2b3c4d5e6f70801\n';

function validate(args: string[], cwd = ROOT, env: Record<string, string> = {}) {
  // A clean environment: validate needs no token, and nothing the developer has set leaks in.
  const result = spawnSync(process.execPath, [BUILT_CLI, 'validate', ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('losant-org validate (built CLI)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'losant-org-validate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports each example as ok and exits 0', () => {
    const result = validate(['examples/small-team.yaml', 'examples/many-orgs']);

    expect(result).toEqual({
      status: 0,
      stdout: [
        'examples/small-team.yaml: ok (org 6650f0c1a2b3c4d5e6f70801, 7 members)',
        'examples/many-orgs/production.yaml: ok (org 60c1d2e3f4a5b6c7d8e9f001, 5 members)',
        'examples/many-orgs/sandbox.yaml: ok (org 60c1d2e3f4a5b6c7d8e9f003, members not managed)',
        'examples/many-orgs/staging.yaml: ok (org 60c1d2e3f4a5b6c7d8e9f002, 4 members)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('a typo: exit 1, the line and column, and what was meant', () => {
    const result = validate(['test/fixtures/bad/unknown-key-member.yaml']);

    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr:
        "test/fixtures/bad/unknown-key-member.yaml:6:7: error: unknown key 'emial' in member #2; did you mean 'email'?\n1 error in 1 file\n",
    });
  });

  it('every file of the bad-inputs corpus gives its exact problems on stderr, and exit 1', () => {
    // Arrange: one process per environment the corpus needs.
    const groups = new Map<string, BadCase[]>();
    for (const c of BAD_INPUTS) {
      const key = JSON.stringify(c.env ?? BAD_INPUTS_ENV);
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }

    for (const [env, cases] of groups) {
      const files = cases.map((c) => `test/fixtures/bad/${c.file}`);
      const expected = cases.flatMap((c, i) => [
        ...(c.warnings ?? []).map((w) => formatProblem({ file: files[i] ?? '', ...w }, 'warning')),
        ...c.errors.map((e) => formatProblem({ file: files[i] ?? '', ...e }, 'error')),
      ]);
      const errorCount = cases.reduce((n, c) => n + c.errors.length, 0);

      // Act
      const result = validate(files, ROOT, JSON.parse(env) as Record<string, string>);

      // Assert: problems of files that cannot be read come first, so lines are compared as a set.
      const lines = result.stderr.split('\n');
      expect({
        status: result.status,
        stdout: result.stdout,
        problems: lines.slice(0, -2).sort(),
        summary: lines.slice(-2),
      }).toEqual({
        status: 1,
        stdout: '',
        problems: expected.sort(),
        summary: [
          `${errorCount} ${errorCount === 1 ? 'error' : 'errors'} in ${cases.length} ${cases.length === 1 ? 'file' : 'files'}`,
          '',
        ],
      });
    }
  });

  it('a billion-laughs alias bomb is refused without expanding it', () => {
    const result = validate(['test/fixtures/bad/alias-bomb.yaml']);

    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'test/fixtures/bad/alias-bomb.yaml:3:8: error: aliases are not allowed (72 in the file); write each value out in full, or use a profile for shared access\n1 error in 1 file\n',
    });
  });

  it('a 50 MB file is refused from its size, before it is read', async () => {
    const file = join(dir, 'huge.yaml');
    const bytes = Buffer.alloc(50 * 1024 * 1024, '#');
    bytes.write(ORG);
    await writeFile(file, bytes);

    const result = validate([file]);

    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: `${file}:1:1: error: the file is 50 MB, more than the 5 MB limit for a configuration file; is this the right file?\n1 error in 1 file\n`,
    });
  });

  it.each([
    ['flow', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, '1:36'],
    ['block', `${'- '.repeat(100_000)}x\n`, '1:1'],
    ['flow mapping', `a: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`, '1:132'],
  ])(
    '100,000 levels of %s nesting give one clean error, no stack overflow',
    async (name, text, place) => {
      const file = join(dir, `deep-${name.replace(' ', '-')}.yaml`);
      await writeFile(file, text);

      const result = validate([file]);

      expect(result).toEqual({
        status: 1,
        stdout: '',
        stderr: `${file}:${place}: error: lists and mappings are nested more than 32 levels deep; a configuration needs at most 5, so this is not a configuration file\n1 error in 1 file\n`,
      });
    },
  );

  it('--format json lists problems, warnings and orgs for tools', () => {
    const result = validate([
      '--format',
      'json',
      'test/fixtures/good/warnings.yaml',
      'test/fixtures/bad/role-typo.yaml',
    ]);

    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      valid: false,
      errors: [
        {
          file: 'test/fixtures/bad/role-typo.yaml',
          line: 6,
          col: 37,
          rule: 'not-allowed-value',
          message:
            "role must be one of admin, edit, collaborate, view, none, not the string 'edti'; did you mean 'edit'?",
        },
      ],
      warnings: expect.arrayContaining([
        expect.objectContaining({
          file: 'test/fixtures/good/warnings.yaml',
          rule: 'unused-profile',
        }),
      ]) as unknown,
      orgs: [
        { file: 'test/fixtures/good/warnings.yaml', orgId: '6650f0c1a2b3c4d5e6f70801', members: 3 },
      ],
    });
  });

  it('an unset variable is named, and the command needs no token', () => {
    const result = validate(['test/fixtures/bad/env-unset.yaml']);

    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'test/fixtures/bad/env-unset.yaml:3:7: error: environment variable LOSANT_ORG_ID is not set; set it, or give a default: ${LOSANT_ORG_ID:-value}\n1 error in 1 file\n',
    });
  });

  it('without paths it explains the usage and exits 1', () => {
    const result = validate([]);

    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'error: validate needs at least one configuration file or directory, e.g. losant-org validate examples/\n',
    });
  });
});
