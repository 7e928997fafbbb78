// A fleet's usage, day by day, for deviceCounts, notebookMinuteCounts, payloadCounts and the org's summary.
// Every figure is a function of the org, the fleet and the UTC day alone, so that any two ranges agree
// on the days they share and repeated calls give the same answer.
import type {
  LosantDeviceCounts,
  LosantNotebookMinuteCounts,
  LosantPayloadStats,
} from '../losant/types.js';
import { validationFailure } from './api-failure.js';
import type { SeedUsage } from './emulator-seed.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_RANGE_MS = 30 * DAY_MS;
/** The emulator keeps no history older than this before its clock (a bound of its own, not Losant's). */
export const HISTORY_DAYS = 1096;

/** The payload types of schemas/losant/payloadStats.json. */
export const PAYLOAD_TYPES = [
  'appFile',
  'dataTable',
  'deviceCreate',
  'deviceCommand',
  'deviceConnect',
  'deviceDisconnect',
  'deviceState',
  'endpoint',
  'event',
  'flowError',
  'inboundEmail',
  'integration',
  'mqttIn',
  'mqttOut',
  'notebook',
  'resourceJob',
  'timer',
  'virtualButton',
  'webhook',
] as const;

/** Where each type's payloads come from, and in what share (the keys under a type in payloadStats). */
const SOURCES: Partial<Record<string, [string, number][]>> = {
  deviceState: [
    ['mqtt', 0.72],
    ['rest', 0.2],
    ['flow', 0.08],
  ],
  deviceCommand: [
    ['flow', 0.8],
    ['rest', 0.2],
  ],
  deviceConnect: [['mqtt', 1]],
  deviceDisconnect: [['mqtt', 1]],
  mqttIn: [['mqtt', 1]],
  mqttOut: [['flow', 1]],
  webhook: [['webhook', 1]],
  timer: [['flow', 1]],
  endpoint: [['experience', 1]],
  integration: [['integration', 1]],
  event: [
    ['flow', 0.6],
    ['rest', 0.4],
  ],
};

/** Average payload sizes in bytes, for asBytes (made up, plausible). */
const BYTES_PER_PAYLOAD: Partial<Record<string, number>> = {
  deviceState: 240,
  deviceCommand: 120,
  deviceConnect: 60,
  deviceDisconnect: 60,
  mqttIn: 310,
  mqttOut: 180,
  webhook: 900,
  timer: 40,
  endpoint: 650,
};
const DEFAULT_BYTES_PER_PAYLOAD = 200;

/** The fleet of an org whose seed says nothing about usage. */
export const DEFAULT_USAGE: Required<SeedUsage> = {
  devices: 42,
  devicesCreatedPerDay: 1.5,
  payloadsPerDay: {
    deviceState: 12_000,
    deviceConnect: 300,
    deviceDisconnect: 290,
    deviceCommand: 150,
    mqttIn: 1_500,
    mqttOut: 800,
    webhook: 400,
    timer: 1_440,
    endpoint: 600,
  },
  notebookMinutesPerDay: 6,
  resources: {
    appCount: 2,
    dashCount: 2,
    flowCount: 7,
    notebookCount: 1,
    dataTableCount: 1,
    experienceUserCount: 25,
    webhookCount: 3,
  },
};

export interface UsageRange {
  start: number;
  end: number;
}

/** A fleet with every default filled in, for one org. */
export interface Fleet {
  orgId: string;
  usage: Required<SeedUsage>;
}

export function fleetOf(orgId: string, usage: SeedUsage | undefined): Fleet {
  return {
    orgId,
    usage: {
      devices: usage?.devices ?? DEFAULT_USAGE.devices,
      devicesCreatedPerDay: usage?.devicesCreatedPerDay ?? DEFAULT_USAGE.devicesCreatedPerDay,
      payloadsPerDay: usage?.payloadsPerDay ?? DEFAULT_USAGE.payloadsPerDay,
      notebookMinutesPerDay: usage?.notebookMinutesPerDay ?? DEFAULT_USAGE.notebookMinutesPerDay,
      resources: usage?.resources ?? DEFAULT_USAGE.resources,
    },
  };
}

/**
 * `start` and `end` (ms since epoch, as api-info.json says; an ISO date is taken too), defaulting to
 * the last 30 days (a guess: the API description names no default).
 */
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

/** A number in [0, 1) that depends only on the org, the day and the salt. */
function noise(orgId: string, day: number, salt: number): number {
  let h = 2166136261 ^ salt;
  for (const ch of `${orgId}:${day}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return ((h >>> 0) % 100_000) / 100_000;
}

function salt(text: string): number {
  let h = 0;
  for (const ch of text) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

/** The UTC days whose start lies in the range (and the day the range starts in), none after today, none before the history. */
function daysOf(range: UsageRange, now: number): number[] {
  const today = Math.floor(now / DAY_MS);
  const first = Math.max(Math.floor(range.start / DAY_MS), today - HISTORY_DAYS);
  const last = Math.min(Math.floor(range.end / DAY_MS), today);
  const days: number[] = [];
  for (let day = first; day <= last; day += 1) days.push(day);
  return days;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Weekends are quieter. Day 0 (1970-01-01) was a Thursday. */
function weekdayFactor(day: number): number {
  const weekday = (day + 4) % 7;
  return weekday === 0 || weekday === 6 ? 0.7 : 1;
}

function devicesCreated(fleet: Fleet, day: number): number {
  return Math.round(fleet.usage.devicesCreatedPerDay * 2 * noise(fleet.orgId, day, 1));
}

function devicesDeleted(fleet: Fleet, day: number): number {
  return Math.round(fleet.usage.devicesCreatedPerDay * 0.6 * noise(fleet.orgId, day, 2));
}

export function deviceCounts(fleet: Fleet, range: UsageRange, now: number): LosantDeviceCounts {
  const days = daysOf(range, now);
  const today = Math.floor(now / DAY_MS);
  // The total at the end of each day: today's is the fleet's size; earlier days undo the days after them.
  let total = fleet.usage.devices;
  const totals = new Map<number, number>();
  for (let day = today; day >= (days[0] ?? today); day -= 1) {
    totals.set(day, Math.max(0, total));
    total -= devicesCreated(fleet, day) - devicesDeleted(fleet, day);
  }
  const counts = days.map((day) => ({
    date: iso(day * DAY_MS),
    created: devicesCreated(fleet, day),
    deleted: devicesDeleted(fleet, day),
    total: totals.get(day) ?? 0,
  }));
  return { start: iso(range.start), end: iso(range.end), counts };
}

function notebookMinutes(fleet: Fleet, day: number): number {
  return Math.round(
    fleet.usage.notebookMinutesPerDay * weekdayFactor(day) * 2 * noise(fleet.orgId, day, 3),
  );
}

export function notebookMinuteCounts(
  fleet: Fleet,
  range: UsageRange,
  now: number,
): LosantNotebookMinuteCounts {
  const counts = daysOf(range, now).map((day) => {
    const minutes = notebookMinutes(fleet, day);
    const runs = Math.ceil(minutes / 4);
    const errored = runs > 0 && noise(fleet.orgId, day, 4) > 0.85 ? 1 : 0;
    const timeout = runs > errored && noise(fleet.orgId, day, 5) > 0.95 ? 1 : 0;
    return {
      date: iso(day * DAY_MS),
      minutes,
      completed: runs - errored - timeout,
      canceled: 0,
      errored,
      timeout,
    };
  });
  return { start: iso(range.start), end: iso(range.end), counts };
}

function payloadsOn(fleet: Fleet, type: string, perDay: number, day: number): number {
  return Math.round(
    perDay * weekdayFactor(day) * (0.85 + 0.3 * noise(fleet.orgId, day, salt(type))),
  );
}

export function payloadCounts(
  fleet: Fleet,
  range: UsageRange,
  now: number,
  asBytes: boolean,
): LosantPayloadStats {
  const days = daysOf(range, now);
  const stats: LosantPayloadStats = {};
  for (const [type, perDay] of Object.entries(fleet.usage.payloadsPerDay)) {
    const count = days.reduce((sum, day) => sum + payloadsOn(fleet, type, perDay, day), 0);
    const size = asBytes ? (BYTES_PER_PAYLOAD[type] ?? DEFAULT_BYTES_PER_PAYLOAD) : 1;
    const sources = SOURCES[type] ?? [['flow', 1]];
    const bySource: Record<string, number> = {};
    let left = count;
    sources.forEach(([source, share], i) => {
      const n = i === sources.length - 1 ? left : Math.round(count * share);
      left -= n;
      bySource[source] = n * size;
    });
    stats[type] = bySource;
  }
  return stats;
}

/** The current billing period: from the start of this UTC month (a guess: Losant bills monthly, from the org's own day). */
export function billingPeriod(now: number): UsageRange {
  const date = new Date(now);
  return { start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1), end: now };
}

/** The org summary's usage fields: device count, payloads and notebook minutes this period, resources. */
export function usageSummary(fleet: Fleet, now: number): Record<string, unknown> {
  const period = billingPeriod(now);
  const minutes = notebookMinuteCounts(fleet, period, now).counts ?? [];
  return {
    ...fleet.usage.resources,
    deviceCount: fleet.usage.devices,
    payloadCount: payloadCounts(fleet, period, now, false),
    notebookStats: {
      awaitingCompletion: 0,
      minutesThisPeriod: minutes.reduce((sum, c) => sum + (c.minutes ?? 0), 0),
      runsThisPeriod: minutes.reduce(
        (sum, c) => sum + (c.completed ?? 0) + (c.errored ?? 0) + (c.timeout ?? 0),
        0,
      ),
    },
  };
}
