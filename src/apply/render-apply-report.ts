// The apply's words for a terminal: a line per finished operation, and the summary at the end.
import { printable } from '../plan/printable-text.js';
import type { ApplyReport, OperationResult, ResultCounts, Verification } from './apply-report.js';

export interface RenderApplyOptions {
  color: boolean;
}

const ANSI = { green: '\u001b[32m', red: '\u001b[31m', yellow: '\u001b[33m', bold: '\u001b[1m' };
const RESET = '\u001b[0m';
type Style = keyof typeof ANSI;

/** Paints text made printable first: it quotes emails, org names and API error text, all from outside. */
function painter(color: boolean): (style: Style, text: string) => string {
  return color
    ? (style, text) => `${ANSI[style]}${printable(text)}${RESET}`
    : (_style, text) => printable(text);
}

const MARK: Record<OperationResult['status'], { sign: string; style: Style }> = {
  done: { sign: '✓', style: 'green' },
  failed: { sign: '✗', style: 'red' },
  skipped: { sign: '-', style: 'yellow' },
};

/** "✓ invite dave@acme.com (edit)", "✗ remove ken@acme.com (view): <why>", "- skipped ...: <reason>". */
export function renderResultLine(
  result: OperationResult,
  options: RenderApplyOptions & { orgName?: string; progress?: string },
): string {
  const paint = painter(options.color);
  const { sign, style } = MARK[result.status];
  const org = options.orgName === undefined ? '' : `[${options.orgName}] `;
  const progress = options.progress === undefined ? '' : `${options.progress} `;
  const what = result.status === 'skipped' ? `skipped ${result.summary}` : result.summary;
  const why = result.error ?? result.reason;
  const note = result.status === 'done' && result.note !== undefined ? ` (${result.note})` : '';
  return `${progress}${paint(style, `${sign} ${org}${what}`)}${printable(`${why === undefined ? '' : `: ${why}`}${note}`)}`;
}

/** "[7/12: 6 done, 1 failed]": running counts for a terminal. */
export function renderProgress(counts: ResultCounts, total: number): string {
  const parts = [`${counts.done} done`];
  if (counts.failed > 0) parts.push(`${counts.failed} failed`);
  if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
  return `[${counts.done + counts.failed + counts.skipped}/${total}: ${parts.join(', ')}]`;
}

function renderVerification(
  verification: Verification,
  many: boolean,
  names: Map<string, string>,
  someSkipped: boolean,
): string[] {
  const lines: string[] = [];
  if (verification.matches) {
    lines.push(
      someSkipped
        ? 'Every org applied now matches its file.'
        : many
          ? 'Every org now matches its file.'
          : 'The org now matches the file.',
    );
  }
  for (const org of verification.orgs) {
    const name = `${names.get(org.orgId) ?? org.orgId} (${org.orgId})`;
    if (org.error !== undefined) {
      lines.push(printable(`${name}: ${org.error}`));
    } else if (!org.matches) {
      lines.push(printable(`${name} still differs from the file:`));
      for (const difference of org.differences) lines.push(printable(`  ${difference}`));
    }
    if (org.awaiting > 0) {
      lines.push(
        printable(
          `${many ? `${name}: ` : ''}${org.awaiting} invite${org.awaiting === 1 ? '' : 's'} awaiting acceptance.`,
        ),
      );
    }
  }
  return lines;
}

/** The summary after apply, ending in a newline: counts, what failed or was skipped and why, verification. */
export function renderApplySummary(report: ApplyReport, options: RenderApplyOptions): string {
  const paint = painter(options.color);
  const many = report.orgs.length > 1;
  const { done, failed, skipped } = report.counts;
  const lines: string[] = [];
  const headline = `Apply: ${done} done, ${failed} failed, ${skipped} skipped.`;
  lines.push(paint(failed > 0 ? 'red' : skipped > 0 ? 'yellow' : 'bold', headline));
  for (const org of report.orgs) {
    const prefix = many ? `[${org.orgName}] ` : '';
    if (org.stopped !== undefined) {
      lines.push(paint('red', `${prefix}stopped: ${org.stopped}`));
    }
    for (const result of org.operations) {
      if (result.status === 'failed') {
        lines.push(
          `  ${paint('red', `✗ ${prefix}${result.summary}`)}: ${printable(result.error ?? '')}`,
        );
      } else if (result.status === 'skipped') {
        lines.push(
          `  ${paint('yellow', `- ${prefix}${result.summary}`)}: skipped, ${printable(result.reason ?? '')}`,
        );
      } else if (result.note !== undefined) {
        lines.push(printable(`  ✓ ${prefix}${result.summary}: ${result.note}`));
      }
    }
  }
  if (report.interrupted) {
    lines.push(
      paint('yellow', 'Interrupted: the calls in flight were finished, nothing new was started.'),
    );
  }
  const skippedOrgs = report.skippedOrgs ?? [];
  for (const org of skippedOrgs) {
    const name = org.orgName === undefined ? `org ${org.orgId}` : `${org.orgName} (${org.orgId})`;
    const why = org.kind === 'unreadable' ? 'could not be read' : 'refused by a guard';
    lines.push(
      paint(
        'red',
        `Skipped ${name} from ${org.file}: ${why}, nothing was written to it: ${org.reason}`,
      ),
    );
  }
  if (report.verification !== undefined) {
    const names = new Map(report.orgs.map((o) => [o.orgId, o.orgName]));
    lines.push(...renderVerification(report.verification, many, names, skippedOrgs.length > 0));
  }
  if (skippedOrgs.length > 0) {
    lines.push('Fix what kept the skipped orgs from being applied, then run apply again.');
  }
  const rest =
    report.counts.failed > 0 ||
    report.counts.skipped > 0 ||
    report.interrupted ||
    report.verification?.matches === false;
  if (report.orgs.some((o) => o.stopped !== undefined)) {
    lines.push('Fix what stopped the org (the token or its scopes), then run apply again.');
  } else if (!report.ok && (skippedOrgs.length === 0 || rest)) {
    lines.push('Run apply again to finish the job (it plans from the live state).');
  }
  return `${lines.join('\n')}\n`;
}
