// The usage report for a terminal: per org a table of figures with limits, the range's totals, warnings.
import { printable } from '../plan/printable-text.js';
import {
  describeNearLimit,
  describeRange,
  describeRangeTotals,
  seatsOf,
  usageRows,
} from './usage-rows.js';
import { describeSeats } from '../plan/member-seats.js';
import { isOrgUsageFailure, type OrgUsage, type UsageReport } from './usage-report.js';

export interface RenderUsageTextOptions {
  color: boolean;
}

const YELLOW = '\u001b[33m';
const RED = '\u001b[31m';
const RESET = '\u001b[0m';

function renderOrg(org: OrgUsage, paint: (color: string, text: string) => string): string[] {
  const lines = [
    `${printable(org.name)} (${printable(org.id)}): usage from ${describeRange(org.range)}`,
  ];
  const rows = usageRows(org);
  const header = { name: '', used: 'used', limit: 'limit', percent: '% of limit' };
  const width = (key: 'name' | 'used' | 'limit' | 'percent'): number =>
    Math.max(header[key].length, ...rows.map((r) => r[key].length));
  const [name, used, limit, percent] = [
    width('name'),
    width('used'),
    width('limit'),
    width('percent'),
  ];
  const line = (r: { name: string; used: string; limit: string; percent: string }): string =>
    `  ${r.name.padEnd(name)}  ${r.used.padStart(used)}  ${r.limit.padStart(limit)}  ${r.percent.padStart(percent)}`.trimEnd();
  lines.push(line(header));
  for (const r of rows) lines.push(r.near ? paint(YELLOW, line(r)) : line(r));
  lines.push(`  ${describeSeats(seatsOf(org.members))}`);
  lines.push(`  in the range: ${printable(describeRangeTotals(org).join('; '))}`);
  for (const item of org.nearLimit) {
    lines.push(paint(YELLOW, `  warning: ${describeNearLimit(item)}`));
  }
  return lines;
}

export function renderUsageText(report: UsageReport, options: RenderUsageTextOptions): string {
  const paint = (color: string, text: string): string =>
    options.color ? `${color}${text}${RESET}` : text;
  const blocks = report.orgs.map((org) =>
    isOrgUsageFailure(org)
      ? [paint(RED, `${printable(org.id)}: error: ${printable(org.error.message)}`)]
      : renderOrg(org, paint),
  );
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
