// The I/O edge of loading, in process: which files a path gives, in which order, and what it says
// of a path it cannot read. The CLI's tests drive the same paths through the built command.
import { mkdir, mkdtemp, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CONFIG_FILE_BYTES } from '../../src/config/config-limits.js';
import { readConfigFiles } from '../../src/config/read-config-files.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'read-config-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function at(file: string, rule: string, message: string): object {
  return { file, line: 1, col: 1, rule, message };
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('readConfigFiles', () => {
  it('reads a directory’s .yaml and .yml files in name order, any case of extension, no dotfiles, no subdirectories', async () => {
    await mkdir(join(root, 'orgs', 'nested.yaml'), { recursive: true });
    for (const [name, content] of [
      ['b.yml', 'B'],
      ['a.yaml', 'A'],
      ['C.YAML', 'C'],
      ['.hidden.yaml', 'H'],
      ['notes.txt', 'T'],
      ['plan.json', 'J'],
    ]) {
      await writeFile(join(root, 'orgs', name as string), content as string);
    }

    const result = await readConfigFiles(['orgs'], root);

    expect(result.errors).toEqual([]);
    expect(result.files.map((f) => [f.file, text(f.bytes)])).toEqual([
      [join('orgs', 'C.YAML'), 'C'],
      [join('orgs', 'a.yaml'), 'A'],
      [join('orgs', 'b.yml'), 'B'],
    ]);
  });

  it('says a directory without configuration files has none', async () => {
    await mkdir(join(root, 'empty', 'sub.yaml'), { recursive: true });
    await writeFile(join(root, 'empty', 'readme.md'), 'x');

    const result = await readConfigFiles(['empty'], root);

    expect(result).toEqual({
      files: [],
      errors: [
        at(
          'empty',
          'no-config-files',
          'this directory has no .yaml or .yml files (subdirectories are not read)',
        ),
      ],
    });
  });

  it('reads a file named twice, or named and found in a directory, once', async () => {
    await mkdir(join(root, 'd'));
    await writeFile(join(root, 'd', 'org.yaml'), 'O');

    const result = await readConfigFiles(['d/org.yaml', 'd', join(root, 'd', 'org.yaml')], root);

    expect(result.errors).toEqual([]);
    expect(result.files.map((f) => f.file)).toEqual(['d/org.yaml']);
  });

  it('names a missing path, a file that is not YAML, a saved plan and a path that is not a file', async () => {
    await writeFile(join(root, 'org.txt'), 'x');
    await writeFile(join(root, 'plan.JSON'), '{}');

    const result = await readConfigFiles(
      ['missing.yaml', 'org.txt', 'plan.JSON', '/dev/null'],
      root,
    );

    expect(result).toEqual({
      files: [],
      errors: [
        at('missing.yaml', 'unreadable', 'no such file or directory; check the path'),
        at(
          'org.txt',
          'not-yaml-file',
          'configuration files end in .yaml or .yml; rename the file or name the right one',
        ),
        at(
          'plan.JSON',
          'not-yaml-file',
          'configuration files end in .yaml or .yml (a saved plan.json is applied with losant-org apply plan.json); rename the file or name the right one',
        ),
        at(
          '/dev/null',
          'not-a-file',
          'not a regular file; name a .yaml file or a directory of them',
        ),
      ],
    });
  });

  it('reads a file of exactly the size limit and refuses one byte more, named or in a directory, without reading it', async () => {
    await mkdir(join(root, 'd'));
    await writeFile(join(root, 'limit.yaml'), '');
    await truncate(join(root, 'limit.yaml'), MAX_CONFIG_FILE_BYTES);
    await writeFile(join(root, 'over.yaml'), '');
    await truncate(join(root, 'over.yaml'), MAX_CONFIG_FILE_BYTES + 1);
    await writeFile(join(root, 'd', 'big.yaml'), '');
    await truncate(join(root, 'd', 'big.yaml'), 7 * 1024 * 1024);

    const result = await readConfigFiles(['limit.yaml', 'over.yaml', 'd'], root);

    expect(result.files.map((f) => [f.file, f.bytes.length])).toEqual([
      ['limit.yaml', MAX_CONFIG_FILE_BYTES],
    ]);
    expect(result.errors).toEqual([
      at(
        'over.yaml',
        'file-too-large',
        'the file is 5.0 MB, more than the 5 MB limit for a configuration file; is this the right file?',
      ),
      at(
        join('d', 'big.yaml'),
        'file-too-large',
        'the file is 7 MB, more than the 5 MB limit for a configuration file; is this the right file?',
      ),
    ]);
  });

  it('refuses a directory’s link that leads out of it unless links are followed; links inside it and named links are read', async () => {
    // d-other starts with the letters of d: only a path under d/ is inside it.
    await mkdir(join(root, 'd'));
    await mkdir(join(root, 'd-other'));
    await writeFile(join(root, 'd-other', 'secret.yaml'), 'S');
    await writeFile(join(root, 'd', 'real.yaml'), 'R');
    await symlink(join(root, 'd-other', 'secret.yaml'), join(root, 'd', 'out.yaml'));
    await symlink(join(root, 'd', 'real.yaml'), join(root, 'd', 'within.yaml'));
    await symlink(join(root, 'd-other', 'secret.yaml'), join(root, 'named.yaml'));

    const refused = await readConfigFiles(['d', 'named.yaml'], root);
    const followed = await readConfigFiles(['d'], root, { followSymlinks: true });

    expect(refused.files.map((f) => [f.file, text(f.bytes)])).toEqual([
      [join('d', 'real.yaml'), 'R'],
      [join('d', 'within.yaml'), 'R'],
      ['named.yaml', 'S'],
    ]);
    expect(refused.errors).toEqual([
      at(
        join('d', 'out.yaml'),
        'symlink-outside',
        `this is a symbolic link to ${join(root, 'd-other', 'secret.yaml')}, outside the directory d; a directory's files are read only from inside it: copy the file in, name it on the command line, or allow links with --follow-symlinks (the Action's input follow-symlinks: true)`,
      ),
    ]);
    expect(followed.errors).toEqual([]);
    expect(followed.files.map((f) => [f.file, text(f.bytes)])).toEqual([
      [join('d', 'out.yaml'), 'S'],
      [join('d', 'real.yaml'), 'R'],
      [join('d', 'within.yaml'), 'R'],
    ]);
  });

  it('names a directory’s broken link as unreadable, and counts it as a file found', async () => {
    await mkdir(join(root, 'd'));
    await symlink(join(root, 'nowhere.yaml'), join(root, 'd', 'gone.yaml'));

    const result = await readConfigFiles(['d'], root);

    expect(result).toEqual({
      files: [],
      errors: [
        at(join('d', 'gone.yaml'), 'unreadable', 'no such file or directory; check the path'),
      ],
    });
  });

  it('sorts a directory’s files by name whatever order the directory lists them in', async () => {
    await mkdir(join(root, 'many'));
    // Node's readdir lists names by their UTF-8 bytes; the order of JavaScript strings differs from
    // it for characters past U+FFFF (U+FF01 before U+1F600 in bytes, after it in UTF-16).
    const names = ['f', 'a', '\uFF01', '\u{1F600}', 'c', 'b'].map((c) => `team-${c}.yaml`);
    for (const name of names) await writeFile(join(root, 'many', name), name);

    const result = await readConfigFiles(['many'], root);

    expect(result.files.map((f) => f.file)).toEqual(
      [...names].sort().map((name) => join('many', name)),
    );
  });

  it('names the error code of a path that cannot be read for another reason', async () => {
    await writeFile(join(root, 'file.yaml'), 'x');
    await symlink('loop.yaml', join(root, 'loop.yaml'));

    const result = await readConfigFiles(['file.yaml/org.yaml', 'loop.yaml'], root);

    expect(result.errors).toEqual([
      at('file.yaml/org.yaml', 'unreadable', 'cannot be read (ENOTDIR)'),
      at('loop.yaml', 'unreadable', 'cannot be read (ELOOP)'),
    ]);
  });

  it.runIf(process.platform === 'linux')('closes every file it reads', async () => {
    await mkdir(join(root, 'd'));
    for (let i = 0; i < 40; i++) await writeFile(join(root, 'd', `f${i}.yaml`), 'x');
    const open = async (): Promise<number> => (await readdir('/proc/self/fd')).length;
    const before = await open();

    const result = await readConfigFiles(['d'], root);

    expect(result.files).toHaveLength(40);
    // Node closes a forgotten handle when it is collected: count right after, before any collection.
    expect(await open()).toBeLessThanOrEqual(before);
  });
});
