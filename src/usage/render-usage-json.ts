// The usage report for machines, described by schemas/usage.schema.json.
import type { UsageReport } from './usage-report.js';

export const USAGE_REPORT_VERSION = 1;

export function renderUsageJson(report: UsageReport): string {
  return `${JSON.stringify({ version: USAGE_REPORT_VERSION, ...report }, null, 2)}\n`;
}
