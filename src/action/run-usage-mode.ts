// Mode usage (schedule): each org's usage against its limits in the job summary; outputs usage-json, near-limit.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { readUsage } from '../core/read-usage.js';
import { printable } from '../plan/printable-text.js';
import { parseReportRange } from '../usage/report-range.js';
import { renderUsageJson } from '../usage/render-usage-json.js';
import { renderUsageMarkdown } from '../usage/render-usage-markdown.js';
import { renderUsageText } from '../usage/render-usage-text.js';
import { isOrgUsageFailure, nearLimits } from '../usage/usage-report.js';
import { describeNearLimit } from '../usage/usage-rows.js';
import { ActionFailure } from './action-failure.js';
import type { ActionSettings } from './inputs.js';
import { appendJobSummary } from './job-summary.js';
import { loadActionConfig } from './load-action-config.js';
import { openLosantClient } from './plan-live-orgs.js';

/** Writes the JSON report into its own folder under RUNNER_TEMP (several steps may run in one job). */
async function writeUsageJson(json: string, runnerTemp: string): Promise<string> {
  const folder = await mkdtemp(join(runnerTemp, 'losant-org-'));
  const path = join(folder, 'usage.json');
  await writeFile(path, json, 'utf8');
  return path;
}

export async function runUsageMode(
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
    const now = Date.now();
    const report = await readUsage({
      api: client,
      orgIds: desired.map((org) => org.orgId),
      range: parseReportRange({}, now),
      warnAtPercent: settings.warnAtPercent,
      now,
    });
    core.info(renderUsageText(report, { color: false }));
    await appendJobSummary(renderUsageMarkdown(report));
    const near = nearLimits(report);
    for (const { org, item } of near) {
      core.warning(`${printable(org.name)} (${org.id}): ${describeNearLimit(item)}`, {
        title: 'losant-org: near a limit',
      });
    }
    core.setOutput(
      'usage-json',
      await writeUsageJson(renderUsageJson(report), settings.github.runnerTemp),
    );
    core.setOutput('near-limit', near.length > 0 ? 'true' : 'false');
    const failed = report.orgs.filter(isOrgUsageFailure);
    if (failed.length > 0) {
      throw new ActionFailure(
        'api-error',
        `${failed.length} of ${report.orgs.length} orgs could not be read (the report has the others): ${failed
          .map((f) => f.error.message)
          .join('; ')}`,
      );
    }
  } finally {
    await client.close();
  }
}
