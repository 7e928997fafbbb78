// The usage report for job summaries and comments: the text's tables, warnings, and mermaid charts.
import { printable } from '../plan/printable-text.js';
import { pieChart, xyChart } from './mermaid-chart.js';
import {
  describeNearLimit,
  describeRange,
  describeRangeTotals,
  seatsOf,
  usageRows,
} from './usage-rows.js';
import { describeSeats } from '../plan/member-seats.js';
import { isOrgUsageFailure, nearLimits, type OrgUsage, type UsageReport } from './usage-report.js';

/** How many payload types the pie shows before the rest is one slice. */
const PIE_SLICES = 8;

/** Inline markdown: unprintable characters shown, punctuation that could format, link or open HTML escaped. */
function escapeMarkdown(text: string): string {
  return printable(text).replace(/[\\`*_{}[\]<|#~&@]/g, '\\$&');
}

/** 2026-11-05T00:00:00.000Z -> 11-05; anything else as escaped by the chart. */
function dayLabel(date: string): string {
  return /^\d{4}-(\d{2}-\d{2})T/.exec(date)?.[1] ?? date;
}

function renderOrg(org: OrgUsage): string[] {
  const parts: string[] = [];
  parts.push(
    `### ${escapeMarkdown(org.name)} (\`${org.id.replace(/[^A-Za-z0-9]/g, '')}\`)\n\n` +
      `Usage from ${describeRange(org.range)}.`,
  );
  if (org.nearLimit.length > 0) {
    parts.push(
      [
        '> [!WARNING]',
        ...org.nearLimit.map((n) => `> ${escapeMarkdown(describeNearLimit(n))}`),
      ].join('\n'),
    );
  }
  const rows = usageRows(org).map(
    (r) =>
      `| ${r.near ? `**${r.name}**` : r.name} | ${r.used} | ${r.limit} | ${r.near ? `**${r.percent}**` : r.percent} |`,
  );
  parts.push(
    ['| | used | limit | % of limit |', '| --- | ---: | ---: | ---: |', ...rows].join('\n'),
  );
  parts.push(
    `${escapeMarkdown(describeSeats(seatsOf(org.members)))}. In the range: ${describeRangeTotals(org).map(escapeMarkdown).join('; ')}.`,
  );

  const charts = [
    xyChart({
      title: 'Devices per day',
      yLabel: 'devices',
      kind: 'line',
      points: org.devices.perDay.map((d) => ({ label: dayLabel(d.date), value: d.total })),
    }),
    xyChart({
      title: 'Notebook minutes per day',
      yLabel: 'minutes',
      kind: 'bar',
      points: org.notebookMinutes.perDay.map((d) => ({
        label: dayLabel(d.date),
        value: d.minutes,
      })),
    }),
    pieChart('Payloads by type', payloadSlices(org)),
  ].filter((c): c is string => c !== undefined);
  parts.push(...charts);
  return parts;
}

function payloadSlices(org: OrgUsage): { label: string; value: number }[] {
  const shown = org.payloads.byType.slice(0, PIE_SLICES);
  const rest = org.payloads.byType.slice(PIE_SLICES).reduce((sum, t) => sum + t.count, 0);
  const slices = shown.map((t) => ({ label: t.type, value: t.count }));
  return rest > 0 ? [...slices, { label: 'other types', value: rest }] : slices;
}

export function renderUsageMarkdown(report: UsageReport): string {
  const near = nearLimits(report).length;
  const failed = report.orgs.filter(isOrgUsageFailure);
  const heading =
    `## losant-org usage: ${report.orgs.length} ${report.orgs.length === 1 ? 'org' : 'orgs'}` +
    (near > 0
      ? `, ${near} ${near === 1 ? 'figure' : 'figures'} at ${report.warnAtPercent}% of a limit or more`
      : '') +
    (failed.length > 0 ? `, ${failed.length} not read` : '');
  const blocks = [heading];
  for (const org of report.orgs) {
    if (isOrgUsageFailure(org)) {
      blocks.push(
        `### \`${org.id.replace(/[^A-Za-z0-9]/g, '')}\`\n\n> [!CAUTION]\n> ${escapeMarkdown(org.error.message)}`,
      );
    } else {
      blocks.push(...renderOrg(org));
    }
  }
  return `${blocks.join('\n\n')}\n`;
}
