// The declared orgs of the given files and directories, or a ConfigError listing every problem.
import { loadDesiredOrgs } from '../config/load-desired-orgs.js';
import { ConfigError, formatProblem } from '../config/problem.js';
import type { DesiredOrg } from '../model/desired-org.js';

export interface LoadIo {
  env: Record<string, string | undefined>;
  cwd: string;
  stderr: { write(text: string): unknown };
  /** Now, in ms since the epoch: an `expires` already past is warned about. */
  now?: number;
  /** --follow-symlinks: read a directory's files that are links to outside it. */
  followSymlinks?: boolean;
}

/** Warnings go to stderr; any error stops the command before the API is called. */
export async function loadDesiredOrThrow(paths: string[], io: LoadIo): Promise<DesiredOrg[]> {
  const result = await loadDesiredOrgs(paths, {
    env: io.env,
    cwd: io.cwd,
    ...(io.now === undefined ? {} : { now: io.now }),
    followSymlinks: io.followSymlinks === true,
  });
  for (const warning of result.warnings) io.stderr.write(`${formatProblem(warning, 'warning')}\n`);
  if (result.errors.length > 0) throw new ConfigError(result);
  return result.orgs;
}
