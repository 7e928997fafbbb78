// One operation as lines a person reads: shared by the text and the markdown renderers.
import type { Access } from '../model/access.js';
import type { OrgProperties } from '../model/desired-org.js';
import type { ExpiringAccess, Operation, OrgPlan, Plan, PlanCounts } from '../model/plan.js';
import { grantChanges } from './describe-access.js';

/** `+` adds access, `~` changes it (a re-send's revoke and invite too), `-` takes it away. */
export type OperationSign = '+' | '~' | '-';

export interface OperationLines {
  sign: OperationSign;
  /** The operation in one line, e.g. "invite bob@acme.com as edit: not a member yet". */
  head: string;
  /** Resource roles or properties, one per line, without indentation. */
  details: string[];
}

function formatValue(value: string | undefined): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}

function grantLines(access: Access): string[] {
  return [
    ...access.applicationRoles.map((g) => `application ${g.resourceId}: ${g.role}`),
    ...access.dashboardRoles.map((g) => `dashboard ${g.resourceId}: ${g.role}`),
  ];
}

function grantChangeLines(before: Access, after: Access): string[] {
  return grantChanges(before, after).map((c) => {
    if (c.before === undefined) return `+ ${c.kind} ${c.resourceId}: ${c.after ?? ''}`;
    if (c.after === undefined) return `- ${c.kind} ${c.resourceId}: ${c.before}`;
    return `~ ${c.kind} ${c.resourceId}: ${c.before} -> ${c.after}`;
  });
}

export function describeOperation(op: Operation): OperationLines {
  switch (op.action) {
    case 'patch': {
      const keys = Object.keys(op.after) as (keyof OrgProperties)[];
      return {
        sign: '~',
        head: 'update org properties',
        details: keys.map(
          (k) => `${k}: ${formatValue(op.before[k])} -> ${formatValue(op.after[k])}`,
        ),
      };
    }
    case 'inviteMember': {
      const details = grantLines(op.after);
      if (op.body.disallowTransfer !== undefined) {
        details.push(`disallowTransfer: ${String(op.body.disallowTransfer)}`);
      }
      return {
        sign: op.resend === true ? '~' : '+',
        head: `invite ${op.target.email} as ${op.after.role}: ${op.reason}`,
        details,
      };
    }
    case 'modifyMember':
      return {
        sign: '~',
        head: `change ${op.target.email}: ${op.reason}`,
        details: grantChangeLines(op.before, op.after),
      };
    case 'removeMember':
      return {
        sign: '-',
        head: `remove ${op.target.email} (${op.before.role}): ${op.reason}`,
        details: [],
      };
    case 'revokeInvite':
      return {
        sign: op.kind === 'resend' ? '~' : '-',
        head: `revoke invite ${op.target.inviteId} of ${op.target.email} (${op.before.role}): ${op.reason}`,
        details: [],
      };
  }
}

/** 18312 -> "18,312", the same on every machine (no locale). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "2 to invite, 1 to change, 1 to remove" */
export function describeCounts(counts: PlanCounts): string {
  return (
    `${formatCount(counts.additions)} to invite, ${formatCount(counts.changes)} to change, ` +
    `${formatCount(counts.removals)} to remove`
  );
}

export function totalCounts(plan: Plan): PlanCounts {
  const total: PlanCounts = { additions: 0, changes: 0, removals: 0 };
  for (const org of plan.orgs) {
    total.additions += org.counts.additions;
    total.changes += org.counts.changes;
    total.removals += org.counts.removals;
  }
  return total;
}

export function operationCount(plan: Plan): number {
  return plan.orgs.reduce((n, org) => n + org.operations.length, 0);
}

/** A plan with any refusal writes nothing. */
export function isRefused(plan: Plan): boolean {
  return plan.orgs.some((org) => org.refusals.length > 0);
}

/** "invited 3 days ago", "invited today" */
export function describeAge(ageDays: number): string {
  if (ageDays === 0) return 'invited today';
  return `invited ${formatCount(ageDays)} day${ageDays === 1 ? '' : 's'} ago`;
}

/** "expires in 5 days (2027-01-31)": an expiring person's line, without the email. */
export function describeExpiring(e: ExpiringAccess): string {
  const when =
    e.daysLeft === 0
      ? 'expires within a day'
      : `expires in ${formatCount(e.daysLeft)} day${e.daysLeft === 1 ? '' : 's'}`;
  return `${when} (${e.expires})`;
}

/**
 * Where the configuration asks for an operation, as a suffix of its line: `  [file]` in the terminal
 * (only for an org of several files: one file is named by the org's heading), `  [file:line]` in
 * markdown, where a reviewer goes to the line.
 */
export function describeSource(
  op: Operation,
  org: Pick<OrgPlan, 'files'>,
  form: 'file' | 'file:line',
): string {
  const source = op.source;
  if (source === undefined) return '';
  if (form === 'file') return org.files === undefined ? '' : `  [${source.file}]`;
  return `  [${source.file}:${source.line}]`;
}

/** The org's files for a heading: one, or all of them when it is declared across several. */
export function describeOrgFiles(org: Pick<OrgPlan, 'file' | 'files'>): string {
  return org.files === undefined ? org.file : org.files.join(', ');
}
