// The indentation scan judged against the YAML parser and the file as it was written: block YAML is
// generated at random (mappings, lists, compact `- k:` and `- - x` items, quoted keys, empty values,
// plain values holding quotes, brackets and ` #`, values across lines, block scalars with and
// without an indentation indicator, comments at any column, blank lines, CRLF, document markers).
// Where the parser accepts it the scan must find nothing. Where one key or list item is moved off
// its column and the parser refuses the file, the scan must name exactly that line, in its words,
// and its fix must give back the file as written: asked only where the column it came from is the
// one reading the lines around it allow (a moved line that opens an empty value, or a list at its
// key's column, could belong to either level: those are left out of the last two properties).
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  findIndentationMistakes,
  reindentMistakes,
} from '../../src/config/find-indentation-mistakes.js';

type Value =
  | { kind: 'scalar'; text: string }
  | { kind: 'empty' }
  | { kind: 'flow'; first: string; rest: string; extra: number }
  | { kind: 'block'; header: string; lines: readonly string[] }
  | { kind: 'map'; entries: readonly Entry[] }
  | { kind: 'seq'; items: readonly Item[]; indented: boolean };

interface Entry {
  key: 'plain' | 'double' | 'single' | 'dash';
  value: Value;
  comment: number | null;
}

type Item =
  | { kind: 'scalar'; text: string }
  | { kind: 'block'; header: string; lines: readonly string[] }
  | { kind: 'map'; entries: readonly Entry[]; compact: boolean }
  | { kind: 'seq'; items: readonly Item[] };

interface Doc {
  root: readonly Entry[];
  step: number;
  markers: boolean;
  crlf: boolean;
}

/** A line that can be moved: a key first on its line, or a list item holding a value on its line. */
interface Movable {
  index: number;
  col: number;
  /** How the key is written, for the scan's words; null for a list item. */
  key: string | null;
  /** The sibling just before it: its key as written and its line (1-based). */
  previous: { key: string | null; line: number; hasValue: boolean; hasMap: boolean } | undefined;
  /** A key whose value is a mapping on the lines under it (a list may sit at the key's column: ambiguous). */
  opensMap: boolean;
  /** A key with no value at all: the line after it may be its sibling or its value. */
  empty: boolean;
}

const SCALARS = [
  'v',
  '12',
  '"a # not a comment"',
  "'it''s'",
  '[1, 2]',
  '{x: 1, y: "]"}',
  '"x: y"',
  'plain text # a comment: here',
  'true',
  '"say \\"[\\" ok"',
  "Acme's",
  'see [docs',
  "x\t# it's a [note",
];
const FLOWS: readonly (readonly [string, string])[] = [
  ['[1,', '2]'],
  ['{a: 1,', 'b: "}"}'],
  ['"line one', 'line two"'],
  ["'it''s [", "still quoted'"],
  ['[[1, 2],', '[3]]'],
];
const BLOCK_LINES = ['text', 'key: like a key', '- like an item', '# not a comment', '  deeper'];

const scalarText = fc.constantFrom(...SCALARS);

const entriesArb = (depth: number): fc.Arbitrary<Entry[]> =>
  fc.array(entryArb(depth), { minLength: 1, maxLength: 4 });

function entryArb(depth: number): fc.Arbitrary<Entry> {
  return fc.record({
    key: fc.constantFrom('plain', 'double', 'single', 'dash') as fc.Arbitrary<Entry['key']>,
    value: valueArb(depth),
    comment: fc.option(fc.nat(9), { freq: 4 }),
  });
}

function valueArb(depth: number): fc.Arbitrary<Value> {
  const leaves: fc.Arbitrary<Value>[] = [
    scalarText.map((text) => ({ kind: 'scalar' as const, text })),
    scalarText.map((text) => ({ kind: 'scalar' as const, text })),
    fc.constant({ kind: 'empty' as const }),
    fc
      .tuple(fc.constantFrom(...FLOWS), fc.nat(2))
      .map(([[first, rest], extra]) => ({ kind: 'flow' as const, first, rest, extra })),
    fc
      .tuple(
        fc.constantFrom('|', '>-', '|+', '| # note', '|2', '>-2'),
        fc.array(fc.constantFrom(...BLOCK_LINES, ''), { minLength: 1, maxLength: 3 }),
      )
      .map(([header, lines]) => ({
        kind: 'block' as const,
        header,
        // A block scalar's first line sets its indentation: it must not start deeper or be empty.
        lines: ['first', ...lines],
      })),
  ];
  if (depth === 0) return fc.oneof(...leaves);
  return fc.oneof(
    ...leaves,
    entriesArb(depth - 1).map((entries) => ({ kind: 'map' as const, entries })),
    fc
      .tuple(fc.array(itemArb(depth - 1), { minLength: 1, maxLength: 3 }), fc.boolean())
      .map(([items, indented]) => ({ kind: 'seq' as const, items, indented })),
  );
}

function itemArb(depth: number): fc.Arbitrary<Item> {
  const scalar = scalarText.map((text) => ({ kind: 'scalar' as const, text }));
  const block = fc
    .array(fc.constantFrom(...BLOCK_LINES, ''), { minLength: 0, maxLength: 2 })
    .map((lines) => ({ kind: 'block' as const, header: '|', lines: ['first', ...lines] }));
  if (depth === 0) return fc.oneof(scalar, block);
  return fc.oneof(
    scalar,
    block,
    fc
      .tuple(entriesArb(depth - 1), fc.boolean())
      .map(([entries, compact]) => ({ kind: 'map' as const, entries, compact })),
    fc
      .array(itemArb(depth - 1), { minLength: 1, maxLength: 2 })
      .map((items) => ({ kind: 'seq' as const, items })),
  );
}

const docArb: fc.Arbitrary<Doc> = fc.record({
  root: entriesArb(3),
  step: fc.constantFrom(2, 4),
  markers: fc.boolean(),
  crlf: fc.boolean(),
});

/** Renders a document, noting every line that can be moved off its column. */
function render(doc: Doc): { lines: string[]; movable: Movable[] } {
  const lines: string[] = [];
  const movable: Movable[] = [];
  const pad = (n: number): string => ' '.repeat(n);
  let counter = 0;

  function keyText(style: Entry['key']): string {
    counter += 1;
    if (style === 'double') return `"k ${counter}"`;
    if (style === 'single') return `'k''${counter}'`;
    if (style === 'dash') return `-k${counter}`;
    return `k${counter}`;
  }

  /** The entries of a mapping at `col`; the first line's indentation is replaced by `lead`. */
  function mapping(entries: readonly Entry[], col: number, lead?: string): void {
    let previous: Movable['previous'];
    entries.forEach((entry, i) => {
      const key = keyText(entry.key);
      const start = i === 0 && lead !== undefined ? lead : pad(col);
      const index = lines.length;
      const opensMap = entry.value.kind === 'map';
      const empty = entry.value.kind === 'empty';
      if (i > 0 || lead === undefined) movable.push({ index, col, key, previous, opensMap, empty });
      const value = entry.value;
      const hasValue = value.kind === 'scalar' || value.kind === 'flow';
      if (value.kind === 'scalar') lines.push(`${start}${key}: ${value.text}`);
      else if (value.kind === 'empty') lines.push(`${start}${key}:`);
      else if (value.kind === 'flow') {
        lines.push(`${start}${key}: ${value.first}`);
        lines.push(`${pad(col + 1 + value.extra)}${value.rest}`);
      } else if (value.kind === 'block') {
        lines.push(`${start}${key}: ${value.header}`);
        for (const text of value.lines) lines.push(text === '' ? '' : `${pad(col + 2)}${text}`);
      } else if (value.kind === 'map') {
        lines.push(`${start}${key}:`);
        mapping(value.entries, col + doc.step);
      } else {
        lines.push(`${start}${key}:`);
        sequence(value.items, value.indented ? col + doc.step : col);
      }
      previous = { key, line: index + 1, hasValue, hasMap: value.kind === 'map' };
      // A comment at any column, or (at 9) a blank line.
      if (entry.comment !== null)
        lines.push(entry.comment === 9 ? '' : `${pad(entry.comment)}# a comment`);
    });
  }

  function sequence(items: readonly Item[], col: number, lead?: string): void {
    let previous: Movable['previous'];
    items.forEach((item, i) => {
      const start = i === 0 && lead !== undefined ? lead : pad(col);
      const index = lines.length;
      if (item.kind === 'scalar') {
        if (i > 0 || lead === undefined)
          movable.push({ index, col, key: null, previous, opensMap: false, empty: false });
        lines.push(`${start}- ${item.text}`);
      } else if (item.kind === 'block') {
        lines.push(`${start}- ${item.header}`);
        for (const text of item.lines) lines.push(text === '' ? '' : `${pad(col + 2)}${text}`);
      } else if (item.kind === 'map' && item.compact) {
        mapping(item.entries, col + 2, `${start}- `);
      } else if (item.kind === 'map') {
        lines.push(`${start}-`);
        mapping(item.entries, col + doc.step);
      } else {
        sequence(item.items, col + 2, `${start}- `);
      }
      previous = { key: null, line: index + 1, hasValue: true, hasMap: false };
    });
  }

  if (doc.markers) lines.push('%YAML 1.2', '---');
  mapping(doc.root, 0);
  if (doc.markers) lines.push('...');
  return { lines, movable };
}

function join(doc: Doc, lines: readonly string[]): string {
  return lines.join(doc.crlf ? '\r\n' : '\n') + (doc.crlf ? '\r\n' : '\n');
}

function yamlAccepts(text: string): boolean {
  return parseDocument(text, { uniqueKeys: true }).errors.length === 0;
}

const spaces = (n: number): string => `${n} ${n === 1 ? 'space' : 'spaces'}`;

describe('findIndentationMistakes against the YAML parser', () => {
  it('finds nothing in block YAML the parser accepts', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const text = join(doc, render(doc).lines);
        expect(yamlAccepts(text), text).toBe(true);
        expect(findIndentationMistakes(text), JSON.stringify(text)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('names a key moved deeper than a sibling that has its value, and its fix gives the file back', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), fc.integer({ min: 1, max: 3 }), (doc, pick, by) => {
        const { lines, movable } = render(doc);
        const candidates = movable.filter((m) => m.key !== null && m.previous?.hasValue === true);
        fc.pre(candidates.length > 0);
        const moved = candidates[pick % candidates.length] as Movable;
        const previous = moved.previous as NonNullable<Movable['previous']>;
        const broken = [...lines];
        broken[moved.index] = ' '.repeat(by) + (lines[moved.index] as string);
        const text = join(doc, broken);
        fc.pre(!yamlAccepts(text));

        const found = findIndentationMistakes(text);
        const key = `\`${moved.key}:\``;
        const like = `\`${previous.key}:\` on line ${previous.line}`;
        expect(found, JSON.stringify(text)).toEqual([
          {
            line: moved.index + 1,
            col: moved.col + by + 1,
            fixIndent: moved.col,
            message: `${key} is indented more than ${like}, which already has a value; indent ${key} like ${like} (${spaces(moved.col)})`,
          },
        ]);
        expect(reindentMistakes(text, found)).toBe(join(doc, lines));
      }),
      { numRuns: 300 },
    );
  });

  it('names a key or list item moved one column in from its siblings, and its fix gives the file back', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), (doc, pick) => {
        const { lines, movable } = render(doc);
        const candidates = movable.filter((m) => m.previous !== undefined && m.col > 0 && !m.empty);
        fc.pre(candidates.length > 0);
        const moved = candidates[pick % candidates.length] as Movable;
        const previous = moved.previous as NonNullable<Movable['previous']>;
        const broken = [...lines];
        broken[moved.index] = (lines[moved.index] as string).slice(1);
        const text = join(doc, broken);
        fc.pre(!yamlAccepts(text));

        const found = findIndentationMistakes(text);
        const message =
          moved.key === null
            ? `this list item (\`-\`) is indented ${spaces(moved.col - 1)}, which lines up with no list above it; indent it like the \`-\` on line ${previous.line} (${spaces(moved.col)})`
            : `\`${moved.key}:\` is indented ${spaces(moved.col - 1)}, which lines up with no key above it; indent \`${moved.key}:\` like \`${previous.key}:\` on line ${previous.line} (${spaces(moved.col)})`;
        expect(found, JSON.stringify(text)).toEqual([
          { line: moved.index + 1, col: moved.col, fixIndent: moved.col, message },
        ]);
        expect(reindentMistakes(text, found)).toBe(join(doc, lines));
      }),
      { numRuns: 300 },
    );
  });

  it('puts back a key that opens a mapping, moved in by half a step after a sibling holding one', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), (doc, pick) => {
        const { lines, movable } = render(doc);
        const by = doc.step / 2;
        const candidates = movable.filter((m) => m.opensMap && m.previous?.hasMap === true);
        fc.pre(candidates.length > 0);
        const moved = candidates[pick % candidates.length] as Movable;
        const broken = [...lines];
        broken[moved.index] = ' '.repeat(by) + (lines[moved.index] as string);
        const text = join(doc, broken);
        fc.pre(!yamlAccepts(text));

        const found = findIndentationMistakes(text);
        expect(
          found.map((m) => [m.line, m.col, m.fixIndent]),
          JSON.stringify(text),
        ).toEqual([[moved.index + 1, moved.col + by + 1, moved.col]]);
        expect(reindentMistakes(text, found)).toBe(join(doc, lines));
      }),
      { numRuns: 300 },
    );
  });

  it('sees the mistake after any one-line value the parser reads whole', () => {
    // Values written from what opens, closes, escapes, separates or comments, in any order (JSON-like
    // keys with `:` right after them, `k:[`, tags and anchors too).
    const piece = fc.constantFrom(
      ...['[', ']', '{', '}', "'", '"', ',', ': ', ':', '? ', '?', ' ', '\t', ' #', '#', 'x'],
      ...['\\', "''", '"k":', "'k':", '[k]:', 'k:[', '!!str ', '&a '],
    );
    const value = fc
      .array(piece, { minLength: 1, maxLength: 8 })
      .map((pieces) => pieces.join(''))
      .filter((v) => v.trim() !== '' && !/^\s/.test(v));
    fc.assert(
      fc.property(value, (v) => {
        const head = `a: ${v}\nb: 1\n`;
        const doc = parseDocument(head);
        fc.pre(doc.errors.length === 0 && doc.warnings.length === 0);
        expect(findIndentationMistakes(`${head} c: 2\n`), JSON.stringify(v)).toEqual([
          {
            line: 3,
            col: 2,
            fixIndent: 0,
            message:
              '`c:` is indented more than `b:` on line 2, which already has a value; indent `c:` like `b:` on line 2 (0 spaces)',
          },
        ]);
      }),
      { numRuns: 2000 },
    );
  });
});
