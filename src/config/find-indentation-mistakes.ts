// Indentation mistakes in block YAML, found line by line: a key or list item whose indentation fits
// nothing open above it, and the indentation it most likely needs, named by a line that has it.
// Only consulted when the YAML parser has already failed: it replaces the parser's cascade of
// follow-on errors with one error per mistaken line.

export interface IndentationMistake {
  /** 1-based line and column of the key or `-` as written. */
  line: number;
  col: number;
  /** Spaces to write before it instead. */
  fixIndent: number;
  message: string;
}

interface MapLevel {
  kind: 'map';
  /** 0-based column of its keys. */
  col: number;
  /** The last key written at this level, as written, and its line. */
  key: string;
  keyLine: number;
  /** The last key has no value on its line: a deeper line is its value. */
  open: boolean;
}

interface SeqLevel {
  kind: 'seq';
  /** 0-based column of its `-`. */
  col: number;
  dashLine: number;
  /** The last `-` has nothing after it on its line. */
  open: boolean;
}

type Level = MapLevel | SeqLevel;

/** What the first thing written on a line is. */
type Lead = { kind: 'key'; key: string } | { kind: 'dash'; hasKey: boolean } | { kind: 'scalar' };

/** Quotes and flow brackets still open at the end of a line: the next lines continue the value. */
interface FlowState {
  depth: number;
  quote: '"' | "'" | null;
  /** At the start of a value: what follows may open a quote or a bracket. */
  starts: boolean;
}

type Placement =
  | { as: 'child' }
  | { as: 'sibling'; keep: number }
  | { as: 'skip' }
  | { as: 'mistake' }
  | { as: 'unknown' };

const KEY =
  /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>?%@`-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?=\s|$)/;
/** How much of a line is searched for a key. */
const MAX_KEY_SEARCH = 1000;
const BLOCK_SCALAR = /^[|>]([-+0-9]*)\s*(#.*)?$/;

function indentOf(line: string): number {
  let n = 0;
  while (line[n] === ' ') n += 1;
  return n;
}

/**
 * Carries quotes and brackets across the text of a value. As in YAML, a quote or a bracket opens
 * only where a value starts (the text's start, or after `[`, `{`, `,`, `: ` or `? ` inside brackets): in
 * `Acme's` or `see [docs` it is a character of a plain value. A comment (`#` after a space or a
 * tab, or first) ends the scan.
 */
function scanFlow(text: string, state: FlowState): FlowState {
  let { depth, quote, starts } = state;
  // The last thing read was quoted or bracketed: a `:` right after it is an indicator (`{"a":1}`).
  let jsonLike = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quote !== null) {
      if (quote === '"' && ch === '\\') i += 1;
      else if (quote === "'" && ch === "'" && text[i + 1] === "'") i += 1;
      else if (ch === quote) [quote, jsonLike] = [null, true];
      continue;
    }
    if (ch === ' ' || ch === '\t') continue;
    if (ch === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
    // A tag or an anchor before a value: the value still starts after it.
    if (starts && (ch === '!' || ch === '&')) {
      while (i + 1 < text.length && text[i + 1] !== ' ' && text[i + 1] !== '\t') i += 1;
      continue;
    }
    if (starts && (ch === '"' || ch === "'")) quote = ch;
    else if (starts && (ch === '{' || ch === '[')) depth += 1;
    else if (ch === '}' || ch === ']') depth -= 1;
    // Inside brackets a value starts after `[`, `{` or `,`, after `: ` (or a `:` right after a quoted
    // or bracketed key, or right before a bracket or comma), and after `? ` at a start.
    const spaced = i + 1 === text.length || ' \t[]{},'.includes(text[i + 1] as string);
    starts =
      depth > 0 &&
      ('[{,'.includes(ch) ||
        (ch === ':' && (spaced || jsonLike)) ||
        (ch === '?' && spaced && starts));
    jsonLike = ch === ']' || ch === '}';
  }
  return { depth, quote, starts };
}

function stillOpen(state: FlowState): boolean {
  return state.depth > 0 || state.quote !== null;
}

/** The value after `key:` without its comment. */
function valueText(rest: string): string {
  const comment = rest.search(/(^|[ \t])#/);
  return (comment === -1 ? rest : rest.slice(0, comment)).trim();
}

/** Where a line's first token at column `col` goes, without changing the stack. */
function place(stack: readonly Level[], col: number, lead: Lead): Placement {
  const top = stack[stack.length - 1];
  if (top === undefined) return { as: 'child' };
  const deeper = col > top.col || (col === top.col && lead.kind === 'dash' && top.kind === 'map');
  if (deeper && top.open) return { as: 'child' };
  if (col > top.col) {
    const isKey = lead.kind === 'key' || (lead.kind === 'dash' && lead.hasKey);
    // After a value on the line above, a deeper plain line continues that value (valid YAML).
    if (!isKey) return { as: 'skip' };
    return top.kind === 'map' && lead.kind === 'key' ? { as: 'mistake' } : { as: 'unknown' };
  }
  let keep = stack.length;
  while (keep > 0) {
    const level = stack[keep - 1] as Level;
    if (level.col > col || (level.kind === 'seq' && level.col === col && lead.kind !== 'dash')) {
      keep -= 1;
    } else {
      break;
    }
  }
  const level = stack[keep - 1];
  if (level !== undefined && level.col === col) {
    if (lead.kind === 'key' && level.kind === 'map') return { as: 'sibling', keep };
    if (lead.kind === 'dash' && level.kind === 'seq') return { as: 'sibling', keep };
  }
  return lead.kind === 'scalar' ? { as: 'unknown' } : { as: 'mistake' };
}

/**
 * The open level of the right kind nearest in column to `col`. On a tie, the innermost of those
 * where the line's block `fits` (when it opens one), else the innermost.
 */
function nearest(
  stack: readonly Level[],
  col: number,
  kind: Level['kind'],
  fits: ((col: number) => boolean) | undefined,
): Level | undefined {
  const levels = stack.filter((level) => level.kind === kind);
  const distance = Math.min(...levels.map((level) => Math.abs(level.col - col)));
  const tied = levels.filter((level) => Math.abs(level.col - col) === distance);
  return tied.findLast((level) => fits?.(level.col) ?? true) ?? tied.at(-1);
}

/** The indentation of the first line after `index` that holds more than a comment, and whether it is a list item. */
function nextLine(
  lines: readonly string[],
  index: number,
): { col: number; dash: boolean } | undefined {
  for (let i = index + 1; i < lines.length; i += 1) {
    const line = lines[i] as string;
    const indent = indentOf(line);
    const rest = line.slice(indent);
    if (rest !== '' && !rest.startsWith('#')) return { col: indent, dash: /^-(\s|$)/.test(rest) };
  }
  return undefined;
}

function describeMistake(lead: Lead, indent: number, like: Level, top: Level | undefined): string {
  const spaces = (n: number): string => `${n} ${n === 1 ? 'space' : 'spaces'}`;
  if (like.kind === 'seq' || lead.kind !== 'key') {
    return (
      `this list item (\`-\`) is indented ${spaces(indent)}, which lines up with no list above it; ` +
      `indent it like the \`-\` on line ${like.kind === 'seq' ? like.dashLine : like.keyLine} (${spaces(like.col)})`
    );
  }
  const key = `\`${lead.key}:\``;
  const why =
    top !== undefined && top.kind === 'map' && indent > top.col
      ? `is indented more than \`${top.key}:\` on line ${top.keyLine}, which already has a value`
      : `is indented ${spaces(indent)}, which lines up with no key above it`;
  return `${key} ${why}; indent ${key} like \`${like.key}:\` on line ${like.keyLine} (${spaces(like.col)})`;
}

/** Every line of `text` whose key or `-` fits no open mapping or list, with the fix; [] when unsure. */
export function findIndentationMistakes(text: string): IndentationMistake[] {
  const mistakes: IndentationMistake[] = [];
  const stack: Level[] = [];
  let flow: FlowState | undefined;
  // A block scalar being read: the column of its key or `-`, and of its text once known.
  let blockScalar: { parent: number; text: number | undefined } | undefined;
  // Lines without their CR (CRLF files), read once.
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));

  for (let index = 0; index < lines.length; index += 1) {
    const lineNo = index + 1;
    const line = lines[index] as string;
    if (flow !== undefined) {
      flow = scanFlow(line, flow);
      if (!stillOpen(flow)) flow = undefined;
      continue;
    }
    const indent = indentOf(line);
    const rest = line.slice(indent);
    if (blockScalar !== undefined) {
      if (rest === '') continue;
      // Its first line sets the column of its text, unless an indentation indicator did.
      blockScalar.text ??= indent > blockScalar.parent ? indent : undefined;
      if (blockScalar.text !== undefined && indent >= blockScalar.text) continue;
      blockScalar = undefined;
    }
    if (rest === '' || rest.startsWith('#')) continue;
    // A document marker starts a new document: nothing above it is open any more.
    if (/^(---|\.\.\.)(\s|$)/.test(rest) || rest.startsWith('%')) {
      if (indent === 0) {
        stack.length = 0;
        continue;
      }
    }

    // The tokens of the line: `-` items, then a key, or a value.
    const dashes: number[] = [];
    let col = indent;
    let body = rest;
    while (body.startsWith('-') && (body.length === 1 || body[1] === ' ')) {
      dashes.push(col);
      const after = body.slice(1);
      const gap = indentOf(after);
      col += 1 + gap;
      body = after.slice(gap);
    }
    // Tags, anchors and explicit keys are not modelled: leave such a file to the parser's messages.
    if (/^[?&!*]/.test(body)) return mistakes;
    // A key is short: only the line's first characters are searched, since the pattern takes time
    // that grows with the square of a long run of spaces. A match cut off at that end is none.
    const head = body.slice(0, MAX_KEY_SEARCH);
    const found = KEY.exec(head);
    const keyMatch =
      found !== null && (found[0].length < head.length || head.length === body.length)
        ? found
        : null;
    const key = keyMatch?.[1];
    // The value as written, its comment too: only scanFlow knows that ` #` inside quotes is no comment.
    const written = keyMatch === null ? body : body.slice(keyMatch[0].length);
    const value = valueText(written);
    const lead: Lead =
      dashes.length > 0
        ? { kind: 'dash', hasKey: key !== undefined }
        : key !== undefined
          ? { kind: 'key', key }
          : { kind: 'scalar' };

    let first = indent;
    let placement = place(stack, first, lead);
    if (placement.as === 'unknown') return mistakes;
    if (placement.as === 'skip') continue;
    if (placement.as === 'mistake') {
      // A line that opens a block (`key:`, or `-` with nothing after it) owns the first line under
      // it if that is deeper than its last token, or a list at its key's very column.
      const next = value === '' ? nextLine(lines, index) : undefined;
      const last = (key === undefined ? (dashes.at(-1) as number) : col) - indent;
      const fits =
        next === undefined
          ? undefined
          : (at: number): boolean =>
              next.col > at + last || (key !== undefined && next.dash && next.col === at + last);
      const like = nearest(stack, first, lead.kind === 'dash' ? 'seq' : 'map', fits);
      if (like === undefined) return mistakes;
      mistakes.push({
        line: lineNo,
        col: indent + 1,
        fixIndent: like.col,
        message: describeMistake(lead, indent, like, stack[stack.length - 1]),
      });
      // Go on as if the line were indented as suggested, to find the next mistake, not a cascade.
      const shift = like.col - indent;
      first = like.col;
      col += shift;
      for (let i = 0; i < dashes.length; i += 1) dashes[i] = (dashes[i] as number) + shift;
      placement = place(stack, first, lead);
      if (placement.as !== 'sibling') return mistakes;
    }

    if (placement.as === 'sibling') {
      stack.length = placement.keep;
    } else {
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.open = false;
    }
    const top = stack[stack.length - 1];
    // The levels this line writes: its `-` items, then its key.
    dashes.forEach((dashCol, i) => {
      if (i === 0 && placement.as === 'sibling' && top?.kind === 'seq') {
        top.dashLine = lineNo;
        top.open = false;
        return;
      }
      stack.push({ kind: 'seq', col: dashCol, dashLine: lineNo, open: false });
    });
    if (key !== undefined) {
      const current = stack[stack.length - 1];
      if (dashes.length === 0 && placement.as === 'sibling' && current?.kind === 'map') {
        current.key = key;
        current.keyLine = lineNo;
        current.open = value === '';
      } else {
        stack.push({ kind: 'map', col, key, keyLine: lineNo, open: value === '' });
      }
    } else if (dashes.length > 0 && value === '') {
      // A `-` with nothing after it: the lines under it are its item.
      (stack[stack.length - 1] as Level).open = true;
    }

    const header = BLOCK_SCALAR.exec(value);
    if (header !== null) {
      const parent = stack[stack.length - 1]?.col ?? indent;
      const indicator = /[1-9]/.exec(header[1] as string)?.[0];
      blockScalar = {
        parent,
        text: indicator === undefined ? undefined : parent + Number(indicator),
      };
    } else {
      const state = scanFlow(written, { depth: 0, quote: null, starts: true });
      if (stillOpen(state)) flow = state;
    }
  }
  return mistakes;
}

/** The text with each mistaken line re-indented as its mistake suggests. */
export function reindentMistakes(text: string, mistakes: readonly IndentationMistake[]): string {
  const lines = text.split('\n');
  for (const m of mistakes) {
    const line = lines[m.line - 1];
    if (line !== undefined) lines[m.line - 1] = ' '.repeat(m.fixIndent) + line.trimStart();
  }
  return lines.join('\n');
}
