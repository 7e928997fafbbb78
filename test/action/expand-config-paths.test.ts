// The `config` input's globs: `*`, `**` and `?`, files as the loader reads them, errors that name the glob.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { expandConfigPaths } from '../../src/action/expand-config-paths.js';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'losant-org-glob-'));
  const files = [
    'losant/prod.yaml',
    'losant/staging.yml',
    'losant/README.md',
    'losant/.hidden.yaml',
    'losant/eu/berlin.yaml',
    'losant/eu/deep/paris.yaml',
    'losant/us/ohio.yaml',
    'other/a1.yaml',
    'other/a22.yaml',
  ];
  for (const file of files) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), 'version: 1\n', 'utf8');
  }
});

describe('expandConfigPaths', () => {
  test('plain files and directories pass through for the loader', async () => {
    expect(await expandConfigPaths(['losant/', 'other/a1.yaml', 'missing/'], root)).toEqual([
      'losant/',
      'other/a1.yaml',
      'missing/',
    ]);
  });

  test('`*` matches the YAML files of one directory, not hidden ones or other extensions', async () => {
    expect(await expandConfigPaths(['losant/*'], root)).toEqual([
      'losant/prod.yaml',
      'losant/staging.yml',
    ]);
  });

  test('`**` matches any depth, including none', async () => {
    expect(await expandConfigPaths(['losant/**/*.yaml'], root)).toEqual([
      'losant/eu/berlin.yaml',
      'losant/eu/deep/paris.yaml',
      'losant/prod.yaml',
      'losant/us/ohio.yaml',
    ]);
  });

  test('`?` matches one character', async () => {
    expect(await expandConfigPaths(['./other/a?.yaml'], root)).toEqual(['other/a1.yaml']);
  });

  test('a glob ending in `/` matches directories', async () => {
    expect(await expandConfigPaths(['losant/*/'], root)).toEqual(['losant/eu', 'losant/us']);
  });

  test('results of several entries are kept once, in order', async () => {
    expect(await expandConfigPaths(['losant/p*.yaml', 'losant/*.yaml'], root)).toEqual([
      'losant/prod.yaml',
    ]);
  });

  test('a glob that matches nothing is an error naming it', async () => {
    await expect(expandConfigPaths(['orgs/*.yaml'], root)).rejects.toThrow(
      `the input config: "orgs/*.yaml" matches no .yaml or .yml file under ${root}; check the pattern (globs take *, ** and ?, e.g. losant/**/*.yaml)`,
    );
  });
});
