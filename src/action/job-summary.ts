// The job summary (GITHUB_STEP_SUMMARY): appended to, and skipped with a note outside a runner.
import * as core from '@actions/core';

export async function appendJobSummary(markdown: string): Promise<void> {
  const file = process.env['GITHUB_STEP_SUMMARY'];
  if (file === undefined || file === '') {
    core.info('GITHUB_STEP_SUMMARY is not set: no job summary is written');
    return;
  }
  await core.summary.addRaw(markdown, true).write();
}
