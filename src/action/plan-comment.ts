// The sticky plan comment: found by its hidden marker and its author, updated in place, never doubled.
import { parsePlanMarker, type PlanMarker } from '../plan/render-markdown.js';
import type { GitHubClient, IssueComment } from './github-client.js';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export interface FoundPlanComment {
  comment: IssueComment;
  marker: PlanMarker;
}

/**
 * Our plan comment for these orgs: the oldest one by `author` whose marker names the same orgs,
 * else one naming any of them (the same job after an org was added or removed). Comments for
 * other orgs (another job of a matrix) and anyone else's comments are never touched.
 */
export function findPlanComment(
  comments: readonly IssueComment[],
  author: string,
  orgIds: readonly string[],
): FoundPlanComment | undefined {
  const ours: FoundPlanComment[] = [];
  for (const comment of comments) {
    if (comment.user?.login !== author) continue;
    const marker = parsePlanMarker(comment.body ?? '');
    if (marker !== undefined) ours.push({ comment, marker });
  }
  const wanted = [...orgIds].sort().join(',');
  const exact = ours.find((c) => c.marker.orgIds.join(',') === wanted);
  if (exact !== undefined) return exact;
  return ours.find((c) => c.marker.orgIds.some((id) => orgIds.includes(id)));
}

/** Creates the plan comment, or updates ours in place; says which. */
export async function upsertPlanComment(
  client: GitHubClient,
  pr: PullRequestRef,
  body: string,
  orgIds: readonly string[],
): Promise<{ action: 'created' | 'updated'; comment: IssueComment }> {
  const author = await client.authenticatedLogin();
  const comments = await client.listIssueComments(pr.owner, pr.repo, pr.number);
  const found = findPlanComment(comments, author, orgIds);
  if (found === undefined) {
    return {
      action: 'created',
      comment: await client.createIssueComment(pr.owner, pr.repo, pr.number, body),
    };
  }
  return {
    action: 'updated',
    comment: await client.updateIssueComment(pr.owner, pr.repo, found.comment.id, body),
  };
}
