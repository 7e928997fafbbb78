// The GitHub Action entry point (built into dist/index.js): inputs -> mode -> one handler for any error.
import * as core from '@actions/core';
import { ConfigError } from '../config/problem.js';
import { LosantApiError } from '../losant/api-error.js';
import { LosantOrgError, UsageError } from '../model/errors.js';
import { PlanRefusedError } from '../plan/plan-refused-error.js';
import { printableLines } from '../plan/printable-text.js';
import { ActionFailure, type FailureReason } from './action-failure.js';
import { GitHubApiError } from './github-api-error.js';
import { readActionSettings } from './inputs.js';
import { runApplyMode } from './run-apply-mode.js';
import { runDriftMode } from './run-drift-mode.js';
import { runPlanMode } from './run-plan-mode.js';
import { runUsageMode } from './run-usage-mode.js';

async function run(): Promise<void> {
  const env = process.env;
  const settings = readActionSettings(env);
  if (settings.mode === 'plan') await runPlanMode(settings, env);
  else if (settings.mode === 'apply') await runApplyMode(settings, env);
  else if (settings.mode === 'usage') await runUsageMode(settings, env);
  else await runDriftMode(settings, env);
}

function failureReason(error: unknown): FailureReason | undefined {
  if (error instanceof ActionFailure) return error.reason;
  if (error instanceof ConfigError) return 'config-invalid';
  if (error instanceof PlanRefusedError) return 'plan-refused';
  if (error instanceof LosantApiError) return 'api-error';
  if (error instanceof GitHubApiError) return 'github-error';
  if (error instanceof UsageError) return 'input-invalid';
  return undefined;
}

/** The one place an error ends the run: failure-reason, then a message that is safe to print. */
function fail(error: unknown): void {
  const reason = failureReason(error);
  if (reason !== undefined) core.setOutput('failure-reason', reason);
  if (error instanceof LosantOrgError) {
    // An annotation too: API error text and live names must not drive the log viewer.
    core.setFailed(printableLines(error.message));
  } else {
    if (error instanceof Error && error.stack !== undefined) core.debug(error.stack);
    core.setFailed(
      `${printableLines(error instanceof Error ? error.message : String(error))} (this is a bug in losant-org; re-run the job with debug logging for details)`,
    );
  }
}

run().catch(fail);
