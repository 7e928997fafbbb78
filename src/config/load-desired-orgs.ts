// The entry point for commands: paths -> every DesiredOrg, with every problem of every file. Files
// that declare the same org id are one org (mergeOrgFiles): each team can own its own file.
import type { DesiredOrg } from '../model/desired-org.js';
import { mergeOrgFiles } from './merge-org-files.js';
import { formatProblem, ConfigError, type Problem } from './problem.js';
import { readConfigFiles } from './read-config-files.js';
import type { ConfigEnv } from './substitute-env.js';
import {
  checkConfigDocument,
  inFile,
  readConfigDocument,
  type ConfigDocument,
} from './validate-config-text.js';

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
  /** The orgs without errors, in the order their first file was given. */
  orgs: DesiredOrg[];
  errors: Problem[];
  warnings: Problem[];
}

/** The documents of each org id (compared without case), in the order their first file was given. */
function groupByOrg(documents: readonly ConfigDocument[]): ConfigDocument[][] {
  const groups = new Map<string, ConfigDocument[]>();
  documents.forEach((document, index) => {
    // A file without an org id (its errors say so) is a group of its own.
    const key = document.orgId?.toLowerCase() ?? `\u0000${index}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [document]);
    else group.push(document);
  });
  return [...groups.values()];
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
  const meaning = options.now === undefined ? {} : { now: options.now };
  const documents = read.files.map(({ file, bytes }) =>
    readConfigDocument(file, bytes, options.env),
  );
  for (const group of groupByOrg(documents)) {
    const [only] = group;
    if (group.length === 1 && only !== undefined) {
      if (only.parsed === undefined) {
        errors.push(...inFile(only.file, only.errors));
        continue;
      }
      const result = checkConfigDocument(only.file, only.parsed, only.errors, meaning);
      errors.push(...result.errors);
      warnings.push(...result.warnings);
      if (result.org !== undefined) orgs.push(result.org);
      continue;
    }
    // An org across several files: each file must be valid on its own before they are merged.
    const broken = group.filter((d) => d.errors.length > 0 || d.parsed === undefined);
    if (broken.length > 0) {
      for (const d of broken) errors.push(...inFile(d.file, d.errors));
      continue;
    }
    const merged = mergeOrgFiles(
      group.map((d) => ({
        file: d.file,
        value: d.parsed?.value,
        positions: d.parsed?.positions ?? new Map(),
      })),
    );
    if (merged.errors.length > 0) {
      errors.push(...inFile(merged.file, merged.errors));
      continue;
    }
    const result = checkConfigDocument(merged.file, merged, [], meaning);
    errors.push(...result.errors);
    warnings.push(...result.warnings);
    if (result.org !== undefined) orgs.push({ ...result.org, files: merged.files });
  }
  return { orgs, errors, warnings };
}
