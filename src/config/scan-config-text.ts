// Checks on the raw bytes and text before YAML parsing: encoding, control characters, tabs, nesting.
import { MAX_NESTING_DEPTH } from './config-limits.js';
import type { FileProblem } from './problem.js';

/** Offset in the text -> 1-based line and column. */
export type PositionOf = (offset: number) => { line: number; col: number };

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** The text of a UTF-8 file without its BOM, or the problem that it is not UTF-8. */
export function decodeConfigBytes(
  bytes: Uint8Array,
): { text: string; problem?: undefined } | { text?: undefined; problem: FileProblem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8Byte(bytes);
    const before = bytes.subarray(0, Math.max(0, offset));
    const lineStart = before.lastIndexOf(0x0a) + 1;
    let line = 1;
    for (const b of before) if (b === 0x0a) line += 1;
    const col = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1;
    const hex = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
    return {
      problem: {
        line,
        col,
        rule: 'invalid-utf8',
        message: `the file is not valid UTF-8 (byte 0x${hex}); save it with UTF-8 encoding`,
      },
    };
  }
}

const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 0x7f: 'DEL', 0x1b: 'ESC', 0x0b: 'VT' };

/** Control characters other than tab, line feed and carriage return (C0, DEL and C1). */
export function findControlCharacters(text: string, positionOf: PositionOf): FileProblem[] {
  const found: FileProblem[] = [];
  // eslint-disable-next-line no-control-regex
  const pattern = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
  let count = 0;
  let first: { offset: number; code: number } | undefined;
  for (const match of text.matchAll(pattern)) {
    count += 1;
    first ??= { offset: match.index, code: match[0].charCodeAt(0) };
  }
  if (first === undefined) return found;
  const code = `U+${first.code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = CONTROL_NAMES[first.code] === undefined ? '' : ` (${CONTROL_NAMES[first.code]})`;
  const more = count > 1 ? ` (${count} in the file)` : '';
  found.push({
    ...positionOf(first.offset),
    rule: 'control-character',
    message: `control character ${code}${name} is not allowed${more}; remove it (a configuration file is plain text)`,
  });
  return found;
}

/** Lines whose indentation contains a tab: YAML indents with spaces only. */
export function findTabIndentation(text: string, positionOf: PositionOf): FileProblem[] {
  const found: FileProblem[] = [];
  for (const match of text.matchAll(/^[ ]*\t/gm)) {
    found.push({
      ...positionOf(match.index + match[0].length - 1),
      rule: 'tab-indentation',
      message:
        'a tab is used for indentation; YAML indents with spaces only, replace the tab with spaces',
    });
  }
  return found;
}

/**
 * A quick look for absurd nesting (`[[[[...` or `- - - -...`) before the parser spends time on it.
 * The exact check runs on the parsed tokens; this one only has to be cheap and never fire on sane files.
 */
export function findExcessiveNesting(
  text: string,
  positionOf: PositionOf,
): FileProblem | undefined {
  let flowDepth = 0;
  let quote: '"' | "'" | undefined;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== undefined) {
      if (quote === '"' && c === '\\') i += 1;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '\n') {
      lineStart = true;
      continue;
    }
    const prev = i === 0 ? '\n' : (text[i - 1] as string);
    const tokenStart = ' \t\n[{,:'.includes(prev);
    if (lineStart && c !== ' ') {
      lineStart = false;
      let depth = 0;
      let j = i;
      while ((text[j] === '-' || text[j] === '?') && text[j + 1] === ' ') {
        depth += 1;
        j += 2;
        while (text[j] === ' ') j += 1;
      }
      if (depth > MAX_NESTING_DEPTH) return tooDeep(positionOf, i);
    }
    if (c === '#' && ' \t\n'.includes(prev)) {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? text.length : end) - 1;
    } else if ((c === '"' || c === "'") && tokenStart) {
      quote = c;
    } else if ((c === '[' || c === '{') && tokenStart) {
      flowDepth += 1;
      if (flowDepth > MAX_NESTING_DEPTH) return tooDeep(positionOf, i);
    } else if ((c === ']' || c === '}') && flowDepth > 0) {
      flowDepth -= 1;
    }
  }
  return undefined;
}

export function tooDeep(positionOf: PositionOf, offset: number): FileProblem {
  return {
    ...positionOf(offset),
    rule: 'too-deep',
    message: `lists and mappings are nested more than ${MAX_NESTING_DEPTH} levels deep; a configuration needs at most 5, so this is not a configuration file`,
  };
}
