// Mode drift (schedule): the job fails when the live org no longer matches its file.
import { describeCounts, operationCount, totalCounts } from '../plan/describe-operation.js';
import { renderMarkdown } from '../plan/render-markdown.js';
import { ActionFailure } from './action-failure.js';
import type { ActionSettings } from './inputs.js';
import { appendJobSummary } from './job-summary.js';
import { loadActionConfig } from './load-action-config.js';
import { openLosantClient, planAndSetOutputs } from './plan-live-orgs.js';
import { unreadableFailure } from './unreadable-failure.js';

export async function runDriftMode(
  settings: ActionSettings,
  env: Record<string, string | undefined>,
): Promise<void> {
  const desired = await loadActionConfig(settings.config, {
    cwd: settings.cwd,
    env,
    followSymlinks: settings.followSymlinks,
  });
  const client = openLosantClient(settings);
  try {
    const { plan } = await planAndSetOutputs(client, desired, settings);
    const drifted = operationCount(plan) > 0;
    await appendJobSummary(
      `## losant-org drift check: ${drifted ? 'the live org differs from the files' : 'no drift'}\n\n${renderMarkdown(plan)}`,
    );
    const unreadable = unreadableFailure(plan);
    if (unreadable !== undefined) throw unreadable;
    if (drifted) {
      throw new ActionFailure(
        'drift',
        `drift: the live org differs from the files (${describeCounts(totalCounts(plan))}); the plan is in the job summary. Someone changed the org outside git: put the change into the files with a pull request, or let the next apply undo it`,
      );
    }
  } finally {
    await client.close();
  }
}
