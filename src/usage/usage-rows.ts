// The one table of an org's usage that the text and markdown renderers both lay out, and its words.
import { formatCount } from '../plan/describe-operation.js';
import type { MemberSeats } from '../model/plan.js';
import type { MemberUsage, NearLimit, OrgUsage, UsageRange } from './usage-report.js';

export interface UsageRow {
  name: string;
  used: string;
  limit: string;
  percent: string;
  /** Whether the figure is at or above the warning threshold. */
  near: boolean;
}

const NONE = '-';

function percentText(percent: number | null): string {
  return percent === null ? NONE : `${percent.toFixed(percent >= 10 ? 0 : 1)}%`;
}

function countText(n: number | null): string {
  return n === null ? NONE : formatCount(n);
}

export function usageRows(org: OrgUsage): UsageRow[] {
  const near = new Set(org.nearLimit.map((n) => n.name));
  const row = (
    name: string,
    figure: { used: number | null; limit: number | null; percent: number | null },
  ): UsageRow => ({
    name,
    used: countText(figure.used),
    limit: countText(figure.limit),
    percent: percentText(figure.percent),
    near: near.has(name),
  });
  return [
    row('members and pending invites', org.members),
    row('devices', org.devices),
    row('payloads this billing period', org.payloads),
    row('notebook minutes this billing period', org.notebookMinutes),
    ...org.resources.map((r) => row(r.name, r)),
  ];
}

/** The report's members as the plan's seats, for the one wording of them (describeSeats). */
export function seatsOf(members: MemberUsage): MemberSeats {
  const seats: MemberSeats = { members: members.count, pendingInvites: members.pendingInvites };
  if (members.limit !== null) seats.limit = members.limit;
  return seats;
}

/** "2026-11-05 to 2026-12-05" */
export function describeRange(range: UsageRange): string {
  return `${range.from.slice(0, 10)} to ${range.to.slice(0, 10)}`;
}

/** "devices at 82% of the limit (1,236 of 1,500)" */
export function describeNearLimit(item: NearLimit): string {
  return `${item.name} at ${percentText(item.percent)} of the limit (${formatCount(item.used)} of ${formatCount(item.limit)})`;
}

/** What happened over the range, in one sentence per figure. */
export function describeRangeTotals(org: OrgUsage): string[] {
  const first = org.devices.perDay[0];
  const last = org.devices.perDay.at(-1);
  const devices =
    first === undefined || last === undefined
      ? 'devices: no daily counts in the range'
      : `devices ${formatCount(first.total)} -> ${formatCount(last.total)} ` +
        `(+${formatCount(org.devices.created)} created, -${formatCount(org.devices.deleted)} deleted)`;
  const total = org.payloads.inRange;
  const top = org.payloads.byType
    .slice(0, 3)
    .filter((t) => t.count > 0)
    .map((t) => `${t.type} ${total > 0 ? Math.round((t.count / total) * 100) : 0}%`);
  const payloads = `${formatCount(total)} payloads${top.length > 0 ? ` (${top.join(', ')})` : ''}`;
  const minutes = `${formatCount(org.notebookMinutes.inRange)} notebook minutes`;
  return [devices, payloads, minutes];
}
