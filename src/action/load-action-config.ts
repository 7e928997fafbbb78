// The `config` input -> declared orgs; every problem becomes an annotation on its file, line and column.
import { relative, resolve, sep } from 'node:path';
import * as core from '@actions/core';
import { loadDesiredOrgs } from '../config/load-desired-orgs.js';
import { formatProblem, sortProblems, type Problem } from '../config/problem.js';
import type { DesiredOrg } from '../model/desired-org.js';
import { printableLines } from '../plan/printable-text.js';
import { ActionFailure } from './action-failure.js';
import { expandConfigPaths } from './expand-config-paths.js';
import { appendJobSummary } from './job-summary.js';

/** Annotations need the path from the repository root, with forward slashes. */
function annotationPath(file: string, cwd: string): string {
  return relative(cwd, resolve(cwd, file)).split(sep).join('/');
}

function annotate(problem: Problem, cwd: string, severity: 'error' | 'warning'): void {
  const properties = {
    title: `losant-org: ${problem.rule}`,
    file: annotationPath(problem.file, cwd),
    startLine: problem.line,
    startColumn: problem.col,
  };
  // Config messages quote the file's keys and values: shown escaped, as every annotation is.
  const message = printableLines(problem.message);
  if (severity === 'error') core.error(message, properties);
  else core.warning(message, properties);
}

/** Loads every file; with any error, annotates them all and fails with config-invalid. */
export async function loadActionConfig(
  entries: readonly string[],
  options: { cwd: string; env: Record<string, string | undefined>; followSymlinks: boolean },
): Promise<DesiredOrg[]> {
  const { followSymlinks } = options;
  const paths = await expandConfigPaths(entries, options.cwd, { followSymlinks });
  const result = await loadDesiredOrgs(paths, {
    env: options.env,
    cwd: options.cwd,
    now: Date.now(),
    followSymlinks,
  });
  for (const warning of sortProblems(result.warnings)) annotate(warning, options.cwd, 'warning');
  if (result.errors.length === 0) return result.orgs;

  const errors = sortProblems(result.errors);
  for (const problem of errors) annotate(problem, options.cwd, 'error');
  const count = errors.length;
  const listed = errors.map((p) => formatProblem(p, 'error'));
  await appendJobSummary(
    `### losant-org: the configuration has ${count} ${count === 1 ? 'error' : 'errors'}\n\n` +
      `\`\`\`\n${listed.join('\n').replaceAll('```', "'''")}\n\`\`\`\n`,
  );
  const annotated =
    count === 1
      ? '1 error, annotated on its line; fix it'
      : `${count} errors, annotated on their lines; fix them`;
  throw new ActionFailure(
    'config-invalid',
    `the configuration has ${annotated} and push again (losant-org validate ${entries.join(' ')} shows the same list):\n${listed.join('\n')}`,
  );
}
