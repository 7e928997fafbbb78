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

/** Each mistake as `line:col -> the indentation to write`. */
const fixes = (text: string): string[] =>
  findIndentationMistakes(text).map((m) => `${m.line}:${m.col} -> ${m.fixIndent}`);

/** Why, the text, and the mistakes it must give: every case compared at once, named by its why. */
type Case = [string, string, string[]];
const expectFixes = (cases: readonly Case[]): void => {
  expect(cases.map(([why, text]) => [why, fixes(text)])).toEqual(
    cases.map(([why, , want]) => [why, want]),
  );
};

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
      // A file that starts indented; a list item under an item's key that has its value.
      '  a: 1\nb: 2\n',
      '- k: v\n  - x\n',
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
        [
          "2:1 -> 2: \`b:\` is indented 0 spaces, which lines up with no key above it; indent \`b:\` like \`a:\` on line 1 (2 spaces)",
        ],
        [
          "2:3 -> 0: this list item (\`-\`) is indented 2 spaces, which lines up with no list above it; indent it like the \`-\` on line 1 (0 spaces)",
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
      expect(fixes(text), JSON.stringify(text)).toEqual([
        `${text.split('\n').indexOf(' c: 2') + 1}:2 -> 0`,
      ]);
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
    // Blank lines, comments (at any column, CRLF too) are not its lines; with none, the inner level.
    const after = [
      'members:\n  - email: a@acme.com\n    role: view\n  policy:\n\n# note\n    maxRemovals: 1\n',
      'members:\r\n  - email: a@acme.com\r\n    role: view\r\n  policy:\r\n\r\n    maxRemovals: 1\r\n',
      'members:\n  - email: a@acme.com\n    role: view\n  policy:\n',
      // A list under it at its own column is its own; a list item under the inner key is the inner's.
      'members:\n  - email: a@acme.com\n    role: view\n  unmanaged:\n  - x@acme.com\n',
      'members:\n  - email: a@acme.com\n    role: view\n  unmanaged:\n    -\n      x\n',
      // A list item that opens a block is put where its block fits, as a key is: a `-` under a `-`
      // is its block only when deeper, and a `- k:` owns what is deeper than `k`.
      'l:\n  - - x\n    - w\n   -\n    k: 1\n',
      'l:\n  - - x\n    - w\n   -\n    - y\n',
      'l:\n  - - x\n    - w\n   - k:\n      v: 1\n',
      'l:\n  - - x\n    - w\n   -\n   k: 1\n',
      'l:\n  - - x\n    - w\n   - k:\n    - y\n',
    ];
    expect(
      [policy, valued, both, ...after].map((text) =>
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
      [
        '4:3 -> 0: `policy:` is indented 2 spaces, which lines up with no key above it; indent `policy:` like `members:` on line 1 (0 spaces)',
      ],
      [
        '4:3 -> 0: `policy:` is indented 2 spaces, which lines up with no key above it; indent `policy:` like `members:` on line 1 (0 spaces)',
      ],
      [
        '4:3 -> 4: `policy:` is indented 2 spaces, which lines up with no key above it; indent `policy:` like `role:` on line 3 (4 spaces)',
      ],
      [
        '4:3 -> 0: `unmanaged:` is indented 2 spaces, which lines up with no key above it; indent `unmanaged:` like `members:` on line 1 (0 spaces)',
      ],
      [
        '4:3 -> 4: `unmanaged:` is indented 2 spaces, which lines up with no key above it; indent `unmanaged:` like `role:` on line 3 (4 spaces)',
      ],
      [
        '4:4 -> 2: this list item (`-`) is indented 3 spaces, which lines up with no list above it; indent it like the `-` on line 2 (2 spaces)',
      ],
      [
        '4:4 -> 2: this list item (`-`) is indented 3 spaces, which lines up with no list above it; indent it like the `-` on line 2 (2 spaces)',
      ],
      [
        '4:4 -> 2: this list item (`-`) is indented 3 spaces, which lines up with no list above it; indent it like the `-` on line 2 (2 spaces)',
      ],
      [
        '4:4 -> 2: this list item (`-`) is indented 3 spaces, which lines up with no list above it; indent it like the `-` on line 2 (2 spaces)',
      ],
      [
        '4:4 -> 2: this list item (`-`) is indented 3 spaces, which lines up with no list above it; indent it like the `-` on line 2 (2 spaces)',
      ],
    ]);
  });

  it('starts afresh after a document marker', () => {
    for (const marker of ['...', '---', '--- # next']) {
      const text = `a:\n  b: 1\n${marker}\n  c: 1\nd: 2\n`;
      expect(fixes(text)).toEqual(['5:1 -> 2']);
    }
  });

  it('ends a block scalar at the first line less indented than its text', () => {
    // Its text is at 4: a key at 1 ends it, and is deeper than `a:`, which has its value.
    expect(fixes('a: |\n    x\n\n b: 1\n')).toEqual(['4:2 -> 0']);
    expect(fixes('a: >-\n    x\n   y: 1\n')).toEqual(['3:4 -> 0']);
    // An indentation indicator sets the text's column: 2 more than the key's.
    expect(fixes('k:\n  a: |2\n      x\n     y\n   b: 1\n')).toEqual(['5:4 -> 2']);
    expect(fixes('k:\n  a: |2\n      x\n   b: 1\n')).toEqual(['4:4 -> 2']);
    expect(fixes('k:\n  a: |2\n      x\n    y: 1\n')).toEqual([]);
    // Empty lines and lines at least as deep as its text are its own.
    expect(fixes('a: |\n  x\n\n     deeper\n  # text\nb: 1\n c: 2\n')).toEqual(['7:2 -> 0']);
    // With no text at all, the next line is not its text.
    expect(fixes('a: |\nb: 1\n c: 2\n')).toEqual(['3:2 -> 0']);
  });

  it('follows each rule of YAML it models, one small file each', () => {
    const cases: Case[] = [
      // Quotes and brackets that carry a value across lines, and what ends or hides them.
      ['an empty quoted value closes', "a: ''\nb: 1\n c: 2\n", ['3:2 -> 0']],
      ['# inside a word is no comment', 'a: [1, a#b]\nb: 1\n c: 2\n', ['3:2 -> 0']],
      ['#, then a space, inside a word', 'a: [1, a# b]\nb: 1\n c: 2\n', ['3:2 -> 0']],
      ['a comment hides its quote', "a: [1, # it's\n  2]\nb: 1\n c: 2\n", ['4:2 -> 0']],
      ['a quoted value holds a key', 'a: "x\n  b: 1"\nc: 1\n d: 2\n', ['4:2 -> 0']],
      ['a nested bracket closes once', 'a: [[1],\n   b: 2]\nc: 1\n', []],
      ['a comment line in brackets', 'a: [1,\n# ]\n  d: 2]\nb: 1\n', []],
      // Values: a comment is no value, a deeper plain line continues one.
      ['an item with only a comment', 'l:\n- # c\n  a: 1\n   b: 2\n', ['4:4 -> 2']],
      ['a plain value on two lines', 'a: 1\n  continued\nb: 2\n c: 3\n', ['4:2 -> 0']],
      ['a plain value holding " - "', 'a: 1\n  - b\nc: 2\n d: 3\n', ['4:2 -> 0']],
      ['a plain value holding [', 'a: 1\n  more [text\nb: 2\n c: 3\n', ['4:2 -> 0']],
      ['a value on the next line', 'a:\n  text\n  b: 1\n', ['3:3 -> 0']],
      ['a > inside a value', 'a: x >\n  b: 1\n', ['2:3 -> 0']],
      ['--- inside a value', 'a: x --- y\n b: 1\n', ['2:2 -> 0']],
      ['a value ending in %', 'a: 50%\n b: 1\n', ['2:2 -> 0']],
      ['a ! inside a value', 'a: hi!\n b: 1\n', ['2:2 -> 0']],
      ['an indented ... is a value', 'a:\n  ...\n  b: 1\n', ['3:3 -> 0']],
      ['items continuing a plain item', '- a\n- b\n  - c\n - d\n', []],
      ['a block scalar as the document', '|\n  text\n', []],
      // Levels: where a line goes back to, and what it is matched with.
      ['a file that starts indented', '  a: 1\nb: 2\n', ['2:1 -> 2']],
      ['a key back out of an open one', 'a:\n  b:\nc: 1\n   d: 2\n', ['4:4 -> 0']],
      ['a key among list items', 'l:\n  - x\n  k: 1\n  - y\n', ['3:3 -> 0']],
      ['a list inside an item', '-\n  - x\n - z\n', ['3:2 -> 2']],
      ['an opening key whose lines fit no level', 'a:\n    b: 1\n   c:\nd: 1\n', ['3:4 -> 4']],
      [
        'an item of items, moved',
        'l:\n  - - x\n    - w\n - - y\n    - z\n   - q\n',
        ['4:2 -> 2', '6:4 -> 4'],
      ],
    ];
    expectFixes(cases);
  });

  it('reads quotes, brackets and comments where YAML does, not inside a plain value', () => {
    const cases: Case[] = [
      // A comment starts after a space or a tab; what follows it is not read.
      ['a tab before a comment', "a: x\t# it's\nb:\n  c: y'\n  d: 1\n", []],
      ['a bracket in a comment after a tab', 'a: x\t# see [docs\nb: 1\n c: 2\n', ['3:2 -> 0']],
      // A quote or bracket inside a plain value opens nothing.
      ['an apostrophe in a plain value', "name: Acme's\nb: 1\n c: 2\n", ['3:2 -> 0']],
      ['a bracket in a plain value', 'a: see [docs\nb: 1\n c: 2\n', ['3:2 -> 0']],
      ['an apostrophe in a list of plain values', "a: [it's, x]\nb: 1\n c: 2\n", ['3:2 -> 0']],
      ['a quote after a key in brackets', "a: {b: 'x, y}'}\nc: 1\n d: 2\n", ['3:2 -> 0']],
      // A header YAML reads as a block scalar's, even an invalid one.
      ['a block scalar headed |0', 'a: |0\n  text\n  b: 1\nc: 1\n', []],
      // Inside quotes and brackets: escapes, doubled quotes, quoted brackets, comments.
      ['an escaped quote', 'a: ["x\\"[", y]\nb: 1\n c: 2\n', ['3:2 -> 0']],
      ['a doubled quote inside quotes', "a: 'x''\n  b: 1\n  c: 2'\nd: 1\n e: 2\n", ['5:2 -> 0']],
      ['a quoted bracket after [', "a: ['[x', y]\nb: 1\n c: 2\n", ['3:2 -> 0']],
      ['a quoted value after a tab', "a: [\t'x,[', y]\nb: 1\n c: 2\n", ['3:2 -> 0']],
      ['a comment in brackets', 'a: [x, #,[\n  y]\nb: 1\n c: 2\n', ['4:2 -> 0']],
      ['a comment after a tab', 'a: [x,\t#,[\n  y]\nb: 1\n c: 2\n', ['4:2 -> 0']],
      ['an explicit key in brackets', 'a: [? [x],\n  k: 1]\nb: 1\n c: 2\n', ['4:2 -> 0']],
      ['a quoted value after ": "', "a: {a: 'x,[', b: 1}\nb: 1\n c: 2\n", ['3:2 -> 0']],
      ['a quoted key, : right after it', `a: {"a":'x,['}\nb: 1\n c: 2\n`, ['3:2 -> 0']],
      ['a quoted key in a list', `a: ["a":'[']\nb: 1\n c: 2\n`, ['3:2 -> 0']],
      ['a bracketed key, : right after it', `a: {[k]:'x,['}\nb: 1\n c: 2\n`, ['3:2 -> 0']],
      ['a tab after ":"', `a: {a:\t'x,[', b: 1}\nb: 1\n c: 2\n`, ['3:2 -> 0']],
      // A tag or an anchor before a value, `k:[` in brackets, a plain value going on in brackets.
      ['a tag before a quoted value', 'a: !!str "x\n  b: 1"\nc: 1\n d: 2\n', ['4:2 -> 0']],
      ['an anchor before brackets', 'a: &x [b,\n  c: 1]\nd: 1\n e: 2\n', ['4:2 -> 0']],
      ['a tag in brackets', 'a: [!!str "[",\n  y]\nb: 1\n c: 2\n', ['4:2 -> 0']],
      ['a bracket right after ":"', 'a: {k:[\n  x],\n  j: 1}\nb: 1\n c: 2\n', ['5:2 -> 0']],
      [
        'a plain value going on with a quote',
        "a: [x\n  'y]\nb:\n  c: z']\n  d: 1\ne: 1\n f: 2\n",
        ['7:2 -> 0'],
      ],
      ['a line in brackets starting with ":"', "a: [x\n  :'y, z]\nb: 1\n c: 2\n", ['4:2 -> 0']],
      ['":" inside a plain key in brackets', "a: {k:'x, y}\nb: 1\n c: 2\n", ['3:2 -> 0']],
      ['a backslash inside single quotes', "a: 'x\\'\nb: 1\n c: 2\n", ['3:2 -> 0']],
      ['a tab after a tag', 'a: !!str\t"x\n  b: 1"\nc: 1\n d: 2\n', ['4:2 -> 0']],
      [
        '":" at the end of a line in brackets',
        "a: {k:\n  'x,[', j: 1}\nb: 1\n c: 2\n",
        ['4:2 -> 0'],
      ],
      ['a mapping as a key, ":" right after it', "a: {{k: 1}:'x,['}\nb: 1\n c: 2\n", ['3:2 -> 0']],
    ];
    expectFixes(cases);
  });

  it('reads a line that starts with another kind of space without failing', () => {
    // U+00A0 and U+2003 are no YAML indentation: the line is text, and the scan goes on.
    for (const space of ['\u00a0', '\u2003']) {
      expect(fixes(`${space}\nversion: 1\norg:\n  id: x\n   name: y\n`)).toEqual(['5:4 -> 2']);
      expect(fixes(`a: 1\n---\n${space}\nb: 1\n c: 2\n`)).toEqual(['5:2 -> 0']);
    }
  });

  it('reads very long lines: a key before a long value, and a million spaces between two words', () => {
    expect(fixes(`a: 1\nb: ${'x'.repeat(3000)}\n c: 2\n`)).toEqual(['3:2 -> 0']);
    // Searching such a line for a key once took time growing with the square of its length.
    expect(fixes(`a: 1\nb${' '.repeat(1_000_000)}c\n d: 2\n`)).toEqual([]);
    // Only a line's first 1,000 characters are searched for a key: a plain value whose `:` falls
    // at that end is still no key.
    expect(fixes(`a: 1\n${'k'.repeat(999)}:x\n c: 2\n`)).toEqual([]);
    expect(fixes(`a: 1\n${'k'.repeat(998)}: 1\n c: 2\n`)).toHaveLength(1);
  });

  it('gives up, finding nothing, on what it does not model', () => {
    for (const text of [
      'a:\n  &x b: 1\n c: 2\n',
      'a:\n  !!str b: 1\n c: 2\n',
      '? a\n: 1\n b: 2\n',
      'a:\n  - *x\n c: 2\n',
      'a: 1\n  - b\n',
      '  x\na: 1\n',
      'a: 1\n  - k: v\nb: 2\n c: 3\n',
      'l:\n- x\n  k: v\nb: 1\n c: 2\n',
      'l:\n- a: 1\n    - k: v\n',
      'l:\n  - x\nm: 1\n  - k: v\n',
      'a:\n  b: 1\n  - x\n',
      'l:\n  m:\n- x\n',
      'a:\n- b\n - c: 1\n',
      '-\n- x\n  k: 1\n',
      'a: 1\n---x\n b: 2\n',
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
