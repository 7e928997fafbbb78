// The few calls of GitHub's API the Action makes, over undici; the token never leaves the headers.
import { request } from 'undici';
import { TOOL_VERSION } from '../core/tool-version.js';
import { GitHubApiError } from './github-api-error.js';
import type { ActionSettings } from './inputs.js';

export interface IssueComment {
  id: number;
  body: string;
  /** The author; null for a deleted account. */
  user: { login: string } | null;
  html_url?: string;
}

export interface CommitPullRequest {
  number: number;
  state: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
  html_url?: string;
}

export interface GitHubClientOptions {
  /** GITHUB_API_URL, e.g. https://api.github.com or http://127.0.0.1:PORT in tests. */
  apiUrl: string;
  /** GITHUB_GRAPHQL_URL, e.g. https://api.github.com/graphql. */
  graphqlUrl: string;
  token: string;
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

const PER_PAGE = 100;
const MAX_PAGES = 100;
const HINTS: Record<number, string> = {
  401: 'the github-token is not valid or has expired: leave github-token out to use the workflow token, or renew the token in the secret',
  403: 'the github-token may not do this: with the workflow token, give the job `permissions: pull-requests: write` (and `contents: read`); with a personal access token, give it access to this repository (fine-grained: "Pull requests: Read and write"; classic: the repo scope)',
  404: 'not found, or the github-token may not see it: check the repository name, and that the token may read it (the workflow token needs `permissions: contents: read` and `pull-requests: write`; a personal access token needs access to this repository)',
};
const RATE_LIMITED_HINT =
  'the github-token hit a GitHub API rate limit: wait for it to reset, then re-run the job';

interface Response<T> {
  status: number;
  body: T;
  next: string | undefined;
}

type Headers = Record<string, string | string[] | undefined>;

/** GitHub answers 403 (or 429) both for a missing permission and for a rate limit; the fix differs. */
function isRateLimited(status: number, headers: Headers, message: string): boolean {
  if (status === 429) return true;
  return (
    status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message))
  );
}

/** The `rel="next"` link of a paginated answer. */
function nextLink(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of text.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

export class GitHubClient {
  private readonly origin: string;
  private readonly base: string;

  constructor(private readonly options: GitHubClientOptions) {
    const url = new URL(options.apiUrl);
    this.origin = url.origin;
    this.base = options.apiUrl.replace(/\/+$/, '');
  }

  /**
   * The login the token writes comments as. A person's token answers GET /user; an installation
   * token (the workflow's GITHUB_TOKEN: github-actions[bot], or a GitHub App's: <app>[bot]) may
   * not call it, but GraphQL's `viewer` names it.
   */
  async authenticatedLogin(): Promise<string> {
    const user = await this.call<{ login?: unknown }>('GET', `${this.base}/user`, undefined, [403]);
    if (user.status === 200 && typeof user.body.login === 'string') return user.body.login;
    const viewer = await this.call<{ data?: { viewer?: { login?: unknown } } }>(
      'POST',
      this.options.graphqlUrl,
      { query: 'query { viewer { login } }' },
    );
    const login = viewer.body.data?.viewer?.login;
    if (typeof login === 'string' && login !== '') return login;
    throw new GitHubApiError(
      `GitHub API POST ${this.describe(this.options.graphqlUrl)} did not name the github-token's user, which is needed to find the Action's own comment: check GITHUB_GRAPHQL_URL and the github-token`,
    );
  }

  /** Every comment of an issue or pull request, oldest first, following `Link: rel="next"`. */
  async listIssueComments(owner: string, repo: string, issue: number): Promise<IssueComment[]> {
    return this.listAll<IssueComment>(
      `${this.repoPath(owner, repo)}/issues/${issue}/comments?per_page=${PER_PAGE}`,
    );
  }

  async createIssueComment(
    owner: string,
    repo: string,
    issue: number,
    body: string,
  ): Promise<IssueComment> {
    const url = `${this.repoPath(owner, repo)}/issues/${issue}/comments`;
    return (await this.call<IssueComment>('POST', url, { body })).body;
  }

  async updateIssueComment(
    owner: string,
    repo: string,
    commentId: number,
    body: string,
  ): Promise<IssueComment> {
    const url = `${this.repoPath(owner, repo)}/issues/comments/${commentId}`;
    return (await this.call<IssueComment>('PATCH', url, { body })).body;
  }

  /** The pull requests that contain a commit (for a merge commit: the one it merged). */
  async listPullRequestsOfCommit(
    owner: string,
    repo: string,
    sha: string,
  ): Promise<CommitPullRequest[]> {
    return this.listAll<CommitPullRequest>(
      `${this.repoPath(owner, repo)}/commits/${encodeURIComponent(sha)}/pulls?per_page=${PER_PAGE}`,
    );
  }

  private repoPath(owner: string, repo: string): string {
    return `${this.base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  }

  private async listAll<T>(firstUrl: string): Promise<T[]> {
    const all: T[] = [];
    let url: string | undefined = firstUrl;
    for (let page = 0; url !== undefined && page < MAX_PAGES; page += 1) {
      const response: Response<T[]> = await this.call<T[]>('GET', url);
      if (!Array.isArray(response.body)) {
        throw new GitHubApiError(`GitHub API GET ${this.describe(url)} did not answer a list`);
      }
      all.push(...response.body);
      // The token is only ever sent to the configured API root.
      url =
        response.next !== undefined && new URL(response.next).origin === this.origin
          ? response.next
          : undefined;
    }
    return all;
  }

  /** The path of a URL for messages (no query: nothing secret is ever in one, but keep it short). */
  private describe(url: string): string {
    return new URL(url).pathname;
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: unknown,
    acceptedErrors: readonly number[] = [],
  ): Promise<Response<T>> {
    const timeout = this.options.timeoutMs ?? 30_000;
    let response;
    try {
      response = await request(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${this.options.token}`,
          'user-agent': `losant-org/${TOOL_VERSION}`,
          'x-github-api-version': '2022-11-28',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new GitHubApiError(
        `GitHub API ${method} ${this.describe(url)} could not be reached (${typeof code === 'string' ? code : 'network error'}); check GITHUB_API_URL and run the job again`,
      );
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new GitHubApiError(
        `GitHub API ${method} ${this.describe(url)}: the answer was cut off (${typeof code === 'string' ? code : 'network error'}); run the job again`,
      );
    }
    const status = response.statusCode;
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (status >= 200 && status < 300) {
      return { status, body: parsed as T, next: nextLink(response.headers['link']) };
    }
    if (acceptedErrors.includes(status)) return { status, body: {} as T, next: undefined };
    const said =
      typeof (parsed as { message?: unknown } | undefined)?.message === 'string'
        ? (parsed as { message: string }).message
            .slice(0, 300)
            .replaceAll(this.options.token, '[REDACTED]')
        : '';
    const hint = isRateLimited(status, response.headers, said)
      ? RATE_LIMITED_HINT
      : (HINTS[status] ?? 'run the job again; if it persists, check https://www.githubstatus.com');
    throw new GitHubApiError(
      `GitHub API ${method} ${this.describe(url)} answered ${status}${said === '' ? '' : ` (${JSON.stringify(said)})`}: ${hint}`,
      status,
    );
  }
}

/** The client for the inputs' github-token and the runner's API roots; undefined without a token. */
export function openGitHubClient(settings: ActionSettings): GitHubClient | undefined {
  if (settings.githubToken === undefined) return undefined;
  const { apiUrl, graphqlUrl } = settings.github;
  return new GitHubClient({ apiUrl, graphqlUrl, token: settings.githubToken });
}
