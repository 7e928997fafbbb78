// The few calls of GitHub's REST API the Action makes, over undici; the token never leaves the headers.
import { request } from 'undici';
import { TOOL_VERSION } from '../core/tool-version.js';
import { GitHubApiError } from './github-api-error.js';

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
  token: string;
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

/** GITHUB_TOKEN cannot call GET /user; its comments are authored by this login. */
export const GITHUB_ACTIONS_LOGIN = 'github-actions[bot]';

const PER_PAGE = 100;
const MAX_PAGES = 100;
const HINTS: Record<number, string> = {
  401: 'the github-token is not valid or has expired; leave github-token out to use the workflow token',
  403: 'the github-token may not do this: give the job `permissions: pull-requests: write` (and `contents: read`), or a token that may write pull-request comments',
  404: 'not found, or the github-token may not see it: check the repository and the job permissions (`pull-requests: write`, `contents: read`)',
};

interface Response<T> {
  status: number;
  body: T;
  next: string | undefined;
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

  /** The token's own login, or undefined when the token may not ask (GITHUB_TOKEN answers 403). */
  async authenticatedLogin(): Promise<string | undefined> {
    const response = await this.call<{ login?: unknown }>(
      'GET',
      `${this.base}/user`,
      undefined,
      [401, 403, 404],
    );
    if (response.status !== 200) return undefined;
    return typeof response.body.login === 'string' ? response.body.login : undefined;
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
    method: string,
    url: string,
    body?: unknown,
    acceptedErrors: readonly number[] = [],
  ): Promise<Response<T>> {
    const timeout = this.options.timeoutMs ?? 30_000;
    let response;
    try {
      response = await request(url, {
        method: method as 'GET' | 'POST' | 'PATCH',
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
    const text = await response.body.text();
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
    const hint =
      HINTS[status] ?? 'run the job again; if it persists, check https://www.githubstatus.com';
    throw new GitHubApiError(
      `GitHub API ${method} ${this.describe(url)} answered ${status}${said === '' ? '' : ` (${JSON.stringify(said)})`}: ${hint}`,
      status,
    );
  }
}
