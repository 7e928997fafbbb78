// The runner's environment as the Action reads it: API roots (github.com and Enterprise Server), forks.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readGitHubContext } from '../../src/action/github-context.js';

async function eventFile(event: unknown): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'losant-org-event-')), 'event.json');
  await writeFile(path, JSON.stringify(event), 'utf8');
  return path;
}

describe('readGitHubContext', () => {
  test('github.com: the API and GraphQL roots default to api.github.com', () => {
    const context = readGitHubContext({});
    expect([context.apiUrl, context.graphqlUrl]).toEqual([
      'https://api.github.com',
      'https://api.github.com/graphql',
    ]);
  });

  test('GitHub Enterprise Server: GraphQL sits next to /api/v3 unless the runner names it', () => {
    const derived = readGitHubContext({ GITHUB_API_URL: 'https://ghe.example/api/v3/' });
    const named = readGitHubContext({
      GITHUB_API_URL: 'https://ghe.example/api/v3',
      GITHUB_GRAPHQL_URL: 'https://ghe.example/api/graphql',
    });
    expect([derived.apiUrl, derived.graphqlUrl]).toEqual([
      'https://ghe.example/api/v3',
      'https://ghe.example/api/graphql',
    ]);
    expect(named.graphqlUrl).toBe('https://ghe.example/api/graphql');
  });

  test('an API root that would send the token in clear text is refused', () => {
    expect(() =>
      readGitHubContext({ GITHUB_GRAPHQL_URL: 'http://ghe.example/api/graphql' }),
    ).toThrow(
      'GITHUB_GRAPHQL_URL "http://ghe.example/api/graphql" must use https (plain http only on loopback)',
    );
  });

  test("a pull request whose head is another repository, or a deleted one, is a fork's", async () => {
    const pullRequest = (head: unknown) => ({
      pull_request: {
        number: 7,
        head: { sha: 'abc', repo: head },
        base: { repo: { full_name: 'acme/access' } },
      },
    });
    const contexts = await Promise.all(
      [{ full_name: 'acme/access' }, { full_name: 'stranger/access' }, null].map(async (head) =>
        readGitHubContext({
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: await eventFile(pullRequest(head)),
        }),
      ),
    );
    expect(contexts.map((c) => c.pullRequest)).toEqual([
      { number: 7, headSha: 'abc', isFork: false },
      { number: 7, headSha: 'abc', isFork: true },
      { number: 7, headSha: 'abc', isFork: true },
    ]);
  });
});
