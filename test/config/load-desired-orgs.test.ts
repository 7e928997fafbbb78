// loadDesiredOrgs in process: grouping by org and the options passed down.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDesiredOrgs } from '../../src/config/load-desired-orgs.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'load-orgs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ORG = 'version: 1\norg:\n  id: 6650f0c1a2b3c4d5e6f70901\n';

describe('loadDesiredOrgs', () => {
  it('checks each file without an org id on its own, meaning included', async () => {
    const noId = 'version: 1\norg:\n  name: Acme\nmembers:\n';
    await writeFile(join(dir, 'a.yaml'), `${noId}  - { email: a@acme.com, role: admin }\n`);
    await writeFile(
      join(dir, 'b.yaml'),
      `${noId}  - { email: b@acme.com, role: admin }\n  - { email: b@acme.com, role: view }\n`,
    );

    const result = await loadDesiredOrgs(['a.yaml', 'b.yaml'], { env: {}, cwd: dir });

    expect(result.orgs).toEqual([]);
    expect(result.errors.map((e) => `${e.file}:${e.line} ${e.rule}`)).toEqual([
      'a.yaml:2 missing-key',
      'b.yaml:2 missing-key',
      'b.yaml:6 duplicate-email',
    ]);
  });

  it('reads a directory’s links to outside it only with followSymlinks', async () => {
    await mkdir(join(dir, 'orgs'));
    await mkdir(join(dir, 'elsewhere'));
    await writeFile(join(dir, 'elsewhere', 'org.yaml'), ORG);
    await symlink(join(dir, 'elsewhere', 'org.yaml'), join(dir, 'orgs', 'org.yaml'));

    const refused = await loadDesiredOrgs(['orgs'], { env: {}, cwd: dir });
    const followed = await loadDesiredOrgs(['orgs'], { env: {}, cwd: dir, followSymlinks: true });

    expect(refused.errors.map((e) => e.rule)).toEqual(['symlink-outside']);
    expect(followed.errors).toEqual([]);
    expect(followed.orgs.map((o) => o.orgId)).toEqual(['6650f0c1a2b3c4d5e6f70901']);
  });

  it('warns of an expires already past only when given the time, in a file alone and across files', async () => {
    const member =
      'members:\n  - { email: a@acme.com, role: admin }\n  - { email: b@acme.com, role: view, expires: 2020-01-31 }\n';
    await writeFile(join(dir, 'one.yaml'), `${ORG}${member}`);
    await mkdir(join(dir, 'two'));
    await writeFile(join(dir, 'two', 'a.yaml'), ORG.replace('0901', '0902'));
    await writeFile(join(dir, 'two', 'b.yaml'), `${ORG.replace('0901', '0902')}${member}`);
    const now = Date.parse('2026-12-06T00:00:00Z');

    const timed = await loadDesiredOrgs(['one.yaml', 'two'], { env: {}, cwd: dir, now });
    const untimed = await loadDesiredOrgs(['one.yaml', 'two'], { env: {}, cwd: dir });

    expect(timed.errors).toEqual([]);
    expect(timed.warnings.map((w) => `${w.file}:${w.line} ${w.rule}`)).toEqual([
      'one.yaml:6 expires-past',
      `${join('two', 'b.yaml')}:6 expires-past`,
    ]);
    expect(untimed.errors).toEqual([]);
    expect(untimed.warnings).toEqual([]);
    expect(untimed.orgs).toHaveLength(2);
  });
});
