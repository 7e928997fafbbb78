// A plan's outputs: the JSON file in RUNNER_TEMP, has-changes and the counts, and the job summary.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { TOOL_VERSION } from '../core/tool-version.js';
import type { Plan } from '../model/plan.js';
import { operationCount, totalCounts } from '../plan/describe-operation.js';
import { renderJson } from '../plan/render-json.js';

/** Writes the JSON plan into its own folder under RUNNER_TEMP (several steps may run in one job). */
async function writePlanJson(plan: Plan, runnerTemp: string): Promise<string> {
  const folder = await mkdtemp(join(runnerTemp, 'losant-org-'));
  const path = join(folder, 'plan.json');
  const json = renderJson(plan, { createdAt: new Date().toISOString(), toolVersion: TOOL_VERSION });
  await writeFile(path, json, 'utf8');
  return path;
}

/** Sets has-changes, plan-json, additions, changes and removals; returns the JSON plan's path. */
export async function setPlanOutputs(plan: Plan, runnerTemp: string): Promise<string> {
  const path = await writePlanJson(plan, runnerTemp);
  const counts = totalCounts(plan);
  core.setOutput('has-changes', operationCount(plan) > 0 ? 'true' : 'false');
  core.setOutput('plan-json', path);
  core.setOutput('additions', String(counts.additions));
  core.setOutput('changes', String(counts.changes));
  core.setOutput('removals', String(counts.removals));
  return path;
}
