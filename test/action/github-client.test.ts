// The GitHub client's failures: every one is a GitHubApiError, including an answer cut off midway.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../src/action/github-api-error.js';
import { GitHubClient } from '../../src/action/github-client.js';

const TOKEN = 'ghp_secret0123456789abcdef0123456789abcd';
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) =>
    server === undefined ? resolve() : server.close(() => resolve()),
  );
  server = undefined;
});

/** A server that starts a 201 answer and drops the connection before its body ends. */
async function cutOffServer(): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"id": 1, "html_url": "https://github.example/');
      setTimeout(() => res.socket?.destroy(), 10);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('GitHubClient', () => {
  it('an answer cut off midway is a GitHubApiError that names the call, never the token', async () => {
    const url = await cutOffServer();
    const client = new GitHubClient({ apiUrl: url, graphqlUrl: `${url}/graphql`, token: TOKEN });

    const error = await client.createIssueComment('acme', 'access', 12, 'results').then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(GitHubApiError);
    const message = (error as GitHubApiError).message;
    expect(message).toMatch(
      /^GitHub API POST \/repos\/acme\/access\/issues\/12\/comments: the answer was cut off \([A-Z_]+\); run the job again$/,
    );
    expect(message).not.toContain(TOKEN);
  });
});
