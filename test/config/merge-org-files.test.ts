// Several files of one org merged into one document: what comes from which file, and where each
// node is written (the file and line a problem on the merged org names).
import { describe, expect, it } from 'vitest';
import { mergeOrgFiles, type OrgFile } from '../../src/config/merge-org-files.js';
import { readConfigDocument } from '../../src/config/validate-config-text.js';

function part(file: string, text: string): OrgFile {
  const document = readConfigDocument(file, new TextEncoder().encode(text), {});
  expect(document.errors).toEqual([]);
  return {
    file,
    value: document.parsed?.value,
    positions: document.parsed?.positions ?? new Map(),
  };
}

const A = `version: 1
org:
  id: 6650f0c1a2b3c4d5e6f70901
members:
  - email: ada@acme.com
    role: admin
`;
const B = `version: 1
org:
  id: 6650F0C1A2B3C4D5E6F70901
  name: Acme
  description: Plant
profiles:
  ops:
    role: edit
members:
  - email: bob@acme.com
    profile: ops
`;
const C = `version: 1
org:
  id: 6650f0c1a2b3c4d5e6f70901
policy:
  maxRemovals: 2
profiles:
  ops2:
    role: view
members:
  - email: cy@acme.com
    profile: ops2
`;

/** Every position of the merged document: pointer, file, line, column. */
function placesOf(merged: ReturnType<typeof mergeOrgFiles>): string[] {
  return [...merged.positions].map(
    ([pointer, p]) => `${pointer} ${p.file ?? '?'}:${p.line}:${p.col}`,
  );
}

describe('mergeOrgFiles', () => {
  it('takes the version and id from the first file, the properties and the policy from the file that writes them, profiles and members from all', () => {
    const merged = mergeOrgFiles([part('a.yaml', A), part('b.yaml', B), part('c.yaml', C)]);

    expect(merged.errors).toEqual([]);
    expect(merged.file).toBe('c.yaml');
    expect(merged.files).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(Object.keys(merged.value)).toEqual(['version', 'org', 'policy', 'profiles', 'members']);
    expect(JSON.parse(JSON.stringify(merged.value))).toEqual({
      version: 1,
      org: { id: '6650f0c1a2b3c4d5e6f70901', name: 'Acme', description: 'Plant' },
      policy: { maxRemovals: 2 },
      profiles: { ops: { role: 'edit' }, ops2: { role: 'view' } },
      members: [
        { email: 'ada@acme.com', role: 'admin' },
        { email: 'bob@acme.com', profile: 'ops' },
        { email: 'cy@acme.com', profile: 'ops2' },
      ],
    });
    expect(placesOf(merged).sort()).toEqual(
      [
        ' a.yaml:1:1',
        '/version a.yaml:1:10',
        '/org a.yaml:3:3',
        '/org/id a.yaml:3:7',
        '/org/name b.yaml:4:9',
        '/org/description b.yaml:5:16',
        '/policy c.yaml:5:3',
        '/policy/maxRemovals c.yaml:5:16',
        '/profiles b.yaml:7:3',
        '/profiles/ops b.yaml:8:5',
        '/profiles/ops/role b.yaml:8:11',
        '/profiles/ops2 c.yaml:8:5',
        '/profiles/ops2/role c.yaml:8:11',
        '/members a.yaml:5:3',
        '/members/0 a.yaml:5:5',
        '/members/0/email a.yaml:5:12',
        '/members/0/role a.yaml:6:11',
        '/members/1 b.yaml:10:5',
        '/members/1/email b.yaml:10:12',
        '/members/1/profile b.yaml:11:14',
        '/members/2 c.yaml:10:5',
        '/members/2/email c.yaml:10:12',
        '/members/2/profile c.yaml:11:14',
      ].sort(),
    );
  });

  it('names the file of the properties when no file writes a policy, else the first file; leaves out what no file writes', () => {
    const id = 'version: 1\norg:\n  id: 6650f0c1a2b3c4d5e6f70901\n';
    const withName = `${id}  name: Acme\n`;

    const properties = mergeOrgFiles([part('a.yaml', id), part('b.yaml', withName)]);
    const bare = mergeOrgFiles([part('a.yaml', id), part('b.yaml', id)]);

    expect(properties.file).toBe('b.yaml');
    expect(Object.keys(properties.value)).toEqual(['version', 'org']);
    expect(bare.file).toBe('a.yaml');
    expect(Object.keys(bare.value)).toEqual(['version', 'org']);
    expect(placesOf(bare).sort()).toEqual(
      [' a.yaml:1:1', '/version a.yaml:1:10', '/org a.yaml:3:3', '/org/id a.yaml:3:7'].sort(),
    );
  });

  it('places members of two-digit indexes, shifted by the members of the files before', () => {
    const many = Array.from(
      { length: 12 },
      (_, i) => `  - { email: m${i}@acme.com, role: view }\n`,
    );
    const merged = mergeOrgFiles([
      part('a.yaml', A),
      part('b.yaml', `${A.split('members:')[0]}members:\n${many.join('')}`),
    ]);

    expect(merged.positions.get('/members/12/email')).toEqual({
      line: 16,
      col: 14,
      kind: 'scalar',
      source: 'm11@acme.com',
      key: { line: 16, col: 7 },
      file: 'b.yaml',
    });
    expect(merged.positions.get('/members/11')).toMatchObject({ line: 15, file: 'b.yaml' });
  });
});
