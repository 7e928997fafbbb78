// YAML text -> a plain value plus the position of every node, strictly: one document, no aliases,
// no merge keys, no unknown tags, no YAML 1.1, and `${VAR}` substituted in string values afterwards.
import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from 'yaml';
import type { CST } from 'yaml';
import { MAX_NESTING_DEPTH } from './config-limits.js';
import { findIndentationMistakes, reindentMistakes } from './find-indentation-mistakes.js';
import type { FileProblem } from './problem.js';
import {
  findControlCharacters,
  findExcessiveNesting,
  findTabIndentation,
  tooDeep,
} from './scan-config-text.js';
import { quoteValue } from './quote-value.js';
import { substituteEnv, type ConfigEnv } from './substitute-env.js';

/** Where a node of the parsed value was written, by JSON pointer (the form of ajv's instancePath). */
export interface NodePosition {
  line: number;
  col: number;
  /** The position of the key, for values of a mapping. */
  key?: { line: number; col: number };
  kind: 'map' | 'seq' | 'scalar';
  /** A scalar's text as written, e.g. to tell `id: 123` (a number) from `id: '123'`. */
  source?: string;
  /** True for a string that came out of `${VAR}` substitution. */
  substituted?: boolean;
  /** A variable in it could not be substituted (already reported), so other checks skip it. */
  unresolved?: boolean;
  /** The file it is in, when the value was merged from several files of one org. */
  file?: string;
}

export type PositionMap = Map<string, NodePosition>;

export interface ParsedConfig {
  /** Plain data: objects have no prototype, so keys such as `__proto__` are only keys. */
  value: unknown;
  positions: PositionMap;
  /** The document has no content at all (empty, or only comments). */
  empty: boolean;
}

export type ParseResult =
  | { parsed: ParsedConfig; problems: FileProblem[] }
  | { parsed?: undefined; problems: FileProblem[] };

/** Strict YAML 1.2: no duplicate keys, no merge keys; shared by the parse and the re-parse after a fix. */
const COMPOSER_OPTIONS = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: true,
  merge: false,
  strict: true,
  prettyErrors: false,
} as const;

const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function lineCounterFor(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

/** The deepest collection in the token tree, walked without recursion; the offset past the limit. */
function findDeepToken(tokens: readonly CST.Token[]): number | undefined {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [CST.Token, number];
    if (token.type === 'document' && token.value !== undefined) stack.push([token.value, depth]);
    if (
      token.type === 'block-map' ||
      token.type === 'block-seq' ||
      token.type === 'flow-collection'
    ) {
      if (depth + 1 > MAX_NESTING_DEPTH) return token.offset;
      for (const item of token.items) {
        if ('key' in item && item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

function describeYamlError(error: YAMLError, text: string): { rule: string; message: string } {
  const [start, end] = error.pos;
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = text.slice(start, Math.max(end, text.indexOf(':', start))).trim();
      return {
        rule: 'duplicate-key',
        message: `duplicate key ${quoteValue(key)}; a key may appear only once in a mapping, so merge the two entries`,
      };
    }
    case 'TAB_AS_INDENT':
      return {
        rule: 'tab-indentation',
        message: 'a tab is used for indentation; indent with spaces',
      };
    case 'TAG_RESOLVE_FAILED':
      return {
        rule: 'unknown-tag',
        message: `unknown tag '${text.slice(start, end)}'; tags are not allowed, write the plain value`,
      };
    default: {
      const first = (error.message.split('\n')[0] ?? error.message).replace(/\.$/, '');
      return { rule: 'yaml-syntax', message: `YAML syntax: ${first}` };
    }
  }
}

interface WalkContext {
  text: string;
  lines: LineCounter;
  env: ConfigEnv;
  positions: PositionMap;
  problems: FileProblem[];
  aliases: { offset: number; count: number } | undefined;
}

function at(ctx: WalkContext, offset: number): { line: number; col: number } {
  const { line, col } = ctx.lines.linePos(offset);
  return { line, col };
}

function walk(
  node: YamlNode | null,
  pointer: string,
  ctx: WalkContext,
  key?: { line: number; col: number },
): unknown {
  const offset = node?.range?.[0];
  const place = offset === undefined ? (key ?? { line: 1, col: 1 }) : at(ctx, offset);
  const withKey = key === undefined ? {} : { key };
  if (node === null) {
    ctx.positions.set(pointer, { ...place, ...withKey, kind: 'scalar', source: '' });
    return null;
  }
  if (isAlias(node)) {
    const start = node.range?.[0] ?? 0;
    ctx.aliases =
      ctx.aliases === undefined
        ? { offset: start, count: 1 }
        : { ...ctx.aliases, count: ctx.aliases.count + 1 };
    ctx.positions.set(pointer, { ...place, ...withKey, kind: 'scalar', source: node.source });
    return null;
  }
  if (node.tag !== undefined && !CORE_TAGS.has(node.tag) && !node.tag.startsWith('!')) {
    // Tags the yaml package knows beyond the core schema (!!binary, !!set, ...); unknown ones it reports itself.
    // The tag starts at the first `!` of `!!binary`, not at the `!` just before the value.
    let tagOffset = ctx.text.lastIndexOf('!', offset ?? 0);
    while (tagOffset > 0 && ctx.text[tagOffset - 1] === '!') tagOffset -= 1;
    ctx.problems.push({
      ...at(ctx, tagOffset === -1 ? (offset ?? 0) : tagOffset),
      rule: 'unknown-tag',
      message: `tag '${node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed; write the plain value`,
    });
  }
  if (isMap(node)) {
    ctx.positions.set(pointer, { ...place, ...withKey, kind: 'map' });
    const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const keyOffset =
        keyNode?.range?.[0] ?? (pair.value as YamlNode | null)?.range?.[0] ?? offset ?? 0;
      const keyPlace = at(ctx, keyOffset);
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        ctx.problems.push({
          ...keyPlace,
          rule: 'complex-key',
          message: isAlias(keyNode)
            ? 'aliases are not allowed; write each key out in full'
            : 'a key must be a plain name such as email or role',
        });
        continue;
      }
      const name = String(keyNode.value);
      if (name === '<<' && keyNode.type === 'PLAIN') {
        ctx.problems.push({
          ...keyPlace,
          rule: 'merge-key',
          message: 'merge keys (<<) are not allowed; write the keys out in full (or use a profile)',
        });
        continue;
      }
      result[name] = walk(
        pair.value as YamlNode | null,
        `${pointer}/${escapePointer(name)}`,
        ctx,
        keyPlace,
      );
    }
    return result;
  }
  if (isSeq(node)) {
    ctx.positions.set(pointer, { ...place, ...withKey, kind: 'seq' });
    return node.items.map((item, i) => walk(item as YamlNode | null, `${pointer}/${i}`, ctx));
  }
  if (isScalar(node)) {
    const end = node.range?.[1] ?? offset ?? 0;
    const source = ctx.text.slice(offset ?? 0, end);
    const position: NodePosition = { ...place, ...withKey, kind: 'scalar', source };
    ctx.positions.set(pointer, position);
    if (typeof node.value !== 'string') {
      return typeof node.value === 'number' || typeof node.value === 'boolean' ? node.value : null;
    }
    let value = node.value;
    if (value.includes('${')) {
      const substitution = substituteEnv(value, ctx.env);
      for (const problem of substitution.problems) {
        // The reference as written (up to its '}'), found in the source; else the value's start.
        const reference = value.slice(problem.index, value.indexOf('}', problem.index) + 1);
        ctx.problems.push({
          ...at(ctx, (offset ?? 0) + Math.max(0, source.indexOf(reference))),
          rule: problem.rule,
          message: problem.message,
        });
      }
      value = substitution.value;
      position.substituted = true;
      if (substitution.problems.length > 0) position.unresolved = true;
    }
    return value;
  }
  return null;
}

function firstDirective(tokens: readonly CST.Token[]): CST.Directive | undefined {
  for (const token of tokens) {
    if (token.type === 'directive' && !/^%YAML\s+1\.2\s*$/.test(token.source)) return token;
  }
  return undefined;
}

function composeErrors(text: string): YAMLError[] {
  const composer = new Composer(COMPOSER_OPTIONS);
  const tokens = new Parser().parse(text);
  return Array.from(composer.compose(tokens, true, text.length)).flatMap((d) => d.errors);
}

/**
 * The parser's errors, unless they come from indentation mistakes: then one error per mistaken
 * line, saying what to write, and only those of the parser's errors that remain once it is fixed.
 */
function syntaxProblems(
  text: string,
  errors: readonly YAMLError[],
  pos: (offset: number) => { line: number; col: number },
): FileProblem[] {
  const asProblems = (list: readonly YAMLError[], source: string): FileProblem[] =>
    list.map((error) => ({ ...pos(error.pos[0]), ...describeYamlError(error, source) }));
  const mistakes = findIndentationMistakes(text);
  if (mistakes.length === 0) return asProblems(errors, text);
  const fixed = reindentMistakes(text, mistakes);
  const remaining = composeErrors(fixed);
  // A fix that does not help was a wrong guess: the parser's own words are then better.
  if (remaining.length >= errors.length) return asProblems(errors, text);
  const fixedLines = new Set(mistakes.map((m) => m.line));
  const fixedPos = lineCounterFor(fixed);
  const others = remaining
    .map((error) => ({
      ...fixedPos.linePos(error.pos[0]),
      ...describeYamlError(error, fixed),
    }))
    .filter((problem) => !fixedLines.has(problem.line));
  return [
    ...mistakes.map((m) => ({
      line: m.line,
      col: m.col,
      rule: 'indentation',
      message: m.message,
    })),
    ...others,
  ];
}

/** Parses one configuration file's text; problems carry line and column but not yet the file name. */
export function parseConfigYaml(text: string, env: ConfigEnv): ParseResult {
  const lines = lineCounterFor(text);
  const pos = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, col };
  };

  const before = [...findControlCharacters(text, pos), ...findTabIndentation(text, pos)];
  const deep = findExcessiveNesting(text, pos);
  if (deep !== undefined) before.push(deep);
  if (before.length > 0) return { problems: before };

  let tokens: CST.Token[];
  let docs: Document.Parsed[];
  try {
    tokens = Array.from(new Parser().parse(text));
    const deepOffset = findDeepToken(tokens);
    if (deepOffset !== undefined) return { problems: [tooDeep(pos, deepOffset)] };
    const composer = new Composer(COMPOSER_OPTIONS);
    docs = Array.from(composer.compose(tokens, true, text.length));
  } catch (error) {
    if (error instanceof RangeError) return { problems: [tooDeep(pos, 0)] };
    throw error;
  }

  const problems: FileProblem[] = [];
  const directive = firstDirective(tokens);
  if (directive !== undefined) {
    const isVersion = directive.source.startsWith('%YAML');
    problems.push({
      ...pos(directive.offset),
      rule: 'yaml-directive',
      message: isVersion
        ? `'${directive.source.trim()}' is not allowed: configuration files are YAML 1.2 (where yes and no are strings, not booleans); remove the line`
        : `the directive '${directive.source.trim()}' is not allowed; remove the line`,
    });
  }
  const documents = tokens.filter((t): t is CST.Document => t.type === 'document');
  const second = documents[1];
  if (second !== undefined) {
    // A document starts at its --- marker, or at its first token when it has none.
    problems.push({
      ...pos(second.offset),
      rule: 'multiple-documents',
      message: `the file holds ${documents.length} YAML documents; a configuration file holds one, so put each org in its own file`,
    });
    return { problems };
  }
  const doc = docs[0];
  if (doc === undefined) return { problems };
  if (doc.errors.length > 0) {
    problems.push(...syntaxProblems(text, doc.errors, pos));
    return { problems };
  }
  if (problems.length > 0) return { problems };
  // Warnings (unresolved tags) do not stop the walk, which finds the rest of the file's problems.
  for (const warning of doc.warnings) {
    problems.push({ ...pos(warning.pos[0]), ...describeYamlError(warning, text) });
  }

  const ctx: WalkContext = { text, lines, env, positions: new Map(), problems, aliases: undefined };
  const value = walk(doc.contents as YamlNode | null, '', ctx);
  if (ctx.aliases !== undefined) {
    const { offset, count } = ctx.aliases;
    problems.push({
      ...pos(offset),
      rule: 'alias',
      message: `aliases are not allowed (${count} in the file); write each value out in full, or use a profile for shared access`,
    });
  }
  return { parsed: { value, positions: ctx.positions, empty: doc.contents === null }, problems };
}
