// The usage report of one or many orgs: what `losant-org usage` and the Action's mode usage show.
// Described for machines by schemas/usage.schema.json.

/** The range the counts cover, as ISO times. */
export interface UsageRange {
  from: string;
  to: string;
}

/** A figure against the limit Losant states for it (null: the org read gave no limit). */
export interface LimitedFigure {
  used: number;
  limit: number | null;
  /** used / limit in percent, one decimal; null without a (non-zero) limit. */
  percent: number | null;
}

/** A figure of the current billing period; used is null when the org's summary did not give it. */
export interface PeriodFigure {
  used: number | null;
  limit: number | null;
  percent: number | null;
}

/** Members and invites not expired: both count against the member limit (Losant's resource-limits docs). */
export interface MemberUsage extends LimitedFigure {
  count: number;
  pendingInvites: number;
}

export interface DeviceDay {
  date: string;
  total: number;
  created: number;
  deleted: number;
}

/** Devices now against the device limit, and day by day over the range. */
export interface DeviceUsage extends LimitedFigure {
  created: number;
  deleted: number;
  perDay: DeviceDay[];
}

export interface PayloadType {
  type: string;
  count: number;
}

/** Payloads this billing period against the monthly limit, and by type over the range. */
export interface PayloadUsage extends PeriodFigure {
  inRange: number;
  byType: PayloadType[];
}

export interface NotebookDay {
  date: string;
  minutes: number;
}

/** Notebook minutes this billing period against the monthly limit, and day by day over the range. */
export interface NotebookMinuteUsage extends PeriodFigure {
  inRange: number;
  perDay: NotebookDay[];
}

/** One of the summary's resource counts (applications, dashboards, ...) against its limit. */
export interface ResourceUsage extends LimitedFigure {
  name: string;
}

/** A figure at or above the warning threshold. */
export interface NearLimit {
  name: string;
  used: number;
  limit: number;
  percent: number;
}

export interface OrgUsage {
  id: string;
  name: string;
  range: UsageRange;
  members: MemberUsage;
  devices: DeviceUsage;
  payloads: PayloadUsage;
  notebookMinutes: NotebookMinuteUsage;
  resources: ResourceUsage[];
  nearLimit: NearLimit[];
}

/** An org that could not be read: the others are reported all the same. */
export interface OrgUsageFailure {
  id: string;
  error: { message: string; action?: string; status?: number };
}

export interface UsageReport {
  generatedAt: string;
  warnAtPercent: number;
  orgs: (OrgUsage | OrgUsageFailure)[];
}

export function isOrgUsageFailure(org: OrgUsage | OrgUsageFailure): org is OrgUsageFailure {
  return 'error' in org;
}

/** Every figure of the report at or above its warning threshold, with its org. */
export function nearLimits(report: UsageReport): { org: OrgUsage; item: NearLimit }[] {
  return report.orgs.flatMap((org) =>
    isOrgUsageFailure(org) ? [] : org.nearLimit.map((item) => ({ org, item })),
  );
}
