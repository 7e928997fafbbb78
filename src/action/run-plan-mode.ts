// Mode plan (pull requests): the plan in the job summary and in one sticky comment, updated in place.
import * as core from '@actions/core';
import type { Plan } from '../model/plan.js';
import { planRefusedError } from '../plan/plan-refused-error.js';
import { printableLines } from '../plan/printable-text.js';
import { renderMarkdown } from '../plan/render-markdown.js';
import { GitHubApiError } from './github-api-error.js';
import { openGitHubClient } from './github-client.js';
import type { ActionSettings } from './inputs.js';
import { appendJobSummary } from './job-summary.js';
import { loadActionConfig } from './load-action-config.js';
import { upsertPlanComment } from './plan-comment.js';
import { openLosantClient, planAndSetOutputs } from './plan-live-orgs.js';
import { unreadableFailure } from './unreadable-failure.js';

const FORK_NOTICE =
  "No plan: this pull request comes from a fork, and GitHub does not give a fork's workflows the repository secrets, so api-token is empty. The configuration was validated; a maintainer can see the plan by pushing the branch to this repository or by running losant-org plan locally.";

function commentFooter(settings: ActionSettings): string {
  const sha = settings.github.pullRequest?.headSha ?? settings.github.sha;
  const commit = sha === undefined ? '' : ` for commit \`${sha.slice(0, 7)}\``;
  const run = settings.github.runUrl === undefined ? '' : ` ([run](${settings.github.runUrl}))`;
  return `\n<sub>Updated${commit}${run}. This comment is updated on every push; the merge applies the plan shown here.</sub>\n`;
}

async function commentPlan(settings: ActionSettings, plan: Plan, markdown: string): Promise<void> {
  const pr = settings.github.pullRequest;
  const repository = settings.github.repository;
  if (!settings.comment) return;
  if (pr === undefined || repository === undefined) {
    core.info('not a pull request: the plan is in the job summary only');
    return;
  }
  const client = openGitHubClient(settings);
  if (client === undefined) {
    core.warning('the input github-token is empty: the plan is not posted on the pull request');
    return;
  }
  try {
    const { action, comment } = await upsertPlanComment(
      client,
      { ...repository, number: pr.number },
      `${markdown}${commentFooter(settings)}`,
      plan.orgs.map((o) => o.orgId),
    );
    core.info(`${action} the plan comment ${comment.html_url ?? `#${comment.id}`}`);
  } catch (error) {
    // A fork's workflow token is read-only: the summary still has the plan.
    if (pr.isFork && error instanceof GitHubApiError && error.status === 403) {
      core.warning(
        printableLines(
          `the plan could not be posted on this pull request from a fork: ${error.message}`,
        ),
      );
      return;
    }
    throw error;
  }
}

export async function runPlanMode(
  settings: ActionSettings,
  env: Record<string, string | undefined>,
): Promise<void> {
  // Validation needs no token: a fork's pull request gets its annotations too.
  const desired = await loadActionConfig(settings.config, {
    cwd: settings.cwd,
    env,
    followSymlinks: settings.followSymlinks,
  });
  if (settings.apiToken === undefined && settings.github.pullRequest?.isFork === true) {
    core.notice(FORK_NOTICE, { title: 'losant-org: no plan for a fork' });
    await appendJobSummary(`### losant-org plan: skipped\n\n${FORK_NOTICE}\n`);
    return;
  }
  const client = openLosantClient(settings);
  try {
    const { plan } = await planAndSetOutputs(client, desired, settings);
    const markdown = renderMarkdown(plan);
    await appendJobSummary(markdown);
    await commentPlan(settings, plan, markdown);
    // The plans of the orgs that could be read are posted; then the job fails naming the others.
    const unreadable = unreadableFailure(plan);
    if (unreadable !== undefined) throw unreadable;
    const refused = planRefusedError(plan);
    if (refused !== undefined) throw refused;
  } finally {
    await client.close();
  }
}
