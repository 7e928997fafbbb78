// Mode apply (push to the default branch): apply exactly the plan reviewed on the merged pull request.
import * as core from '@actions/core';
import { renderResultLine } from '../apply/render-apply-report.js';
import { runApplyFlow } from '../core/apply-flow.js';
import { planOrgs } from '../core/plan-orgs.js';
import type { LosantClient } from '../losant/client.js';
import type { DesiredOrg } from '../model/desired-org.js';
import type { Plan } from '../model/plan.js';
import { operationCount } from '../plan/describe-operation.js';
import { shortHash } from '../plan/fingerprint.js';
import { printableLines } from '../plan/printable-text.js';
import { renderMarkdown } from '../plan/render-markdown.js';
import { ActionFailure } from './action-failure.js';
import {
  findReviewedPlan,
  isReviewedPlan,
  mergedPullRequest,
  type ReviewedPlan,
} from './find-reviewed-plan.js';
import { GitHubApiError } from './github-api-error.js';
import { openGitHubClient, type GitHubClient } from './github-client.js';
import type { ActionSettings } from './inputs.js';
import { appendJobSummary } from './job-summary.js';
import { loadActionConfig } from './load-action-config.js';
import { openLosantClient, planOptions, showPlanAndSetOutputs } from './plan-live-orgs.js';
import { renderApplyResults } from './render-apply-results.js';
import { unreadableFailure } from './unreadable-failure.js';

/** Where the results go: the merged pull request, and the review it had (when one was required). */
interface ApplyTarget {
  pullRequest: number | undefined;
  reviewed: ReviewedPlan | undefined;
}

const OVERRIDE =
  'to apply without a reviewed plan, set require-reviewed-plan: false on this step (or run losant-org apply locally)';

async function refuseUnreviewed(plan: Plan, message: string): Promise<never> {
  await appendJobSummary(
    `## losant-org apply: refused, nothing was written\n\n${message}\n\nThe plan now:\n\n${renderMarkdown(plan)}`,
  );
  throw new ActionFailure('plan-changed', message);
}

/** The reviewed plan must be this plan (or what a partial apply of it left); else nothing is written. */
async function checkReviewedPlan(
  settings: ActionSettings,
  github: GitHubClient | undefined,
  plan: Plan,
): Promise<ApplyTarget> {
  const { repository, sha } = settings.github;
  const orgIds = plan.orgs.map((o) => o.orgId);
  if (!settings.requireReviewedPlan) {
    if (github === undefined || repository === undefined || sha === undefined) {
      return { pullRequest: undefined, reviewed: undefined };
    }
    const pulls = await github.listPullRequestsOfCommit(repository.owner, repository.repo, sha);
    return { pullRequest: mergedPullRequest(pulls, sha)?.number, reviewed: undefined };
  }
  if (github === undefined || repository === undefined || sha === undefined) {
    return refuseUnreviewed(
      plan,
      `no reviewed plan: the reviewed plan is read from the merged pull request, which needs the inputs github-token and the runner's GITHUB_REPOSITORY and GITHUB_SHA; nothing was written; ${OVERRIDE}`,
    );
  }
  const lookup = await findReviewedPlan(github, repository, sha, orgIds);
  if (!lookup.found) {
    return refuseUnreviewed(
      plan,
      `no reviewed plan: ${lookup.reason}; nothing was written. Merge changes through a pull request on which the plan workflow posted its plan; ${OVERRIDE}`,
    );
  }
  const reviewed = lookup.plan;
  if (!isReviewedPlan(plan.hash, reviewed)) {
    return refuseUnreviewed(
      plan,
      `the plan changed since it was reviewed on #${reviewed.pullRequest}: reviewed ${shortHash(reviewed.hash)}, now ${shortHash(plan.hash)}; nothing was written. The org or the files changed after the review: open a pull request (or push to one) so that the new plan is reviewed, then merge it; ${OVERRIDE}`,
    );
  }
  core.info(`the plan ${shortHash(plan.hash)} is the one reviewed on #${reviewed.pullRequest}`);
  return { pullRequest: reviewed.pullRequest, reviewed };
}

/** What a partial apply left to do, as a plan hash: a re-run may apply it without a new review. */
async function remainingPlanHash(
  client: LosantClient,
  desired: readonly DesiredOrg[],
  settings: ActionSettings,
): Promise<string | undefined> {
  try {
    const { plan } = await planOrgs(desired, planOptions(client, settings));
    return operationCount(plan) > 0 ? plan.hash : undefined;
  } catch (error) {
    core.warning(
      printableLines(
        `the org could not be read again after the apply: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    return undefined;
  }
}

/**
 * Posts the results on the merged pull request. A GitHub failure is returned, not thrown: the
 * writes are done by then, and whether the apply failed decides the failure reason.
 */
async function postResults(
  settings: ActionSettings,
  github: GitHubClient | undefined,
  pullRequest: number | undefined,
  markdown: string,
): Promise<GitHubApiError | undefined> {
  const repository = settings.github.repository;
  if (!settings.comment || github === undefined || repository === undefined) return undefined;
  if (pullRequest === undefined) {
    core.info('no merged pull request: the results are in the job summary only');
    return undefined;
  }
  try {
    const comment = await github.createIssueComment(
      repository.owner,
      repository.repo,
      pullRequest,
      markdown,
    );
    core.info(
      `posted the results on #${pullRequest}: ${comment.html_url ?? `comment ${comment.id}`}`,
    );
    return undefined;
  } catch (error) {
    if (error instanceof GitHubApiError) return error;
    throw error;
  }
}

export async function runApplyMode(
  settings: ActionSettings,
  env: Record<string, string | undefined>,
): Promise<void> {
  const desired = await loadActionConfig(settings.config, {
    cwd: settings.cwd,
    env,
    followSymlinks: settings.followSymlinks,
  });
  const client = openLosantClient(settings);
  const github = openGitHubClient(settings);
  // A cancelled job gets SIGINT: the calls in flight finish, no new one starts, results are posted.
  const controller = new AbortController();
  let target: ApplyTarget = { pullRequest: undefined, reviewed: undefined };
  try {
    const result = await runApplyFlow(
      { kind: 'files', desired },
      {
        api: client,
        ...(settings.allowRemovals === undefined ? {} : { allowRemovals: settings.allowRemovals }),
        ...(settings.allowChanges === undefined ? {} : { allowChanges: settings.allowChanges }),
        signal: controller.signal,
        showPlan: (plan) => showPlanAndSetOutputs(plan, settings),
        onRefused: (plan) =>
          appendJobSummary(
            `## losant-org apply: refused by a guard, nothing was written\n\n${renderMarkdown(plan)}`,
          ),
        beforeWrite: async (plan) => {
          target = await checkReviewedPlan(settings, github, plan);
          return true;
        },
        duringWrites: () => {
          const stop = (): void => controller.abort();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          return () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
          };
        },
        onOperationDone: (result) => core.info(renderResultLine(result, { color: false })),
      },
    );
    if (result.status !== 'applied') {
      await appendJobSummary(
        `## losant-org apply: nothing to do\n\n${renderMarkdown(result.plan)}`,
      );
      const unreadable = unreadableFailure(result.plan);
      if (unreadable !== undefined) throw unreadable;
      return;
    }
    const { plan, report } = result;
    core.info(result.summary);
    // Only an apply cut short leaves reviewed work to finish; anything else (a difference found by
    // the verification after every write was done, say) is a new change.
    const c = report.counts;
    const remaining =
      c.done === c.total || c.done === 0
        ? undefined
        : await remainingPlanHash(client, desired, settings);
    const markdown = renderApplyResults(report, {
      hash: plan.hash,
      remaining,
      reviewedIn:
        target.reviewed === undefined
          ? undefined
          : { pullRequest: target.reviewed.pullRequest, commentUrl: target.reviewed.commentUrl },
      sha: settings.github.sha,
      runUrl: settings.github.runUrl,
    });
    await appendJobSummary(markdown);
    const notPosted = await postResults(settings, github, target.pullRequest, markdown);
    const postFailure =
      notPosted === undefined
        ? ''
        : ` The results could not be posted on #${target.pullRequest ?? 0} (the audit trail; copy them from the job summary): ${notPosted.message}`;
    const skipped = report.skippedOrgs ?? [];
    const onlySkipped =
      c.done === c.total && report.verification?.matches !== false && skipped.length > 0;
    if (onlySkipped) {
      // Every other org was applied; the job fails for the orgs left alone, each named with why.
      const unreadable = skipped.some((o) => o.kind === 'unreadable');
      throw new ActionFailure(
        unreadable ? 'api-error' : 'plan-refused',
        `${skipped.map((o) => `org ${o.orgId} (${o.file}) was skipped, nothing was written to it: ${o.kind === 'unreadable' ? 'it could not be read' : 'a guard refused its plan'}: ${o.reason}`).join('\n')}${postFailure}`,
      );
    }
    if (!report.ok) {
      throw new ActionFailure(
        'apply-failed',
        `the apply did not finish: ${c.failed} failed, ${c.skipped} skipped, ${c.done} done of ${c.total}${report.verification?.matches === false ? '; the org still differs from the files' : ''}. Each result and its reason are in the job summary; fix the cause and re-run this job (apply is safe to repeat: it plans again and does only what is left).${postFailure}`,
      );
    }
    if (notPosted !== undefined) {
      throw new GitHubApiError(`the apply is done.${postFailure}`, notPosted.status);
    }
  } finally {
    await client.close();
  }
}
