// YAML text -> value and positions, in process: the strict rules at their edges (nesting the quick
// scan cannot see, core tags, keys, directives, documents) and where each node is said to be.
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH } from '../../src/config/config-limits.js';
import { escapePointer, parseConfigYaml } from '../../src/config/parse-config-yaml.js';

type Shown = { line: number; col: number; rule: string; message: string };
const problemsOf = (text: string, env: Record<string, string> = {}): string[] =>
  parseConfigYaml(text, env).problems.map(
    (p: Shown) => `${p.line}:${p.col} ${p.rule}: ${p.message}`,
  );

/** `depth` mappings nested by indentation, which the quick scan does not count. */
const nestedMaps = (depth: number): string =>
  Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';

describe('parseConfigYaml', () => {
  it('escapes ~ and / in pointers', () => {
    expect(escapePointer('a~b/c/~')).toBe('a~0b~1c~1~0');
    const parsed = parseConfigYaml('p:\n  a/b: 1\n  c~d: 2\n', {}).parsed;
    expect([...(parsed?.positions.keys() ?? [])]).toEqual(['', '/p', '/p/a~1b', '/p/c~0d']);
  });

  it('allows the limit of nested mappings and refuses one more, where the quick scan sees nothing', () => {
    expect(problemsOf(nestedMaps(MAX_NESTING_DEPTH))).toEqual([]);
    expect(problemsOf(nestedMaps(MAX_NESTING_DEPTH + 1))).toMatchInlineSnapshot(`
      [
        "33:33 too-deep: lists and mappings are nested more than 32 levels deep; a configuration needs at most 5, so this is not a configuration file",
      ]
    `);
    expect(problemsOf(`- ${nestedMaps(MAX_NESTING_DEPTH).replaceAll('\n', '\n  ')}`))
      .toMatchInlineSnapshot(`
      [
        "32:34 too-deep: lists and mappings are nested more than 32 levels deep; a configuration needs at most 5, so this is not a configuration file",
      ]
    `);
    expect(
      problemsOf(
        `${nestedMaps(MAX_NESTING_DEPTH - 1)
          .trimEnd()
          .slice(0, -2)} [[1]]\n`,
      ),
    ).toMatchInlineSnapshot(`
      [
        "31:37 too-deep: lists and mappings are nested more than 32 levels deep; a configuration needs at most 5, so this is not a configuration file",
      ]
    `);
    expect(
      problemsOf(
        `${nestedMaps(MAX_NESTING_DEPTH - 1)
          .trimEnd()
          .slice(
            0,
            -2,
          )}\n${' '.repeat(MAX_NESTING_DEPTH - 1)}? k\n${' '.repeat(MAX_NESTING_DEPTH - 1)}: v\n`,
      ),
    ).toMatchInlineSnapshot(`[]`);
  });

  it('takes the core tags as their plain values and refuses the others', () => {
    const parsed = parseConfigYaml(
      'a: !!str 5\nb: !!int "7"\nc: !!bool "true"\nd: !!null ""\ne: !!float "1.5"\nf: !!map {x: 1}\ng: !!seq [1]\n',
      {},
    );
    expect(parsed.problems).toEqual([]);
    expect(JSON.parse(JSON.stringify(parsed.parsed?.value))).toEqual({
      a: '5',
      b: 7,
      c: true,
      d: null,
      e: 1.5,
      f: { x: 1 },
      g: [1],
    });
    expect(problemsOf('a: !!binary aGVsbG8=\nb: !local x\nc: !!set {x}\n')).toMatchInlineSnapshot(`
      [
        "2:4 unknown-tag: unknown tag '!local'; tags are not allowed, write the plain value",
        "1:4 unknown-tag: tag '!!binary' is not allowed; write the plain value",
        "3:4 unknown-tag: tag '!!set' is not allowed; write the plain value",
      ]
    `);
  });

  it('says where null values, aliases and keys are', () => {
    const parsed = parseConfigYaml('a:\nb: &x 1\nc: *x\nd:\n  - \n  -\n', {});
    expect(parsed.problems.map((p) => `${p.line}:${p.col} ${p.rule}: ${p.message}`))
      .toMatchInlineSnapshot(`
      [
        "3:4 alias: aliases are not allowed (1 in the file); write each value out in full, or use a profile for shared access",
      ]
    `);
    expect(Object.fromEntries(parsed.parsed?.positions ?? [])).toMatchInlineSnapshot(`
      {
        "": {
          "col": 1,
          "kind": "map",
          "line": 1,
        },
        "/a": {
          "col": 3,
          "key": {
            "col": 1,
            "line": 1,
          },
          "kind": "scalar",
          "line": 1,
          "source": "",
        },
        "/b": {
          "col": 7,
          "key": {
            "col": 1,
            "line": 2,
          },
          "kind": "scalar",
          "line": 2,
          "source": "1",
        },
        "/c": {
          "col": 4,
          "key": {
            "col": 1,
            "line": 3,
          },
          "kind": "scalar",
          "line": 3,
          "source": "x",
        },
        "/d": {
          "col": 3,
          "key": {
            "col": 1,
            "line": 4,
          },
          "kind": "seq",
          "line": 5,
        },
        "/d/0": {
          "col": 5,
          "kind": "scalar",
          "line": 5,
          "source": "",
        },
        "/d/1": {
          "col": 4,
          "kind": "scalar",
          "line": 6,
          "source": "",
        },
      }
    `);
  });

  it('reads a document that is only its marker as empty, without a problem', () => {
    for (const text of ['---\n', '--- # nothing here\n', '%YAML 1.2\n---\n']) {
      const result = parseConfigYaml(text, {});
      expect(result.problems, text).toEqual([]);
      expect(result.parsed?.value, text).toBeNull();
    }
  });

  it('refuses keys that are not plain names, merge keys, and says why', () => {
    expect(problemsOf('? [a, b]\n: 1\n')).toMatchInlineSnapshot(`
      [
        "1:3 complex-key: a key must be a plain name such as email or role",
      ]
    `);
    expect(problemsOf('a: 1\n~: 2\n')).toMatchInlineSnapshot(`
      [
        "2:1 complex-key: a key must be a plain name such as email or role",
      ]
    `);
    expect(problemsOf('{x: 1}: 3\n')).toMatchInlineSnapshot(`
      [
        "1:1 complex-key: a key must be a plain name such as email or role",
      ]
    `);
    // A key left out (`: x`), in a block and in brackets: said at the `:`.
    expect([': x\n', 'a:\n  : x\n', '[: x]\n'].map((text) => problemsOf(text))).toEqual([
      ['1:1 complex-key: a key must be a plain name such as email or role'],
      ['2:3 complex-key: a key must be a plain name such as email or role'],
      ['1:2 complex-key: a key must be a plain name such as email or role'],
    ]);
    expect(problemsOf('a: &k key\n*k : 5\n')).toMatchInlineSnapshot(`
      [
        "2:1 complex-key: aliases are not allowed; write each key out in full",
      ]
    `);
    expect(problemsOf('<<: {a: 1}\n')).toMatchInlineSnapshot(`
      [
        "1:1 merge-key: merge keys (<<) are not allowed; write the keys out in full (or use a profile)",
      ]
    `);
    expect(problemsOf('"<<": 6\n')).toEqual([]);
  });

  it('counts the nesting inside an explicit key', () => {
    const key = (depth: number): string =>
      `? ${nestedMaps(depth).trimEnd().replaceAll('\n', '\n  ')}\n: v\n`;
    expect(problemsOf(key(MAX_NESTING_DEPTH - 1)).map((p) => p.split(' ')[1])).not.toContain(
      'too-deep:',
    );
    expect(problemsOf(key(MAX_NESTING_DEPTH))).toMatchInlineSnapshot(`
      [
        "32:34 too-deep: lists and mappings are nested more than 32 levels deep; a configuration needs at most 5, so this is not a configuration file",
      ]
    `);
  });

  it('names a duplicate key as written, without the spaces before its colon', () => {
    expect(problemsOf('"a"  : 1\n"a"  : 2\n')).toMatchInlineSnapshot(`
      [
        "2:1 duplicate-key: duplicate key '"a"'; a key may appear only once in a mapping, so merge the two entries",
      ]
    `);
  });

  it('gives the first line of a syntax error, without its final period', () => {
    expect(problemsOf('a: [1, 2\nb: "x\n')).toMatchInlineSnapshot(`
      [
        "2:1 yaml-syntax: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
        "3:1 yaml-syntax: YAML syntax: Missing closing "quote",
      ]
    `);
  });

  it('says where an environment reference that cannot be substituted is, in the value as written', () => {
    expect(problemsOf('a: "x ${NOPE} y"\nb: pre-${1X}\nc: "${UNCLOSED"\n')).toMatchInlineSnapshot(`
      [
        "1:7 env-unset: environment variable NOPE is not set; set it, or give a default: \${NOPE:-value}",
        "2:8 env-syntax: '\${1X}' is not a variable reference; write \${NAME}, \${NAME:-default} or \${NAME:?message}, or $\${ for a literal \${",
        "3:4 env-syntax: '\${UNCLOSED' is not a variable reference; write \${NAME}, \${NAME:-default} or \${NAME:?message}, or $\${ for a literal \${",
      ]
    `);
  });

  it('allows the YAML 1.2 directive only', () => {
    expect(problemsOf('%YAML   1.2  \n---\na: 1\n')).toEqual([]);
    expect(problemsOf('%YAML 1.1\n---\na: 1\n')).toMatchInlineSnapshot(`
      [
        "1:1 yaml-directive: '%YAML 1.1' is not allowed: configuration files are YAML 1.2 (where yes and no are strings, not booleans); remove the line",
      ]
    `);
    expect(problemsOf('%TAG !e! tag:example.com,2000:  \n---\na: 1\n')).toMatchInlineSnapshot(`
      [
        "1:1 yaml-directive: the directive '%TAG !e! tag:example.com,2000:' is not allowed; remove the line",
      ]
    `);
    expect(problemsOf('%YAML 1.2x\n---\na: 1\n')).toMatchInlineSnapshot(`
      [
        "1:1 yaml-directive: '%YAML 1.2x' is not allowed: configuration files are YAML 1.2 (where yes and no are strings, not booleans); remove the line",
        "1:7 yaml-syntax: YAML syntax: Unsupported YAML version 1.2x",
      ]
    `);
  });

  it('refuses a second document at its marker, or at its start without one', () => {
    expect(problemsOf('a: 1\n---\nb: 2\n')).toMatchInlineSnapshot(`
      [
        "2:1 multiple-documents: the file holds 2 YAML documents; a configuration file holds one, so put each org in its own file",
      ]
    `);
    expect(problemsOf('a: 1\n...\nb: 2\n')).toMatchInlineSnapshot(`
      [
        "3:1 multiple-documents: the file holds 2 YAML documents; a configuration file holds one, so put each org in its own file",
      ]
    `);
  });
});

describe('parseConfigYaml, what it returns around the problems', () => {
  it('gives an empty document its place at the start', () => {
    const result = parseConfigYaml('# only a comment\n', {});
    expect(result.problems).toEqual([]);
    expect(result.parsed?.empty).toBe(true);
    expect(Object.fromEntries(result.parsed?.positions ?? [])).toEqual({
      '': { line: 1, col: 1, kind: 'scalar', source: '' },
    });
    expect(parseConfigYaml('', {}).parsed?.empty).toBe(true);
  });

  it('says the quick scan’s place for list markers nested too deep: the start of their line', () => {
    expect(problemsOf(`a: 1\n${'- '.repeat(MAX_NESTING_DEPTH + 1)}x\n`)).toEqual([
      `2:1 too-deep: lists and mappings are nested more than ${MAX_NESTING_DEPTH} levels deep; a configuration needs at most 5, so this is not a configuration file`,
    ]);
  });

  it('gives no document after a directive it refuses', () => {
    expect(parseConfigYaml('%YAML 1.1\n---\na: 1\n', {}).parsed).toBeUndefined();
  });

  it('replaces the parser’s cascade with one problem per mistaken line, keeping its other problems', () => {
    expect(problemsOf('org:\n  id: x\n   name: y\n')).toMatchInlineSnapshot(`
      [
        "3:4 indentation: \`name:\` is indented more than \`id:\` on line 2, which already has a value; indent \`name:\` like \`id:\` on line 2 (2 spaces)",
      ]
    `);
    expect(problemsOf('a:\n  b: 1\n   c: 2\nd: [1\n')).toMatchInlineSnapshot(`
      [
        "3:4 indentation: \`c:\` is indented more than \`b:\` on line 2, which already has a value; indent \`c:\` like \`b:\` on line 2 (2 spaces)",
        "5:1 yaml-syntax: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
      ]
    `);
  });

  it('drops the parser’s words about a line the guess re-indents', () => {
    // Put where the scan says, `b` is written twice: that is said once the line is fixed, not now.
    expect(problemsOf('a:\n  b: 1\n   b: 2\n')).toEqual([
      '3:4 indentation: `b:` is indented more than `b:` on line 2, which already has a value; indent `b:` like `b:` on line 2 (2 spaces)',
    ]);
  });

  it('keeps the parser’s words when the scan’s guess does not help', () => {
    // `u:` lined up with `r:` would write `r` twice in one mapping: as many errors as before.
    expect(problemsOf('p:\n f:\n    r: 1\n   u:\n    r: 2\n')).toEqual([
      '4:1 yaml-syntax: YAML syntax: All mapping items must start at the same column',
    ]);
  });
});

describe('values of tags beyond the core schema', () => {
  it('refuses a key written with such a tag, and reads such a value as nothing', () => {
    expect(problemsOf('!!binary aGVsbG8=: 1\n').map((p) => p.split(' ')[1])).toContain(
      'complex-key:',
    );
    const result = parseConfigYaml('a: !!binary aGVsbG8=\n', {});
    expect(result.problems.map((p) => p.rule)).toEqual(['unknown-tag']);
    expect(JSON.stringify(result.parsed?.value)).toBe('{"a":null}');
  });
});
