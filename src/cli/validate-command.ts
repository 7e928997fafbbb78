// losant-org validate <files|dirs...> [--format text|json]: checks configuration files; no token, no network.
import { formatProblem, loadDesiredOrgs } from '../config/load-desired-orgs.js';
import { describeOrgFiles } from '../plan/describe-operation.js';
import { UsageError } from '../model/errors.js';
import { VALIDATE } from './validate-options.js';
import type { Command } from './io.js';
import { parseCommandArgs } from './parse-command-args.js';

const FORMATS = ['text', 'json'] as const;

function parseValidateArgs(args: readonly string[]): {
  paths: string[];
  format: 'text' | 'json';
  followSymlinks: boolean;
} {
  const { values, positionals } = parseCommandArgs(VALIDATE, args);
  const format = values.format ?? 'text';
  // Not cli-options' parseChoice: that module brings the HTTP client, which validate never needs.
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${format}'`);
  }
  if (positionals.length === 0) {
    throw new UsageError(
      'validate needs at least one configuration file or directory, e.g. losant-org validate examples/',
    );
  }
  return { paths: positionals, format, followSymlinks: values['follow-symlinks'] === true };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export const validateCommand: Command = async (args, io) => {
  const { paths, format, followSymlinks } = parseValidateArgs(args);
  const { orgs, errors, warnings } = await loadDesiredOrgs(paths, {
    env: io.env,
    cwd: io.cwd,
    now: Date.now(),
    followSymlinks,
  });
  if (format === 'json') {
    const report = {
      valid: errors.length === 0,
      errors,
      warnings,
      orgs: orgs.map((o) => ({
        file: o.file,
        ...(o.files === undefined ? {} : { files: o.files }),
        orgId: o.orgId,
        members: o.members?.length ?? null,
      })),
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return errors.length === 0 ? 0 : 1;
  }
  for (const warning of warnings) io.stderr.write(`${formatProblem(warning, 'warning')}\n`);
  for (const error of errors) io.stderr.write(`${formatProblem(error, 'error')}\n`);
  // Files without errors are reported too, so that one bad file does not hide which ones are fine.
  for (const org of orgs) {
    const members =
      org.members === undefined ? 'members not managed' : plural(org.members.length, 'member');
    // An org across several files is one org: its files are named together.
    const many = org.files === undefined ? '' : `, ${plural(org.files.length, 'file')}`;
    io.stdout.write(`${describeOrgFiles(org)}: ok (org ${org.orgId}, ${members}${many})\n`);
  }
  if (errors.length === 0) return 0;
  const files = new Set(errors.map((e) => e.file)).size;
  io.stderr.write(`${plural(errors.length, 'error')} in ${plural(files, 'file')}\n`);
  return 1;
};
