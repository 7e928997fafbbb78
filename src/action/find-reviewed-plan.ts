// The plan reviewed on the pull request that a push merged: its number, comment and plan hash.
import { findPlanComment } from './plan-comment.js';
import { parseRemainingHash } from './render-apply-results.js';
import type { CommitPullRequest, GitHubClient } from './github-client.js';

export interface ReviewedPlan {
  pullRequest: number;
  hash: string;
  /** What partial applies of the reviewed plan left to do (our results comments say): also approved. */
  remainingHashes: string[];
  commentUrl: string | undefined;
}

export type ReviewedPlanLookup =
  | { found: true; plan: ReviewedPlan }
  /** `pullRequest` is set when the pull request was found but not its plan comment. */
  | { found: false; reason: string; pullRequest?: number };

/** The merged pull request of a commit: the one whose merge commit it is, else any merged one. */
export function mergedPullRequest(
  pulls: readonly CommitPullRequest[],
  sha: string,
): CommitPullRequest | undefined {
  const merged = pulls.filter((p) => p.merged_at !== null);
  return merged.find((p) => p.merge_commit_sha === sha) ?? merged[0];
}

/** The plan was reviewed: it is the reviewed plan, or what a partial apply of it left to do. */
export function isReviewedPlan(hash: string, reviewed: ReviewedPlan): boolean {
  return hash === reviewed.hash || reviewed.remainingHashes.includes(hash);
}

export async function findReviewedPlan(
  client: GitHubClient,
  repository: { owner: string; repo: string },
  sha: string,
  orgIds: readonly string[],
): Promise<ReviewedPlanLookup> {
  const pulls = await client.listPullRequestsOfCommit(repository.owner, repository.repo, sha);
  const pr = mergedPullRequest(pulls, sha);
  if (pr === undefined) {
    return {
      found: false,
      reason: `no merged pull request contains commit ${sha.slice(0, 7)} (a direct push is not reviewed)`,
    };
  }
  const author = await client.authenticatedLogin();
  const comments = await client.listIssueComments(repository.owner, repository.repo, pr.number);
  const found = findPlanComment(comments, author, orgIds);
  if (found === undefined) {
    return {
      found: false,
      pullRequest: pr.number,
      reason: `pull request #${pr.number} has no plan comment by ${author} for these orgs (did the plan workflow run on it?)`,
    };
  }
  const remaining = comments
    .filter((c) => c.user?.login === author)
    .map((c) => parseRemainingHash(c.body ?? ''))
    .filter((hash) => hash !== undefined);
  return {
    found: true,
    plan: {
      pullRequest: pr.number,
      hash: found.marker.hash,
      remainingHashes: remaining,
      commentUrl: found.comment.html_url,
    },
  };
}
