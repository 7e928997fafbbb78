// The Action reads config directories and globs as the CLI does: a symbolic link out of them is
// refused, naming it and where it points, unless follow-symlinks: true.
import { mkdir, readFile, rename, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { annotations, startActionWorld, type ActionWorld } from './action-fixtures.js';

let world: ActionWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A world whose losant/acme.yaml is a link to the same file moved out of losant/. */
async function worldWithLinkOut(): Promise<{ world: ActionWorld; target: string }> {
  const started = await startActionWorld();
  const target = join(started.workspace, 'elsewhere', 'acme.yaml');
  await mkdir(join(started.workspace, 'elsewhere'));
  await rename(join(started.workspace, 'losant', 'acme.yaml'), target);
  await symlink(target, join(started.workspace, 'losant', 'acme.yaml'));
  return { world: started, target };
}

describe('symbolic links in the config input', () => {
  test('a directory: the link out is an annotated error, nothing is called', async () => {
    const arranged = await worldWithLinkOut();
    world = arranged.world;

    const run = await world.run({ inputs: { mode: 'plan' } });

    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('config-invalid');
    expect(annotations(run.stdout, 'error')[0]).toEqual({
      file: 'losant/acme.yaml',
      line: '1',
      col: '1',
      message: `this is a symbolic link to ${arranged.target}, outside the directory losant/; a directory's files are read only from inside it: copy the file in, name it on the command line, or allow links with --follow-symlinks (the Action's input follow-symlinks: true)`,
    });
    expect(await world.emulator.control.log()).toEqual([]);
  });

  test('a glob: the match that links out is refused with the pattern, the match and the target', async () => {
    const arranged = await worldWithLinkOut();
    world = arranged.world;

    const run = await world.run({ inputs: { mode: 'plan', config: 'losant/*.yaml' } });

    expect(run.code).toBe(1);
    expect(annotations(run.stdout, 'error').map((a) => a.message)).toEqual([
      `the input config: "losant/*.yaml" matches losant/acme.yaml, a symbolic link to ${arranged.target}, outside ${join(world.workspace, 'losant')}; files found by a glob are read only from inside its directory: copy the file in, name it in config, or set follow-symlinks: true`,
    ]);
    expect(await world.emulator.control.log()).toEqual([]);
  });

  test('follow-symlinks: true reads the link, from a directory and from a glob', async () => {
    const arranged = await worldWithLinkOut();
    world = arranged.world;

    const fromDirectory = await world.run({ inputs: { mode: 'plan', 'follow-symlinks': 'true' } });
    const fromGlob = await world.run({
      inputs: { mode: 'plan', config: 'losant/*.yaml', 'follow-symlinks': 'true' },
    });

    expect([fromDirectory.code, fromGlob.code]).toEqual([0, 0]);
    expect(fromGlob.summary).toContain(
      '### losant-org plan: 1 to invite, 2 to change, 1 to remove',
    );
    expect(await readFile(arranged.target, 'utf8')).toContain('version: 1');
  });
});
