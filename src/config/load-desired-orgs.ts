// The entry point for commands: paths -> every DesiredOrg, with every problem of every file.
import type { DesiredOrg } from '../model/desired-org.js';
import { formatProblem, ConfigError, type Problem } from './problem.js';
import { readConfigFiles } from './read-config-files.js';
import type { ConfigEnv } from './substitute-env.js';
import { validateConfigText } from './validate-config-text.js';

export { ConfigError, formatProblem };
export type { Problem };

export interface LoadOptions {
  /** The environment for `${VAR}` substitution (the CLI passes process.env, tests pass their own). */
  env: ConfigEnv;
  /** Relative paths are resolved against it; problems name files as they were given. */
  cwd: string;
  /** Now, in ms since the epoch (the caller reads the clock): warns about an `expires` already past. */
  now?: number;
  /** Read a directory's files that are symbolic links to outside it (refused by default). */
  followSymlinks?: boolean;
}

export interface LoadedConfig {
  /** The orgs of the files without errors, in the order the files were given. */
  orgs: DesiredOrg[];
  errors: Problem[];
  warnings: Problem[];
}

/** Loads and validates every file; callers throw `new ConfigError(result)` when `errors` is not empty. */
export async function loadDesiredOrgs(
  paths: readonly string[],
  options: LoadOptions,
): Promise<LoadedConfig> {
  const read = await readConfigFiles(paths, options.cwd, {
    followSymlinks: options.followSymlinks === true,
  });
  const errors: Problem[] = [...read.errors];
  const warnings: Problem[] = [];
  const orgs: DesiredOrg[] = [];
  const declaredAt = new Map<string, string>();
  for (const { file, bytes } of read.files) {
    const result = validateConfigText(
      file,
      bytes,
      options.env,
      options.now === undefined ? {} : { now: options.now },
    );
    errors.push(...result.errors);
    warnings.push(...result.warnings);
    if (result.org === undefined || result.orgIdAt === undefined) continue;
    const { line, col } = result.orgIdAt;
    const first = declaredAt.get(result.org.orgId);
    if (first !== undefined) {
      errors.push({
        file,
        line,
        col,
        rule: 'duplicate-org',
        message: `org ${result.org.orgId} is also declared in ${first}; each org must be declared in exactly one file`,
      });
      continue;
    }
    declaredAt.set(result.org.orgId, `${file}:${line}:${col}`);
    orgs.push(result.org);
  }
  return { orgs, errors, warnings };
}
