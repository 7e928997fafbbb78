// The indentation scan finds nothing in valid YAML, so that it never hides the parser's own words.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findIndentationMistakes,
  reindentMistakes,
} from '../../src/config/find-indentation-mistakes.js';

const ROOT = resolve(import.meta.dirname, '../..');

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => join(e.parentPath, e.name));
}

describe('findIndentationMistakes', () => {
  it('finds nothing in any example, good fixture or README block', async () => {
    const files = [
      ...(await yamlFiles('examples')),
      ...(await yamlFiles('test/fixtures/good')),
      join(ROOT, 'action.yml'),
    ];
    const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const docs = await readFile(join(ROOT, 'docs/configuration.md'), 'utf8');
    const blocks = [...(readme + docs).matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

    const found = [...texts, ...blocks].flatMap((text) => findIndentationMistakes(text));

    expect(blocks.length).toBeGreaterThan(3);
    expect(found).toEqual([]);
  });

  it('reads block scalars, flow collections across lines and comments as the parser does', () => {
    const text = [
      'org:',
      '  description: |',
      '    text: with a colon',
      '      deeper: still text',
      '  name: >-',
      '    folded',
      'members:',
      '  # a comment at any indentation',
      '      # another',
      '  - {',
      '      email: ada@acme.example,',
      '    role: admin }',
      '  - email: "x@acme.example"',
      '    role: view',
      'policy:',
      '  unmanaged:',
      '  - a@acme.example',
      '  - b@acme.example',
      '',
    ].join('\n');

    expect(findIndentationMistakes(text)).toEqual([]);
  });

  it('names the line that is wrong and the line to copy, once per mistake', () => {
    const text = ['org:', '  id: x', '   name: y', 'members:', '- email: a', ' role: b', ''].join(
      '\n',
    );

    expect(findIndentationMistakes(text)).toEqual([
      {
        line: 3,
        col: 4,
        fixIndent: 2,
        message:
          '`name:` is indented more than `id:` on line 2, which already has a value; indent `name:` like `id:` on line 2 (2 spaces)',
      },
      {
        line: 6,
        col: 2,
        fixIndent: 2,
        message:
          '`role:` is indented 1 space, which lines up with no key above it; indent `role:` like `email:` on line 5 (2 spaces)',
      },
    ]);
  });

  it('finds nothing in valid YAML of every shape it reads', () => {
    const valid = [
      'a: 1\r\nb:\r\n  c: 2\r\n',
      "\"quoted key\": 1\n'single ''key''': 2\n-dash-key: 3\nnext: 4\n",
      'a: "x # not a comment"\nb: 1 # a comment: with a colon\nc: 2\n',
      'a: [1,\n  2, {b: "]"}]\nc: \'it\'\'s [\'\nd: "say \\"[\\" ok"\ne: 1\n',
      'a: "line one\n   line two"\nb: 1\n',
      'list:\n- a\n- - b\n  - c\n-\n  k: v\n- k: v\n  k2: v\nz: 1\n',
      'a: |+\n  kept\n\n     deeper\nb: >2\n    text\nc: | # comment\n  x\nd: 1\n',
      'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n',
      'a: 1\n  continued plain\nb: 2\n',
      'k: v\n---\nk: v\n...\n',
      '%YAML 1.2\n---\na: 1\n',
      'a:\n  - x: 1\n    y: 2\n  - x: 3\nb: 4\n',
      'a: {b: 1,\n# comment inside\n  c: 2}\nd: 1\n',
    ];
    expect(valid.map((text) => findIndentationMistakes(text))).toEqual(valid.map(() => []));
  });

  it('says each kind of mistake, with the line to copy', () => {
    const broken = [
      // A key less indented than its siblings, and one lined up with nothing.
      'org:\n    id: x\n  name: y\n',
      'a:\n  b: 1\n c: 2\n',
      // A list item out of line with its list, before and after a nested list.
      'm:\n  - a\n   - b\n',
      'm:\n  - a:\n      - x\n     - y\n',
      // A key deeper than a key that has its value.
      'a: 1\n  b: 2\n',
      // Mistakes after a block scalar, a flow value across lines and a quoted value across lines.
      'a: |\n  text\n   more\nb: 1\n c: 2\n',
      'a: [1,\n 2]\nb: 1\n c: 2\n',
      'a: "x\n y"\nb: 1\n c: 2\n',
      // Two mistakes: each said once, the second found as if the first were fixed.
      'a:\n  b: 1\n   c: 2\n    d: 3\ne: 4\n',
      // A dash key after a map, CRLF line ends.
      'a:\r\n  b: 1\r\n c: 2\r\n',
      // Nearest of two candidates, on a tie the inner one.
      'a:\n  b:\n      c: 1\n    d: 2\n',
      'x:\n    y: 1\n  z: 2\n',
    ];
    expect(
      broken.map((text) =>
        findIndentationMistakes(text).map(
          (m) => `${m.line}:${m.col} -> ${m.fixIndent}: ${m.message}`,
        ),
      ),
    ).toMatchInlineSnapshot(`
      [
        [
          "3:3 -> 4: \`name:\` is indented 2 spaces, which lines up with no key above it; indent \`name:\` like \`id:\` on line 2 (4 spaces)",
        ],
        [
          "3:2 -> 2: \`c:\` is indented 1 space, which lines up with no key above it; indent \`c:\` like \`b:\` on line 2 (2 spaces)",
        ],
        [],
        [
          "4:6 -> 6: this list item (\`-\`) is indented 5 spaces, which lines up with no list above it; indent it like the \`-\` on line 3 (6 spaces)",
        ],
        [
          "2:3 -> 0: \`b:\` is indented more than \`a:\` on line 1, which already has a value; indent \`b:\` like \`a:\` on line 1 (0 spaces)",
        ],
        [
          "5:2 -> 0: \`c:\` is indented more than \`b:\` on line 4, which already has a value; indent \`c:\` like \`b:\` on line 4 (0 spaces)",
        ],
        [
          "4:2 -> 0: \`c:\` is indented more than \`b:\` on line 3, which already has a value; indent \`c:\` like \`b:\` on line 3 (0 spaces)",
        ],
        [
          "4:2 -> 0: \`c:\` is indented more than \`b:\` on line 3, which already has a value; indent \`c:\` like \`b:\` on line 3 (0 spaces)",
        ],
        [
          "3:4 -> 2: \`c:\` is indented more than \`b:\` on line 2, which already has a value; indent \`c:\` like \`b:\` on line 2 (2 spaces)",
          "4:5 -> 2: \`d:\` is indented more than \`c:\` on line 3, which already has a value; indent \`d:\` like \`c:\` on line 3 (2 spaces)",
        ],
        [
          "3:2 -> 2: \`c:\` is indented 1 space, which lines up with no key above it; indent \`c:\` like \`b:\` on line 2 (2 spaces)",
        ],
        [
          "4:5 -> 6: \`d:\` is indented 4 spaces, which lines up with no key above it; indent \`d:\` like \`c:\` on line 3 (6 spaces)",
        ],
        [
          "3:3 -> 4: \`z:\` is indented 2 spaces, which lines up with no key above it; indent \`z:\` like \`y:\` on line 2 (4 spaces)",
        ],
      ]
    `);
  });

  it('reads " #" inside a quoted value as part of the value, and still finds the mistake after it', () => {
    for (const text of [
      'a: "x # y"\nb: 1\n c: 2\n',
      "a: 'x # y'\nb: 1\n c: 2\n",
      'l:\n- "x # y"\nb: 1\n c: 2\n',
    ]) {
      expect(
        findIndentationMistakes(text).map((m) => `${m.line}:${m.col} -> ${m.fixIndent}`),
        JSON.stringify(text),
      ).toEqual([`${text.split('\n').indexOf(' c: 2') + 1}:2 -> 0`]);
    }
  });

  it('on a tie, puts a key that opens a block where the lines under it become its own', () => {
    // `policy:` halfway between `members:` (0) and the member's keys (4): its keys at 4 say it is a
    // top-level key; at 4 it would take no value and become the member's.
    const policy =
      'members:\n  - email: a@acme.com\n    role: view\n  policy:\n    maxRemovals: 1\n';
    // A key with a value has no lines of its own to tell: the inner level, as before.
    const valued = 'members:\n  - email: a@acme.com\n    role: view\n  policy: {}\n';
    // Its lines under it fit either place: the inner one.
    const both = 'a:\n  b:\n      c: 1\n    d:\n        e: 1\n';
    expect(
      [policy, valued, both].map((text) =>
        findIndentationMistakes(text).map(
          (m) => `${m.line}:${m.col} -> ${m.fixIndent}: ${m.message}`,
        ),
      ),
    ).toEqual([
      [
        '4:3 -> 0: `policy:` is indented 2 spaces, which lines up with no key above it; indent `policy:` like `members:` on line 1 (0 spaces)',
      ],
      [
        '4:3 -> 4: `policy:` is indented 2 spaces, which lines up with no key above it; indent `policy:` like `role:` on line 3 (4 spaces)',
      ],
      [
        '4:5 -> 6: `d:` is indented 4 spaces, which lines up with no key above it; indent `d:` like `c:` on line 3 (6 spaces)',
      ],
    ]);
  });

  it('starts afresh after a document marker', () => {
    const text = 'a:\n  b: 1\n...\n  c: 1\nd: 2\n';
    expect(
      findIndentationMistakes(text).map((m) => `${m.line}:${m.col} -> ${m.fixIndent}`),
    ).toEqual(['5:1 -> 2']);
  });

  it('gives up, finding nothing, on what it does not model', () => {
    for (const text of [
      'a:\n  &x b: 1\n c: 2\n',
      'a:\n  !!str b: 1\n c: 2\n',
      '? a\n: 1\n b: 2\n',
      'a:\n  - *x\n c: 2\n',
      'a: 1\n  - b\n',
      '  x\na: 1\n',
    ]) {
      expect(findIndentationMistakes(text), JSON.stringify(text)).toEqual([]);
    }
  });

  it('re-indents each mistaken line as suggested, and nothing else', () => {
    const text = 'a:\n  b: 1\n c: 2\n   d: 3\n';
    const mistakes = findIndentationMistakes(text);
    expect(reindentMistakes(text, mistakes)).toMatchInlineSnapshot(`
      "a:
        b: 1
        c: 2
        d: 3
      "
    `);
    expect(reindentMistakes('x\n', [{ line: 5, col: 1, fixIndent: 2, message: '' }])).toBe('x\n');
  });
});
