// The Action's inputs, read once at the edge into one typed settings object; below it, no getInput.
import * as core from '@actions/core';
import { parseApiUrl } from '../losant/api-url.js';
import { UsageError } from '../model/errors.js';
import { readGitHubContext, type GitHubContext } from './github-context.js';

const MODES = ['plan', 'apply', 'drift', 'usage'] as const;
export type Mode = (typeof MODES)[number];

export interface ActionSettings {
  /** `config`: files, directories or globs, split on newlines and commas, as written. */
  config: string[];
  /** `mode`: plan (pull requests), apply (push to the default branch), drift or usage (schedule). */
  mode: Mode;
  /** `api-token`; undefined when empty (a fork's pull request gets no secrets). Masked. */
  apiToken: string | undefined;
  /** `api-url`, validated: https, or http on loopback for the emulator. */
  apiUrl: string;
  /** `github-token`; undefined when empty. Masked. */
  githubToken: string | undefined;
  /** `comment`: post the plan or the results on the pull request. */
  comment: boolean;
  /** `allow-removals`: the override of the maxRemovals guard; undefined when empty. */
  allowRemovals: number | undefined;
  /** `allow-changes`: the override of the maxChanges guard; undefined when empty. */
  allowChanges: number | undefined;
  /** `require-reviewed-plan`: mode apply refuses a plan that was not reviewed on the pull request. */
  requireReviewedPlan: boolean;
  /** `follow-symlinks`: read a config directory's files that are symbolic links to outside it. */
  followSymlinks: boolean;
  /** `warn-at-percent`: mode usage sets near-limit when a figure is at or above this percent of its limit. */
  warnAtPercent: number;
  /** The runner's environment: event, repository, commit, API roots. */
  github: GitHubContext;
  /** The workspace the config paths are relative to. */
  cwd: string;
}

const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];
const MAX_ALLOW_REMOVALS = 1_000_000;
const DEFAULT_WARN_AT_PERCENT = 80;

function readBoolean(name: string, fallback: boolean): boolean {
  const value = core.getInput(name);
  if (value === '') return fallback;
  if (TRUE_VALUES.includes(value)) return true;
  if (FALSE_VALUES.includes(value)) return false;
  throw new UsageError(
    `the input ${name} must be true or false, not ${JSON.stringify(value)}: write ${name}: ${String(fallback)}`,
  );
}

function readMode(): Mode {
  const value = core.getInput('mode');
  if ((MODES as readonly string[]).includes(value)) return value as Mode;
  const hint =
    'plan on pull_request, apply on push to the default branch, drift or usage on a schedule';
  throw new UsageError(
    value === ''
      ? `the input mode is required: write mode: plan, apply, drift or usage (${hint})`
      : `the input mode must be plan, apply, drift or usage, not ${JSON.stringify(value)} (${hint})`,
  );
}

/** `allow-removals` or `allow-changes`: a whole number, or undefined when empty (the policy applies). */
function readAllowance(name: string, policyKey: string): number | undefined {
  const value = core.getInput(name);
  if (value === '') return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > MAX_ALLOW_REMOVALS) {
    throw new UsageError(
      `the input ${name} must be a whole number from 0 to ${MAX_ALLOW_REMOVALS}, not ${JSON.stringify(value)}: write ${name}: 12, or leave it out to keep the file's ${policyKey}`,
    );
  }
  return n;
}

function readWarnAtPercent(): number {
  const value = core.getInput('warn-at-percent');
  if (value === '') return DEFAULT_WARN_AT_PERCENT;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 1000) {
    throw new UsageError(
      `the input warn-at-percent must be a whole number from 1 to 1000, not ${JSON.stringify(value)}: write warn-at-percent: ${DEFAULT_WARN_AT_PERCENT}`,
    );
  }
  return n;
}

function readConfig(): string[] {
  const entries = core
    .getInput('config')
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return entries.length > 0 ? entries : ['losant/'];
}

function readApiUrl(secrets: string[]): string {
  const value = core.getInput('api-url') || 'https://api.losant.com';
  try {
    return parseApiUrl(value, secrets).href;
  } catch (error) {
    // The shared check speaks of the CLI's variable; here the user wrote an input.
    if (error instanceof UsageError) {
      throw new UsageError(
        error.message
          .replaceAll('LOSANT_API_URL', 'the input api-url')
          .replaceAll('LOSANT_API_TOKEN', 'the input api-token')
          .replace('(or leave the input api-url unset)', '(or leave api-url out)'),
      );
    }
    throw error;
  }
}

/** Reads every input once; the tokens are masked before anything else can print them. */
export function readActionSettings(env: Record<string, string | undefined>): ActionSettings {
  const apiToken = core.getInput('api-token');
  const githubToken = core.getInput('github-token');
  if (apiToken !== '') core.setSecret(apiToken);
  if (githubToken !== '') core.setSecret(githubToken);
  return {
    mode: readMode(),
    config: readConfig(),
    apiToken: apiToken === '' ? undefined : apiToken,
    apiUrl: readApiUrl([apiToken, githubToken]),
    githubToken: githubToken === '' ? undefined : githubToken,
    comment: readBoolean('comment', true),
    allowRemovals: readAllowance('allow-removals', 'maxRemovals'),
    allowChanges: readAllowance('allow-changes', 'maxChanges'),
    requireReviewedPlan: readBoolean('require-reviewed-plan', true),
    followSymlinks: readBoolean('follow-symlinks', false),
    warnAtPercent: readWarnAtPercent(),
    github: readGitHubContext(env),
    cwd: env['GITHUB_WORKSPACE'] || process.cwd(),
  };
}
