// losant-org validate <files|dirs...> [--format text|json]: checks configuration files; no token, no network.
import { formatProblem, loadDesiredOrgs } from '../config/load-desired-orgs.js';
import { UsageError } from '../model/errors.js';
import type { Command } from './io.js';

type Format = 'text' | 'json';

interface ValidateArgs {
  paths: string[];
  format: Format;
}

function parseValidateArgs(args: readonly string[]): ValidateArgs {
  const paths: string[] = [];
  let format: Format = 'text';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') {
        throw new UsageError(`validate: --format must be text or json, not '${value ?? ''}'`);
      }
      format = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(
        `validate: unknown option '${arg}'; usage: losant-org validate <files|dirs...> [--format text|json]`,
      );
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) {
    throw new UsageError(
      'validate needs at least one configuration file or directory, e.g. losant-org validate examples/',
    );
  }
  return { paths, format };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export const validateCommand: Command = async (args, io) => {
  const { paths, format } = parseValidateArgs(args);
  const { orgs, errors, warnings } = await loadDesiredOrgs(paths, { env: io.env, cwd: io.cwd });
  if (format === 'json') {
    const report = {
      valid: errors.length === 0,
      errors,
      warnings,
      orgs: orgs.map((o) => ({ file: o.file, orgId: o.orgId, members: o.members?.length ?? null })),
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
    io.stdout.write(`${org.file}: ok (org ${org.orgId}, ${members})\n`);
  }
  if (errors.length === 0) return 0;
  const files = new Set(errors.map((e) => e.file)).size;
  io.stderr.write(`${plural(errors.length, 'error')} in ${plural(files, 'file')}\n`);
  return 1;
};
