// A small local fake of GitHub's API: issue comments, GET /user, GraphQL viewer, the pull requests of a commit.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string };
  html_url: string;
}

export interface FakePull {
  number: number;
  state: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
}

export interface FakeRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/**
 * Whose token it is. A person's token (a PAT) answers GET /user; an installation token (the
 * workflow's GITHUB_TOKEN as github-actions[bot], a GitHub App's as <app>[bot]) gets 403 there and
 * is named only by GraphQL's `viewer`.
 */
export interface FakeTokenOwner {
  login: string;
  kind: 'user' | 'installation';
}

export const WORKFLOW_TOKEN_OWNER: FakeTokenOwner = {
  login: 'github-actions[bot]',
  kind: 'installation',
};

export interface FakeGitHubOptions {
  /** The only token accepted (401 otherwise). */
  token: string;
  tokenOwner: FakeTokenOwner;
  owner?: string;
  repo?: string;
}

export interface FakeGitHub {
  url: string;
  comments: FakeComment[];
  /** Commit sha -> the pull requests GET /repos/{o}/{r}/commits/{sha}/pulls answers. */
  pullsOfCommit: Map<string, FakePull[]>;
  requests: FakeRequest[];
  /** Comment writes answer 403, as for a workflow without `permissions: pull-requests: write`. */
  readOnly: boolean;
  /** What the 403 of a read-only token says (GitHub's words are data from outside too). */
  readOnlyMessage: string;
  /** Adds a comment as someone else would have written it. */
  addComment(issue: number, body: string, login: string): FakeComment;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'access';
  const comments: FakeComment[] = [];
  const pullsOfCommit = new Map<string, FakePull[]>();
  const requests: FakeRequest[] = [];
  let nextId = 1000;
  let baseUrl = '';
  const author = options.tokenOwner.login;

  const addComment = (issue: number, body: string, login: string): FakeComment => {
    nextId += 1;
    const comment = {
      id: nextId,
      issue,
      body,
      user: { login },
      html_url: `https://github.example/${owner}/${repo}/pull/${issue}#issuecomment-${nextId}`,
    };
    comments.push(comment);
    return comment;
  };
  const publicComment = (c: FakeComment): Omit<FakeComment, 'issue'> => ({
    id: c.id,
    body: c.body,
    user: c.user,
    html_url: c.html_url,
  });

  const fake: FakeGitHub = {
    url: '',
    comments,
    pullsOfCommit,
    requests,
    readOnly: false,
    readOnlyMessage: 'Resource not accessible by integration',
    addComment,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      const body = await readJson(req);
      const method = req.method ?? 'GET';
      requests.push({ method, path: url.pathname, authorization: req.headers.authorization, body });
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        send(res, 401, { message: 'Bad credentials' });
        return;
      }
      const repoPrefix = `/repos/${owner}/${repo}`;
      const path = url.pathname;
      if (method === 'GET' && path === '/user') {
        if (options.tokenOwner.kind === 'installation')
          send(res, 403, { message: 'Resource not accessible by integration' });
        else send(res, 200, { login: author, id: 1 });
        return;
      }
      if (method === 'POST' && path === '/graphql') {
        const query = (body as { query?: unknown } | undefined)?.query;
        if (query === 'query { viewer { login } }') {
          send(res, 200, { data: { viewer: { login: author } } });
        } else {
          send(res, 200, { errors: [{ message: 'this fake answers only the viewer query' }] });
        }
        return;
      }
      if (fake.readOnly && method !== 'GET') {
        send(res, 403, { message: fake.readOnlyMessage });
        return;
      }
      let match = new RegExp(`^${repoPrefix}/issues/(\\d+)/comments$`).exec(path);
      if (match !== null) {
        const issue = Number(match[1]);
        if (method === 'GET') {
          const perPage = Number(url.searchParams.get('per_page') ?? '30');
          const page = Number(url.searchParams.get('page') ?? '1');
          const all = comments.filter((c) => c.issue === issue);
          const slice = all.slice((page - 1) * perPage, page * perPage);
          const headers: Record<string, string> = {};
          if (page * perPage < all.length) {
            headers['link'] =
              `<${baseUrl}${path}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
          }
          send(res, 200, slice.map(publicComment), headers);
          return;
        }
        if (method === 'POST') {
          const text = (body as { body?: unknown } | undefined)?.body;
          if (typeof text !== 'string') {
            send(res, 422, { message: 'body is required' });
            return;
          }
          send(res, 201, publicComment(addComment(issue, text, author)));
          return;
        }
      }
      match = new RegExp(`^${repoPrefix}/issues/comments/(\\d+)$`).exec(path);
      if (match !== null && method === 'PATCH') {
        const comment = comments.find((c) => c.id === Number(match?.[1]));
        const text = (body as { body?: unknown } | undefined)?.body;
        if (comment === undefined) {
          send(res, 404, { message: 'Not Found' });
        } else if (comment.user.login !== author) {
          send(res, 403, { message: 'You cannot edit this comment' });
        } else if (typeof text !== 'string') {
          send(res, 422, { message: 'body is required' });
        } else {
          comment.body = text;
          send(res, 200, publicComment(comment));
        }
        return;
      }
      match = new RegExp(`^${repoPrefix}/commits/([0-9a-f]+)/pulls$`).exec(path);
      if (match !== null && method === 'GET') {
        send(res, 200, pullsOfCommit.get(match[1] ?? '') ?? []);
        return;
      }
      send(res, 404, { message: 'Not Found' });
    })().catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = baseUrl;
  return fake;
}
