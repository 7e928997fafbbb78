// One org's usage from its reads: the org (limits, summary), its invites and the three count actions.
// Everything read is untrusted: a field of the wrong type counts as absent, never as a number.
import type {
  LosantDeviceCounts,
  LosantNotebookMinuteCounts,
  LosantOrg,
  LosantOrgInvite,
  LosantPayloadStats,
} from '../losant/types.js';
import type {
  DeviceDay,
  LimitedFigure,
  NearLimit,
  NotebookDay,
  OrgUsage,
  PayloadType,
  PeriodFigure,
  ResourceUsage,
  UsageRange,
} from './usage-report.js';

export interface OrgUsageReads {
  org: LosantOrg;
  invites: readonly LosantOrgInvite[];
  devices: LosantDeviceCounts;
  payloads: LosantPayloadStats;
  notebookMinutes: LosantNotebookMinuteCounts;
}

/** The summary's resource counts and the key of each one's limit (schemas/losant/org.json). */
const RESOURCES: readonly [name: string, summaryKey: string, limitKey: string][] = [
  ['applications', 'appCount', 'application'],
  ['dashboards', 'dashCount', 'dashboard'],
  ['workflows', 'flowCount', 'flow'],
  ['data tables', 'dataTableCount', 'datatable'],
  ['notebooks', 'notebookCount', 'notebook'],
  ['experience users', 'experienceUserCount', 'experienceuser'],
  ['device recipes', 'deviceRecipeCount', 'devicerecipe'],
  ['webhooks', 'webhookCount', 'webhook'],
  ['integrations', 'integrationCount', 'integration'],
  ['API tokens', 'apiTokenCount', 'apitoken'],
  ['credentials', 'credentialCount', 'credential'],
  ['files', 'fileCount', 'file'],
  ['private files', 'privateFileCount', 'privatefile'],
  ['application keys', 'keyCount', 'applicationkey'],
  ['certificates', 'certificateCount', 'applicationcertificate'],
  ['certificate authorities', 'certificateAuthorityCount', 'applicationcertificateauthority'],
  ['experience domains', 'experienceDomainCount', 'experiencedomain'],
  ['experience endpoints', 'experienceEndpointCount', 'experienceendpoint'],
  ['experience groups', 'experienceGroupCount', 'experiencegroup'],
  ['experience slugs', 'experienceSlugCount', 'experienceslug'],
  ['experience versions', 'experienceVersionCount', 'experienceversion'],
  ['experience views', 'experienceViewCount', 'experienceview'],
  ['resource jobs', 'resourceJobCount', 'resourcejob'],
];

/** A count Losant sent: a finite number not below zero, else undefined. */
function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.round(value)
    : undefined;
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function figure(used: number, limit: number | undefined): LimitedFigure {
  if (limit === undefined) return { used, limit: null, percent: null };
  return {
    used,
    limit,
    percent: limit > 0 ? Math.round((used / limit) * 1000) / 10 : null,
  };
}

/** The sum of a payloadStats answer's counts by type (each type's sources added up). */
function payloadTypes(stats: unknown): PayloadType[] {
  const types: PayloadType[] = [];
  for (const [type, sources] of Object.entries(recordOf(stats))) {
    let count = 0;
    for (const n of Object.values(recordOf(sources))) count += countOf(n) ?? 0;
    types.push({ type, count });
  }
  return types.sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1));
}

function sortedByDate<T extends { date: string }>(days: T[]): T[] {
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function deviceDays(answer: LosantDeviceCounts): DeviceDay[] {
  const counts = Array.isArray(answer.counts) ? answer.counts : [];
  return sortedByDate(
    counts.flatMap((c) =>
      typeof c.date === 'string'
        ? [
            {
              date: c.date,
              total: countOf(c.total) ?? 0,
              created: countOf(c.created) ?? 0,
              deleted: countOf(c.deleted) ?? 0,
            },
          ]
        : [],
    ),
  );
}

function notebookDays(answer: LosantNotebookMinuteCounts): NotebookDay[] {
  const counts = Array.isArray(answer.counts) ? answer.counts : [];
  return sortedByDate(
    counts.flatMap((c) =>
      typeof c.date === 'string' ? [{ date: c.date, minutes: countOf(c.minutes) ?? 0 }] : [],
    ),
  );
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export function buildOrgUsage(
  orgId: string,
  reads: OrgUsageReads,
  range: UsageRange,
  warnAtPercent: number,
): OrgUsage {
  const limits = recordOf(reads.org.limits);
  const summary = recordOf(reads.org.summary);
  const limit = (key: string): number | undefined => countOf(limits[key]);

  const memberCount = Array.isArray(reads.org.members)
    ? reads.org.members.length
    : (countOf(summary['memberCount']) ?? 0);
  const pendingInvites = reads.invites.filter((i) => i.hasExpired !== true).length;

  const perDay = deviceDays(reads.devices);
  const deviceCount = countOf(summary['deviceCount']) ?? perDay.at(-1)?.total ?? 0;

  const byType = payloadTypes(reads.payloads);
  const periodPayloads = summary['payloadCount'];
  const thisPeriod =
    typeof periodPayloads === 'object' && periodPayloads !== null
      ? sum(payloadTypes(periodPayloads).map((t) => t.count))
      : undefined;

  const minutesPerDay = notebookDays(reads.notebookMinutes);
  const minutesThisPeriod = countOf(recordOf(summary['notebookStats'])['minutesThisPeriod']);

  const resources: ResourceUsage[] = RESOURCES.flatMap(([name, summaryKey, limitKey]) => {
    const used = countOf(summary[summaryKey]);
    return used === undefined ? [] : [{ name, ...figure(used, limit(limitKey)) }];
  });

  const usage: Omit<OrgUsage, 'nearLimit'> = {
    id: typeof reads.org.id === 'string' ? reads.org.id : orgId,
    name: typeof reads.org.name === 'string' ? reads.org.name : orgId,
    range,
    members: {
      count: memberCount,
      pendingInvites,
      ...figure(memberCount + pendingInvites, limit('member')),
    },
    devices: {
      ...figure(deviceCount, limit('device')),
      created: sum(perDay.map((d) => d.created)),
      deleted: sum(perDay.map((d) => d.deleted)),
      perDay,
    },
    payloads: {
      ...(thisPeriod === undefined
        ? { used: null, limit: limit('payload') ?? null, percent: null }
        : figure(thisPeriod, limit('payload'))),
      inRange: sum(byType.map((t) => t.count)),
      byType,
    },
    notebookMinutes: {
      ...(minutesThisPeriod === undefined
        ? { used: null, limit: limit('notebookMinutesPerMonth') ?? null, percent: null }
        : figure(minutesThisPeriod, limit('notebookMinutesPerMonth'))),
      inRange: sum(minutesPerDay.map((d) => d.minutes)),
      perDay: minutesPerDay,
    },
    resources,
  };
  return { ...usage, nearLimit: nearLimitOf(usage, warnAtPercent) };
}

function nearLimitOf(usage: Omit<OrgUsage, 'nearLimit'>, warnAtPercent: number): NearLimit[] {
  const figures: [string, LimitedFigure | PeriodFigure][] = [
    ['members and pending invites', usage.members],
    ['devices', usage.devices],
    ['payloads this billing period', usage.payloads],
    ['notebook minutes this billing period', usage.notebookMinutes],
    ...usage.resources.map((r): [string, LimitedFigure] => [r.name, r]),
  ];
  return figures.flatMap(([name, f]) =>
    f.used !== null && f.limit !== null && f.percent !== null && f.percent >= warnAtPercent
      ? [{ name, used: f.used, limit: f.limit, percent: f.percent }]
      : [],
  );
}
