// What the runner tells the Action about the run: event, repository, commit, API root, temp dir.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isLoopbackHost } from '../losant/api-url.js';
import { UsageError } from '../model/errors.js';

export interface PullRequestContext {
  number: number;
  /** The head commit of the pull request (GITHUB_SHA is the merge commit on pull_request). */
  headSha: string | undefined;
  /** The head branch lives in another repository: secrets are not given to its workflows. */
  isFork: boolean;
}

export interface GitHubContext {
  /** GITHUB_EVENT_NAME, e.g. pull_request, push, schedule. */
  eventName: string;
  /** GITHUB_REPOSITORY split; undefined outside a runner. */
  repository: { owner: string; repo: string } | undefined;
  /** GITHUB_SHA. */
  sha: string | undefined;
  /** GITHUB_API_URL without a trailing slash (default https://api.github.com). */
  apiUrl: string;
  /** GITHUB_GRAPHQL_URL (default: next to apiUrl, as on github.com and GitHub Enterprise Server). */
  graphqlUrl: string;
  /** The pull request of a pull_request or pull_request_target event. */
  pullRequest: PullRequestContext | undefined;
  /** RUNNER_TEMP (default the system's temp dir): where the JSON plan is written. */
  runnerTemp: string;
  /** A link to this run, for comments; undefined outside a runner. */
  runUrl: string | undefined;
}

const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

interface EventPullRequest {
  number?: unknown;
  head?: { sha?: unknown; repo?: { full_name?: unknown } | null };
  base?: { repo?: { full_name?: unknown } | null };
}

function readEvent(path: string | undefined): { pull_request?: EventPullRequest } {
  if (path === undefined || path === '') return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { pull_request?: EventPullRequest };
  } catch {
    throw new UsageError(
      `the event file GITHUB_EVENT_PATH (${path}) cannot be read as JSON: run the Action on a GitHub runner`,
    );
  }
}

/** A GitHub API root from the runner's environment, without a trailing slash. */
function parseGitHubUrl(name: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${name} ${JSON.stringify(text)} is not a URL`);
  }
  // The github token is sent there: only https, or plain http on this machine (tests).
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new UsageError(
      `${name} ${JSON.stringify(text)} must use https (plain http only on loopback)`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** github.com: api.github.com/graphql; GitHub Enterprise Server: HOST/api/v3 -> HOST/api/graphql. */
function defaultGraphqlUrl(apiUrl: string): string {
  return apiUrl.endsWith('/api/v3')
    ? `${apiUrl.slice(0, -'v3'.length)}graphql`
    : `${apiUrl}/graphql`;
}

function readPullRequest(
  eventName: string,
  event: { pull_request?: EventPullRequest },
): PullRequestContext | undefined {
  const pr = event.pull_request;
  if (!PULL_REQUEST_EVENTS.has(eventName) || pr === undefined) return undefined;
  if (typeof pr.number !== 'number' || !Number.isSafeInteger(pr.number)) return undefined;
  const head = pr.head?.repo?.full_name;
  const base = pr.base?.repo?.full_name;
  return {
    number: pr.number,
    headSha: typeof pr.head?.sha === 'string' ? pr.head.sha : undefined,
    // A deleted fork has no head repo: treat it as a fork, it has no secrets either.
    isFork: typeof head !== 'string' || head !== base,
  };
}

/** Reads the runner's environment once. */
export function readGitHubContext(env: Record<string, string | undefined>): GitHubContext {
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  const [owner, repo] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  const repository = owner && repo ? { owner, repo } : undefined;
  const server = env['GITHUB_SERVER_URL'];
  const runId = env['GITHUB_RUN_ID'];
  const apiUrl = parseGitHubUrl(
    'GITHUB_API_URL',
    env['GITHUB_API_URL']?.trim() || DEFAULT_GITHUB_API_URL,
  );
  return {
    eventName,
    repository,
    sha: env['GITHUB_SHA'] || undefined,
    apiUrl,
    graphqlUrl: parseGitHubUrl(
      'GITHUB_GRAPHQL_URL',
      env['GITHUB_GRAPHQL_URL']?.trim() || defaultGraphqlUrl(apiUrl),
    ),
    pullRequest: readPullRequest(eventName, readEvent(env['GITHUB_EVENT_PATH'])),
    runnerTemp: env['RUNNER_TEMP'] || tmpdir(),
    runUrl:
      server && repository && runId
        ? `${server}/${repository.owner}/${repository.repo}/actions/runs/${runId}`
        : undefined,
  };
}
