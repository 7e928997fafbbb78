// A problem found in a configuration file, where it is, and how it is printed.
import { LosantOrgError } from '../model/errors.js';

/** One error or warning: 1-based line and column in `file`, a message that says what to write instead. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
  /** A stable name of the check that found it, e.g. 'unknown-key' or 'duplicate-email'. */
  rule: string;
}

/**
 * A problem found while checking one file's content, before the file name is attached. `file` is set
 * only when the check ran over an org declared across several files and the problem is in another one.
 */
export type FileProblem = Omit<Problem, 'file'> & { file?: string };

export interface ConfigProblems {
  errors: Problem[];
  warnings: Problem[];
}

export type Severity = 'error' | 'warning';

/** `file:line:col: error: message`, the format editors and CI annotations understand. */
export function formatProblem(problem: Problem, severity: Severity = 'error'): string {
  return `${problem.file}:${problem.line}:${problem.col}: ${severity}: ${problem.message}`;
}

/** Problems in reading order: by file, line, column. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col,
  );
}

/** The configuration has errors; the message lists every one of them, one per line. */
export class ConfigError extends LosantOrgError {
  readonly kind = 'config';
  override readonly name = 'ConfigError';
  readonly errors: Problem[];
  readonly warnings: Problem[];

  constructor(problems: ConfigProblems) {
    const count = problems.errors.length;
    const lines = problems.errors.map((p) => formatProblem(p, 'error'));
    super(
      `the configuration has ${count} ${count === 1 ? 'error' : 'errors'}; fix ${count === 1 ? 'it' : 'them'} and run again (losant-org validate shows the same list):\n${lines.join('\n')}`,
    );
    this.errors = problems.errors;
    this.warnings = problems.warnings;
  }
}
