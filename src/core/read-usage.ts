// The usage report of many orgs, read concurrently: the one core behind `losant-org usage` and mode usage.
import type { LosantApi } from '../losant/api.js';
import { LosantApiError } from '../losant/api-error.js';
import { buildOrgUsage } from '../usage/build-org-usage.js';
import type { ReportRange } from '../usage/report-range.js';
import type { OrgUsage, OrgUsageFailure, UsageReport } from '../usage/usage-report.js';

export type UsageApi = Pick<
  LosantApi,
  'get' | 'pendingInvites' | 'deviceCounts' | 'payloadCounts' | 'notebookMinuteCounts'
>;

export interface ReadUsageOptions {
  api: UsageApi;
  orgIds: readonly string[];
  range: ReportRange;
  /** A figure at or above this percent of its limit is near it. */
  warnAtPercent: number;
  /** The report's time (ms since epoch). */
  now: number;
}

/** Five reads per org, all orgs at once; an org whose reads fail is reported with the error, the others as usual. */
export async function readUsage(options: ReadUsageOptions): Promise<UsageReport> {
  const seen = new Set<string>();
  const orgIds = options.orgIds.filter((id) => {
    const key = id.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const range = {
    from: new Date(options.range.start).toISOString(),
    to: new Date(options.range.end).toISOString(),
  };
  const orgs = await Promise.all(
    orgIds.map(async (orgId): Promise<OrgUsage | OrgUsageFailure> => {
      try {
        const { api } = options;
        const timeRange = { start: options.range.start, end: options.range.end };
        const [org, invites, devices, payloads, notebookMinutes] = await Promise.all([
          api.get(orgId),
          api.pendingInvites(orgId),
          api.deviceCounts(orgId, timeRange),
          api.payloadCounts(orgId, timeRange),
          api.notebookMinuteCounts(orgId, timeRange),
        ]);
        return buildOrgUsage(
          orgId,
          { org, invites, devices, payloads, notebookMinutes },
          range,
          options.warnAtPercent,
        );
      } catch (error) {
        if (!(error instanceof LosantApiError)) throw error;
        const failure: OrgUsageFailure['error'] = { message: error.message, action: error.action };
        if (error.status !== undefined) failure.status = error.status;
        return { id: orgId, error: failure };
      }
    }),
  );
  return {
    generatedAt: new Date(options.now).toISOString(),
    warnAtPercent: options.warnAtPercent,
    orgs,
  };
}
