// A file that is not a losant-org configuration (a password file, a binary, JSON secrets): said once,
// without quoting any of its content, so that naming the wrong file never prints what is in it.
import type { FileProblem } from './problem.js';

/** A line at the left margin that starts the key version: or org:, quoted or not, or in braces. */
const TOP_LEVEL_KEY = /^(?:\{[ \t]*)?["']?(?:version|org)["']?[ \t]*:/m;

/** For text that does not parse: does it still start a configuration's top-level key somewhere? */
export function looksLikeConfigText(text: string): boolean {
  return TOP_LEVEL_KEY.test(text);
}

/** For a parsed document: a mapping with `version` or `org` at its top. */
export function looksLikeConfigValue(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    ('version' in value || 'org' in value)
  );
}

/** Problems whose message says nothing of the file's content (no key, value, line or character). */
const CONTENT_FREE_RULES = new Set(['too-deep', 'tab-indentation', 'multiple-documents', 'alias']);

/** What is said of a file that is not a configuration: problems that quote nothing, or just that. */
export function notConfigProblems(problems: readonly FileProblem[]): FileProblem[] {
  const kept = problems.filter((p) => CONTENT_FREE_RULES.has(p.rule));
  return kept.length > 0 ? kept : [NOT_A_CONFIG_FILE];
}

const NOT_A_CONFIG_FILE: FileProblem = {
  line: 1,
  col: 1,
  rule: 'not-config',
  message:
    'this is not a losant-org configuration file: it has no version: or org: at its top level, so none of its content is shown; name a configuration file (version: 1 and org: with the id of the organization)',
};
