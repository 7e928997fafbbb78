// Plausible, repeatable usage data for deviceCounts, notebookMinuteCounts and payloadCounts.
import type {
  LosantDeviceCounts,
  LosantNotebookMinuteCounts,
  LosantPayloadStats,
} from '../losant/types.js';
import { validationFailure } from './api-failure.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_RANGE_MS = 30 * DAY_MS;

export interface UsageRange {
  start: number;
  end: number;
}

/** `start` and `end` query parameters (ms since epoch, as api-info.json says), defaulting to the last 30 days. */
export function parseUsageRange(query: URLSearchParams, now: number): UsageRange {
  const end = parseInstant('end', query.get('end')) ?? now;
  const start = parseInstant('start', query.get('start')) ?? end - DEFAULT_RANGE_MS;
  // No longest range: the API description states none (its own example is start 0, end 1465790400000).
  if (start > end) throw validationFailure('start must not be after end');
  return { start, end };
}

function parseInstant(name: string, raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  const ms = /^-?\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime())) {
    throw validationFailure(`${name} must be a time in ms since epoch`);
  }
  return ms;
}

/** A number in [0, 1) that depends only on the org and the day, so repeated calls agree. */
function noise(orgId: string, day: number, salt: number): number {
  let h = 2166136261 ^ salt;
  for (const ch of `${orgId}:${day}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

function daysOf(range: UsageRange): number[] {
  const days: number[] = [];
  for (let day = Math.floor(range.start / DAY_MS); day * DAY_MS <= range.end; day += 1)
    days.push(day);
  return days;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function deviceCounts(orgId: string, range: UsageRange): LosantDeviceCounts {
  let total = 40;
  const counts = daysOf(range).map((day) => {
    const created = Math.floor(noise(orgId, day, 1) * 4);
    const deleted = Math.floor(noise(orgId, day, 2) * 2);
    total = Math.max(0, total + created - deleted);
    return { date: iso(day * DAY_MS), created, deleted, total };
  });
  return { start: iso(range.start), end: iso(range.end), counts };
}

export function notebookMinuteCounts(orgId: string, range: UsageRange): LosantNotebookMinuteCounts {
  const counts = daysOf(range).map((day) => {
    const completed = Math.floor(noise(orgId, day, 3) * 5);
    const errored = noise(orgId, day, 4) > 0.8 ? 1 : 0;
    return {
      date: iso(day * DAY_MS),
      minutes: completed * 3 + errored,
      completed,
      canceled: 0,
      errored,
      timeout: 0,
    };
  });
  return { start: iso(range.start), end: iso(range.end), counts };
}

const PAYLOAD_SOURCES: Record<string, string[]> = {
  deviceState: ['mqtt', 'rest'],
  deviceConnect: ['mqtt'],
  deviceDisconnect: ['mqtt'],
  mqttIn: ['mqtt'],
  mqttOut: ['mqtt'],
  webhook: ['webhook'],
  timer: ['flow'],
  endpoint: ['experience'],
};
const BYTES_PER_PAYLOAD = 180;

export function payloadCounts(
  orgId: string,
  range: UsageRange,
  asBytes: boolean,
): LosantPayloadStats {
  const days = daysOf(range);
  const stats: LosantPayloadStats = {};
  Object.entries(PAYLOAD_SOURCES).forEach(([type, sources], t) => {
    stats[type] = Object.fromEntries(
      sources.map((source, s) => {
        const count = days.reduce(
          (sum, day) => sum + Math.floor(noise(orgId, day, 10 + t * 7 + s) * 500),
          0,
        );
        return [source, asBytes ? count * BYTES_PER_PAYLOAD : count];
      }),
    );
  });
  return stats;
}
