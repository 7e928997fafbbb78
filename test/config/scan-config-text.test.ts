// The checks on bytes and text before YAML parsing: UTF-8, control characters, tabs, nesting.
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH } from '../../src/config/config-limits.js';
import {
  decodeConfigBytes,
  findControlCharacters,
  findExcessiveNesting,
  findTabIndentation,
  type PositionOf,
} from '../../src/config/scan-config-text.js';

/** Offset -> 1-based line and column of `text`. */
function positionsIn(text: string): PositionOf {
  return (offset) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
  };
}

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)),
  );

function invalidAt(line: number, col: number, byte: string): object {
  return {
    problem: {
      line,
      col,
      rule: 'invalid-utf8',
      message: `the file is not valid UTF-8 (byte 0x${byte}); save it with UTF-8 encoding`,
    },
  };
}

describe('decodeConfigBytes', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeConfigBytes(bytes([0xef, 0xbb, 0xbf], 'org: é€'))).toEqual({ text: 'org: é€' });
  });

  it('names the first byte that is not UTF-8 by line and column, counting characters, not bytes', () => {
    expect(decodeConfigBytes(bytes([0x80]))).toEqual(invalidAt(1, 1, '80'));
    expect(decodeConfigBytes(bytes('ab\ncd', [0xff], '\n'))).toEqual(invalidAt(2, 3, 'ff'));
    expect(decodeConfigBytes(bytes('a\nb\n\u00e9\u20ac', [0xfe]))).toEqual(invalidAt(3, 3, 'fe'));
  });

  it('takes the smallest and largest of each sequence length as valid', () => {
    // Each valid sequence is followed by a stray byte: its column shows the sequence was accepted.
    for (const [valid, chars] of [
      [[0xc2, 0x80], 1], // U+0080
      [[0xdf, 0xbf], 1], // U+07FF
      [[0xe0, 0xa0, 0x80], 1], // U+0800
      [[0xed, 0x9f, 0xbf], 1], // U+D7FF
      [[0xee, 0x80, 0x80], 1], // U+E000
      [[0xef, 0xbf, 0xbf], 1], // U+FFFF
      [[0xf0, 0x90, 0x80, 0x80], 2], // U+10000
      [[0xf4, 0x8f, 0xbf, 0xbf], 2], // U+10FFFF
    ] as const) {
      expect(decodeConfigBytes(bytes('x', [...valid, 0xff])), valid.join(' ')).toEqual(
        invalidAt(1, 2 + chars, 'ff'),
      );
    }
  });

  it('refuses overlong forms, surrogates, code points past U+10FFFF, bad leads and cut sequences at their first byte', () => {
    for (const [invalid, lead] of [
      [[0xc0, 0x80], 'c0'],
      [[0xc1, 0xbf], 'c1'],
      [[0xe0, 0x9f, 0xbf], 'e0'], // U+07FF in three bytes
      [[0xf0, 0x8f, 0xbf, 0xbf], 'f0'], // U+FFFF in four bytes
      [[0xed, 0xa0, 0x80], 'ed'], // U+D800
      [[0xed, 0xbf, 0xbf], 'ed'], // U+DFFF
      [[0xf4, 0x90, 0x80, 0x80], 'f4'], // U+110000
      [[0xf5, 0x80, 0x80, 0x80], 'f5'],
      [[0xf8], 'f8'],
      [[0xe2, 0x28, 0xa1], 'e2'], // a continuation byte missing
      [[0xe2, 0x82], 'e2'], // cut at the end of the file
      [[0xc3, 0xc3], 'c3'],
      // Leads that are not leads, followed by what would complete a longer sequence.
      [[0x81, 0x80, 0x80, 0x80], '81'],
      [[0x90, 0x80], '90'],
      [[0xfc, 0x80, 0x80, 0x80], 'fc'],
    ] as const) {
      expect(decodeConfigBytes(bytes('ab', [...invalid])), lead).toEqual(invalidAt(1, 3, lead));
    }
  });
});

describe('findControlCharacters', () => {
  const found = (text: string) => findControlCharacters(text, positionsIn(text));

  it('allows tab, line feed and carriage return, and characters from U+00A0 on', () => {
    expect(found('a\tb\r\nc \u00a0 \u00ff\n')).toEqual([]);
  });

  it('names the first control character, by name where it has a short one, and counts the rest', () => {
    const message = (code: string, more: string) =>
      `control character ${code} is not allowed${more}; remove it (a configuration file is plain text)`;
    expect(found('ab\nc\u0000d\u0001\u0085')).toEqual([
      {
        line: 2,
        col: 2,
        rule: 'control-character',
        message: message('U+0000 (NUL)', ' (3 in the file)'),
      },
    ]);
    for (const [char, code] of [
      ['\u007f', 'U+007F (DEL)'],
      ['\u001b', 'U+001B (ESC)'],
      ['\u000b', 'U+000B (VT)'],
      ['\u000c', 'U+000C'],
      ['\u000e', 'U+000E'],
      ['\u0008', 'U+0008'],
      ['\u001f', 'U+001F'],
      ['\u0080', 'U+0080'],
      ['\u009f', 'U+009F'],
    ]) {
      expect(found(`x${char}`), code).toEqual([
        { line: 1, col: 2, rule: 'control-character', message: message(code as string, '') },
      ]);
    }
  });
});

describe('findTabIndentation', () => {
  it('names each line whose indentation has a tab, at the tab, and no tab after the indentation', () => {
    const text = 'a:\n  \tb: 1\n\tc: 2\nd:\te\n  - x\t# y\n';
    expect(findTabIndentation(text, positionsIn(text)).map((p) => [p.line, p.col, p.rule])).toEqual(
      [
        [2, 3, 'tab-indentation'],
        [3, 1, 'tab-indentation'],
      ],
    );
  });
});

describe('findExcessiveNesting', () => {
  const deep = (text: string) => findExcessiveNesting(text, positionsIn(text));
  const n = MAX_NESTING_DEPTH;

  it('allows the limit of flow brackets and refuses one more, at the bracket past it', () => {
    expect(deep(`${'['.repeat(n)}${']'.repeat(n)}`)).toBeUndefined();
    expect(deep(`a: ${'{a: '.repeat(n)}`)).toBeUndefined();
    expect(deep(`a:\n ${'['.repeat(n + 1)}`)).toEqual({
      line: 2,
      col: n + 2,
      rule: 'too-deep',
      message: `lists and mappings are nested more than ${n} levels deep; a configuration needs at most 5, so this is not a configuration file`,
    });
    expect(deep(`[ ${'{a: '.repeat(n)}`)?.col).toBe(3 + 4 * (n - 1));
    expect(deep(`x,${'['.repeat(n + 1)}`)?.col).toBe(n + 3);
  });

  it('allows the limit of block list or key markers at the start of a line and refuses one more, at the line', () => {
    expect(deep(`${'- '.repeat(n)}x`)).toBeUndefined();
    expect(deep(`${'-  '.repeat(n)}x`)).toBeUndefined();
    expect(deep(`a:\n  ${'- '.repeat(n + 1)}x`)).toMatchObject({ line: 2, col: 3 });
    expect(deep(`${'? '.repeat(n + 1)}x`)).toMatchObject({ line: 1, col: 1 });
    expect(deep(`${'-   '.repeat(n + 1)}x`)).toMatchObject({ line: 1, col: 1 });
  });

  it('counts only a - or ? followed by a space, and only at the start of a line', () => {
    expect(deep(`${'-'.repeat(3 * n)} x`)).toBeUndefined();
    expect(deep(`${'x '.repeat(2 * n)}`)).toBeUndefined();
    expect(deep(`a: ${'- '.repeat(2 * n)}x`)).toBeUndefined();
    expect(deep(`a: b\nc: ${'- '.repeat(2 * n)}x`)).toBeUndefined();
  });

  it('counts closed brackets out, and ignores a closing bracket with none open', () => {
    expect(deep(`${'[], '.repeat(2 * n)}`)).toBeUndefined();
    expect(deep(`${'{}, '.repeat(2 * n)}`)).toBeUndefined();
    expect(deep(`${'] '.repeat(5)}${'['.repeat(n + 1)}`)).toMatchObject({ col: 11 + n });
    expect(deep(`${'} '.repeat(5)}${'['.repeat(n + 1)}`)).toMatchObject({ col: 11 + n });
  });

  it('does not count brackets inside quotes or comments, nor the first of a run within a word', () => {
    const many = '['.repeat(2 * n);
    expect(deep(`a: "${many}"`)).toBeUndefined();
    expect(deep(`a: "x${many}"`)).toBeUndefined();
    expect(deep(`a: "\\"${many}"`)).toBeUndefined();
    expect(deep(`a: '${many}'`)).toBeUndefined();
    expect(deep(`a: 'x${many}'`)).toBeUndefined();
    expect(deep(`a: 1 # ${many}\nb: 2`)).toBeUndefined();
    expect(deep(`# ${many}`)).toBeUndefined();
    // Within a word, a bracket, # or quote starts nothing: the first bracket of the run is not counted.
    const limit = '['.repeat(n + 1);
    expect(deep(`a: b${limit}`)).toBeUndefined();
    expect(deep(`a: b#${limit}`)).toBeUndefined();
    expect(deep(`a: b"${limit}`)).toBeUndefined();
  });

  it('counts brackets again after a quote or a comment ends', () => {
    const many = '['.repeat(n + 1);
    expect(deep(`a: "x" ${many}`)).toMatchObject({ line: 1 });
    expect(deep(`a: 'x' ${many}`)).toMatchObject({ line: 1 });
    expect(deep(`a: 1 # c\n${many}`)).toMatchObject({ line: 2, col: n + 1 });
    expect(deep(`a: "\\\\" ${many}`)).toMatchObject({ line: 1 });
    // A backslash escapes only in double quotes: in single quotes it is a character.
    expect(deep(`a: 'x\\' ${many}`)).toMatchObject({ line: 1 });
  });
});
