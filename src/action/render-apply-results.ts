// The apply's audit trail in markdown: the plan hash, where it was reviewed, each call's result.
import type { ApplyReport, OperationResult } from '../apply/apply-report.js';
import { formatCount } from '../plan/describe-operation.js';
import { printable } from '../plan/printable-text.js';
import { MARKDOWN_MAX_LENGTH } from '../plan/render-markdown.js';

export interface ApplyResultsContext {
  /** The full plan hash that was applied. */
  hash: string;
  /** Where the plan was reviewed, when it was. */
  reviewedIn: { pullRequest: number; commentUrl: string | undefined } | undefined;
  /** Hash of the plan made right after the apply, when something was left to do. */
  remaining: string | undefined;
  /** The commit the push applied. */
  sha: string | undefined;
  runUrl: string | undefined;
}

/**
 * Marks the results comment; unlike the plan marker, never taken for the sticky plan comment.
 * `remaining` is the hash of what was left to do after a partial apply: a re-run may apply it.
 */
export function applyMarker(hash: string, remaining: string | undefined): string {
  return `<!-- losant-org:apply hash=${hash}${remaining === undefined ? '' : ` remaining=${remaining}`} -->`;
}

/** The hash a re-run of a partial apply may apply without a new review. */
export function parseRemainingHash(text: string): string | undefined {
  return /<!-- losant-org:apply hash=[0-9a-f]{64} remaining=([0-9a-f]{64}) -->/.exec(text)?.[1];
}

/** Live names and API error text in a table cell: one printable line, no markdown structure. */
function cell(text: string): string {
  return printable(text.replace(/[\r\n]+/g, ' '))
    .replace(/\|/g, '\\|')
    .replace(/[<>`]/g, (c) => `\\${c}`);
}

const STATUS_ICON: Record<OperationResult['status'], string> = {
  done: 'done',
  failed: '**failed**',
  skipped: 'skipped',
};

function resultRow(orgName: string, r: OperationResult): string {
  const why = r.error ?? r.reason ?? r.note ?? '';
  return `| ${STATUS_ICON[r.status]} | ${cell(orgName)} | ${cell(r.summary)} | ${cell(why)} |`;
}

export function renderApplyResults(report: ApplyReport, context: ApplyResultsContext): string {
  const c = report.counts;
  const title = report.ok
    ? `### losant-org apply: ${formatCount(c.done)} done`
    : `### losant-org apply: ${formatCount(c.failed)} failed, ${formatCount(c.done)} done, ${formatCount(c.skipped)} skipped`;
  const reviewed =
    context.reviewedIn === undefined
      ? 'not checked against a reviewed plan (require-reviewed-plan: false)'
      : `reviewed in #${context.reviewedIn.pullRequest}${context.reviewedIn.commentUrl === undefined ? '' : ` ([plan comment](${context.reviewedIn.commentUrl}))`}`;
  const lines = [
    applyMarker(context.hash, context.remaining),
    title,
    '',
    `Plan \`${context.hash.slice(0, 12)}\`, ${reviewed}` +
      (context.sha === undefined ? '' : `, applied from commit \`${context.sha.slice(0, 7)}\``) +
      (context.runUrl === undefined ? '.' : ` in [this run](${context.runUrl}).`),
    '',
  ];
  if (report.interrupted)
    lines.push('> [!WARNING]', '> The apply was interrupted; run it again to finish.', '');
  for (const org of report.orgs) {
    if (org.stopped !== undefined) {
      lines.push(`> [!CAUTION]`, `> **${cell(org.orgName)}** stopped: ${cell(org.stopped)}`, '');
    }
  }
  const rows = report.orgs.flatMap((org) => org.operations.map((r) => resultRow(org.orgName, r)));
  if (rows.length > 0) {
    lines.push('| result | org | operation | detail |', '| --- | --- | --- | --- |');
    let length = lines.join('\n').length;
    for (const [index, row] of rows.entries()) {
      // The comment stays under GitHub's limit; the job log has every line.
      if (length + row.length + 200 > MARKDOWN_MAX_LENGTH) {
        lines.push('', `... ${formatCount(rows.length - index)} more results in the job log`);
        break;
      }
      lines.push(row);
      length += row.length + 1;
    }
    lines.push('');
  } else {
    lines.push('Nothing to apply: the org already matched the files.', '');
  }
  const verification = report.verification;
  if (verification !== undefined) {
    if (verification.matches) {
      lines.push(
        'After the apply, the live org matches the files (invites awaiting acceptance aside).',
      );
    } else {
      lines.push('After the apply, the live org still differs from the files:', '');
      for (const org of verification.orgs) {
        if (org.error !== undefined) lines.push(`- org \`${org.orgId}\`: ${cell(org.error)}`);
        for (const d of org.differences) lines.push(`- org \`${org.orgId}\`: ${cell(d)}`);
      }
      lines.push('', 'Run the apply again (re-run the job) to finish.');
    }
  }
  return `${lines.join('\n')}\n`;
}
