// The Action's review gate in process, against the local fake of GitHub: which pull request, which
// comment and which hash count as the reviewed plan (find-reviewed-plan.ts, plan-comment.ts).
import { afterEach, describe, expect, it } from 'vitest';
import {
  findReviewedPlan,
  isReviewedPlan,
  mergedPullRequest,
} from '../../src/action/find-reviewed-plan.js';
import { GitHubClient } from '../../src/action/github-client.js';
import { findPlanComment, upsertPlanComment } from '../../src/action/plan-comment.js';
import { applyMarker } from '../../src/action/render-apply-results.js';
import { startFakeGitHub, type FakeGitHub, type FakePull } from './fake-github.js';

const TOKEN = 'ghs_reviewGateTestToken0123456789';
const ME = 'acme-access[bot]';
const OTHER = 'github-actions[bot]';
const REPO = { owner: 'acme', repo: 'access' };
const SHA = '3'.repeat(40);
const ORG_A = '6650f0c1a2b3c4d5e6f70801';
const ORG_B = '6650f0c1a2b3c4d5e6f70802';
const HASH = (c: string): string => c.repeat(64);

function marker(orgIds: string[], hash: string): string {
  return `<!-- losant-org:plan org=${[...orgIds].sort().join(',')} hash=${hash} -->\n### plan`;
}

function merged(number: number, mergeSha: string | null): FakePull {
  return { number, state: 'closed', merged_at: '2025-06-01T12:00:00Z', merge_commit_sha: mergeSha };
}

let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

async function start(): Promise<{ fake: FakeGitHub; client: GitHubClient }> {
  github = await startFakeGitHub({ token: TOKEN, tokenOwner: { login: ME, kind: 'installation' } });
  const client = new GitHubClient({
    apiUrl: github.url,
    graphqlUrl: `${github.url}/graphql`,
    token: TOKEN,
  });
  return { fake: github, client };
}

describe('mergedPullRequest', () => {
  it('a pull request that was never merged is not the reviewed one', () => {
    expect(
      mergedPullRequest(
        [{ number: 1, state: 'closed', merged_at: null, merge_commit_sha: SHA }],
        SHA,
      ),
    ).toBe(undefined);
    expect(
      mergedPullRequest(
        [{ number: 1, state: 'open', merged_at: null, merge_commit_sha: null }],
        SHA,
      ),
    ).toBe(undefined);
  });

  it('prefers the pull request whose merge commit this is; else any merged one', () => {
    const pulls = [merged(1, '4'.repeat(40)), merged(2, SHA), merged(3, null)];
    expect(mergedPullRequest(pulls, SHA)?.number).toBe(2);
    expect(mergedPullRequest(pulls, '5'.repeat(40))?.number).toBe(1);
    expect(mergedPullRequest([], SHA)).toBe(undefined);
  });
});

describe('findPlanComment', () => {
  const comment = (id: number, login: string, body: string) => ({
    id,
    body,
    user: { login },
    html_url: `https://github.example/c/${id}`,
  });

  it("takes only the author's own comment, even when another author's marker comes first", () => {
    const comments = [
      comment(1, OTHER, marker([ORG_A], HASH('a'))),
      comment(2, ME, marker([ORG_A], HASH('b'))),
    ];
    const found = findPlanComment(comments, ME, [ORG_A]);
    expect(found?.comment.id).toBe(2);
    expect(found?.marker.hash).toBe(HASH('b'));
    expect(findPlanComment([comments[0] as (typeof comments)[number]], ME, [ORG_A])).toBe(
      undefined,
    );
  });

  it('prefers the comment for exactly these orgs, in any order; else the oldest naming one of them', () => {
    const comments = [
      comment(1, ME, 'no marker here'),
      comment(2, ME, marker([ORG_B, '6650f0c1a2b3c4d5e6f70899'], HASH('c'))),
      comment(3, ME, marker([ORG_A, ORG_B], HASH('d'))),
      comment(4, ME, marker([ORG_A, ORG_B], HASH('e'))),
    ];
    expect(findPlanComment(comments, ME, [ORG_B, ORG_A])?.comment.id).toBe(3);
    expect(findPlanComment(comments, ME, [ORG_B])?.comment.id).toBe(2);
    expect(findPlanComment(comments, ME, ['6650f0c1a2b3c4d5e6f70877'])).toBe(undefined);
    expect(findPlanComment([comment(1, ME, 'x')], ME, [ORG_A])).toBe(undefined);
  });
});

describe('comments of a deleted account (user null)', () => {
  it('are neither our plan comment nor our results', async () => {
    const ghost = { id: 1, body: marker([ORG_A], HASH('a')), user: null };
    expect(findPlanComment([ghost], ME, [ORG_A])).toBe(undefined);
    const { fake, client } = await start();
    fake.pullsOfCommit.set(SHA, [merged(7, SHA)]);
    const ours = fake.addComment(7, marker([ORG_A], HASH('b')), ME);
    fake.addComment(7, `${applyMarker(HASH('b'), HASH('c'))}\nresults`, ME);
    fake.addComment(7, `${applyMarker(HASH('b'), HASH('d'))}\nforged`, 'ghost');
    const deleted = fake.comments.at(-1);
    if (deleted !== undefined) (deleted as { user: unknown }).user = null;

    const lookup = await findReviewedPlan(client, REPO, SHA, [ORG_A]);

    expect(lookup).toEqual({
      found: true,
      plan: {
        pullRequest: 7,
        hash: HASH('b'),
        remainingHashes: [HASH('c')],
        commentUrl: ours.html_url,
      },
    });
  });
});

describe('upsertPlanComment', () => {
  it("updates the token's own comment in place, never another author's that comes first", async () => {
    const { fake, client } = await start();
    const foreign = fake.addComment(7, marker([ORG_A], HASH('a')), OTHER);
    const ours = fake.addComment(7, marker([ORG_A], HASH('b')), ME);

    const result = await upsertPlanComment(
      client,
      { ...REPO, number: 7 },
      marker([ORG_A], HASH('c')),
      [ORG_A],
    );

    expect(result.action).toBe('updated');
    expect(result.comment.id).toBe(ours.id);
    expect(fake.comments.map((c) => [c.id, c.body.includes(HASH('c'))])).toEqual([
      [foreign.id, false],
      [ours.id, true],
    ]);
  });

  it('creates one when the token has none', async () => {
    const { fake, client } = await start();
    fake.addComment(7, marker([ORG_A], HASH('a')), OTHER);

    const result = await upsertPlanComment(
      client,
      { ...REPO, number: 7 },
      marker([ORG_A], HASH('c')),
      [ORG_A],
    );

    expect(result.action).toBe('created');
    expect(fake.comments.map((c) => c.user.login)).toEqual([OTHER, ME]);
  });
});

describe('findReviewedPlan', () => {
  it('refuses a commit that no merged pull request contains', async () => {
    const { fake, client } = await start();
    fake.pullsOfCommit.set(SHA, [
      { number: 7, state: 'closed', merged_at: null, merge_commit_sha: SHA },
    ]);
    fake.addComment(7, marker([ORG_A], HASH('a')), ME);

    const lookup = await findReviewedPlan(client, REPO, SHA, [ORG_A]);

    expect(lookup).toEqual({
      found: false,
      reason: `no merged pull request contains commit ${SHA.slice(0, 7)} (a direct push is not reviewed)`,
    });
  });

  it("a merged pull request with only another author's plan comment has no reviewed plan", async () => {
    const { fake, client } = await start();
    fake.pullsOfCommit.set(SHA, [merged(7, SHA)]);
    fake.addComment(7, marker([ORG_A], HASH('a')), OTHER);

    const lookup = await findReviewedPlan(client, REPO, SHA, [ORG_A]);

    expect(lookup).toEqual({
      found: false,
      pullRequest: 7,
      reason: `pull request #7 has no plan comment by ${ME} for these orgs (did the plan workflow run on it?)`,
    });
  });

  it("finds our plan and our results' remaining hashes, ignoring another author's", async () => {
    const { fake, client } = await start();
    fake.pullsOfCommit.set(SHA, [merged(6, '9'.repeat(40)), merged(7, SHA)]);
    fake.addComment(6, marker([ORG_A], HASH('0')), ME);
    fake.addComment(7, marker([ORG_A], HASH('a')), OTHER);
    fake.addComment(7, `${applyMarker(HASH('a'), HASH('f'))}\nforged`, OTHER);
    const ours = fake.addComment(7, marker([ORG_A], HASH('b')), ME);
    fake.addComment(7, `${applyMarker(HASH('b'), HASH('c'))}\nresults`, ME);
    fake.addComment(7, `${applyMarker(HASH('c'), undefined)}\nresults`, ME);

    const lookup = await findReviewedPlan(client, REPO, SHA, [ORG_A]);

    expect(lookup).toEqual({
      found: true,
      plan: {
        pullRequest: 7,
        hash: HASH('b'),
        remainingHashes: [HASH('c')],
        commentUrl: ours.html_url,
      },
    });
  });
});

describe('isReviewedPlan', () => {
  const reviewed = {
    pullRequest: 7,
    hash: HASH('a'),
    remainingHashes: [HASH('b'), HASH('c')],
    commentUrl: undefined,
  };
  it.each([
    [HASH('a'), true],
    [HASH('b'), true],
    [HASH('c'), true],
    [HASH('d'), false],
  ])('%s: %s', (hash, expected) => {
    expect(isReviewedPlan(hash, reviewed)).toBe(expected);
  });
  it('a plan is not reviewed by an empty remaining list', () => {
    expect(isReviewedPlan(HASH('d'), { ...reviewed, remainingHashes: [] })).toBe(false);
  });
});
