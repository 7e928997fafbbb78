// Reads a --state file (YAML, or JSON which is YAML too) and checks it, naming file:line:col of each problem.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, visit } from 'yaml';
import type { Document } from 'yaml';
import { SeedError } from './emulator-errors.js';
import type { EmulatorSeed } from './emulator-seed.js';
import { formatPath } from './schema-validator.js';
import type { SchemaProblem } from './schema-validator.js';
import { checkSeed } from './validate-seed.js';

const WHAT_TO_DO =
  'A state file has users: [{ id, email, firstName?, lastName? }], tokens?: [{ token, userId, scopes }] and ' +
  'orgs: [{ id, name, members: [{ userId, role }], invites?: [...] }]; ids are 24 hex characters.';

export async function loadSeedFile(file: string): Promise<EmulatorSeed> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SeedError(
      `${file}: cannot read the emulator state file (${reason}); check the --state path.`,
    );
  }
  return parseSeed(text, file);
}

/** Parses and checks seed text; `file` is only used in messages. */
export function parseSeed(text: string, file: string): EmulatorSeed {
  // JSON.parse reads a large generated .json seed many times faster than the YAML parser; anything it
  // refuses, and any seed with problems, goes through the YAML path, which locates them at file:line:col.
  if (file.toLowerCase().endsWith('.json')) {
    const value = parseJsonOrUndefined(text);
    if (value !== undefined && checkSeed(value).length === 0) return value as EmulatorSeed;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return `${file}:${pos.line}:${pos.col}: ${e.message.split('\n')[0] ?? e.message}`;
    });
    throw new SeedError(`${lines.join('\n')}\nThe emulator state file is not valid YAML or JSON.`);
  }
  const value = seedValue(doc, lineCounter, file);
  const problems = checkSeed(value);
  if (problems.length > 0) {
    const lines = problems.map((p) => `${locate(doc, lineCounter, p, file)}: ${describe(p)}`);
    throw new SeedError(`${lines.join('\n')}\n${WHAT_TO_DO}`);
  }
  return value as EmulatorSeed;
}

/** The document as plain data; aliases that cannot be expanded (a bomb) are the file's problem, at the first alias. */
function seedValue(doc: Document, lineCounter: LineCounter, file: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const pos = lineCounter.linePos(offset);
    throw new SeedError(
      `${file}:${pos.line}:${pos.col}: ${error.message}; write the values out in full instead of aliases (*name).\n${WHAT_TO_DO}`,
    );
  }
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describe(problem: SchemaProblem): string {
  const hint = problem.message === 'must be string' ? ' (put it in quotes)' : '';
  return `${formatPath('', problem.path)} ${problem.message}${hint}`;
}

/** file:line:col of the deepest node on the problem's path that exists in the document. */
function locate(
  doc: Document,
  lineCounter: LineCounter,
  problem: SchemaProblem,
  file: string,
): string {
  for (let depth = problem.path.length; depth >= 0; depth -= 1) {
    const node: unknown = doc.getIn(problem.path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range !== undefined) {
      const pos = lineCounter.linePos(range[0]);
      return `${file}:${pos.line}:${pos.col}`;
    }
  }
  return `${file}:1:1`;
}
