// The Action's one way to plan: the same core as `losant-org plan`, with the API client opened here.
import * as core from '@actions/core';
import { planOrgs, type PlannedOrgs, type PlanOrgsOptions } from '../core/plan-orgs.js';
import { createLosantClient, type LosantClient } from '../losant/client.js';
import type { DesiredOrg } from '../model/desired-org.js';
import { UsageError } from '../model/errors.js';
import type { Plan } from '../model/plan.js';
import { renderText } from '../plan/render-text.js';
import type { ActionSettings } from './inputs.js';
import { setPlanOutputs } from './publish-plan.js';

/** api-token is required except on a fork's pull request, where GitHub gives no secrets. */
function requireApiToken(settings: ActionSettings): string {
  if (settings.apiToken !== undefined) return settings.apiToken;
  throw new UsageError(
    'the input api-token is empty: store a Losant API token as a repository secret (Settings > Secrets and variables > Actions), e.g. LOSANT_API_TOKEN, and write api-token: ${{ secrets.LOSANT_API_TOKEN }}',
  );
}

export function openLosantClient(settings: ActionSettings): LosantClient {
  return createLosantClient({ apiUrl: settings.apiUrl, token: requireApiToken(settings) });
}

/** The planner's options from the inputs (allow-removals), read at the time of the call. */
export function planOptions(client: LosantClient, settings: ActionSettings): PlanOrgsOptions {
  return {
    api: client,
    now: Date.now(),
    ...(settings.allowRemovals === undefined ? {} : { allowRemovals: settings.allowRemovals }),
  };
}

/** Prints the plan as text in the log and sets the plan's outputs. */
export async function showPlanAndSetOutputs(plan: Plan, settings: ActionSettings): Promise<void> {
  core.info(renderText(plan, { color: false }));
  await setPlanOutputs(plan, settings.github.runnerTemp);
}

/** Plans every declared org, prints the plan as text in the log, and sets the plan's outputs. */
export async function planAndSetOutputs(
  client: LosantClient,
  desired: readonly DesiredOrg[],
  settings: ActionSettings,
): Promise<PlannedOrgs> {
  const planned = await planOrgs(desired, planOptions(client, settings));
  await showPlanAndSetOutputs(planned.plan, settings);
  return planned;
}
