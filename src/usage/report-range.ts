// The report's range from --from and --to: dates are whole UTC days, the default the last 30 days.
import { UsageError } from '../model/errors.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RANGE_DAYS = 30;

/** ms since epoch, as the count actions take them. */
export interface ReportRange {
  start: number;
  end: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (2026-11-01: its first ms for --from, its last for --to) or an ISO time with a zone. */
function parseInstant(name: string, raw: string, edge: 'start' | 'end'): number {
  const text = raw.trim();
  let ms = Number.NaN;
  if (DATE.test(text)) {
    ms = Date.parse(`${text}T00:00:00.000Z`);
    if (!Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) !== text) ms = Number.NaN;
    if (edge === 'end' && !Number.isNaN(ms)) ms += DAY_MS - 1;
  } else if (TIME.test(text)) {
    ms = Date.parse(text);
  }
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `${name} must be a date such as 2026-11-01 or a time such as 2026-11-01T08:00:00Z, not ${JSON.stringify(raw)}`,
    );
  }
  return ms;
}

export function parseReportRange(
  options: { from?: string | undefined; to?: string | undefined },
  now: number,
  names: { from: string; to: string } = { from: '--from', to: '--to' },
): ReportRange {
  const end = options.to === undefined ? now : parseInstant(names.to, options.to, 'end');
  const start =
    options.from === undefined
      ? end - DEFAULT_RANGE_DAYS * DAY_MS
      : parseInstant(names.from, options.from, 'start');
  if (start > end) {
    throw new UsageError(
      `${names.from} (${new Date(start).toISOString()}) is after ${names.to} (${new Date(end).toISOString()}): swap them`,
    );
  }
  return { start, end };
}
