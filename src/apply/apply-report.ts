// What an apply did: per org and operation, done, failed or skipped, with the reason; safe to print.
import type { Operation, OperationAction, Phase } from '../model/plan.js';

export type OperationStatus = 'done' | 'failed' | 'skipped';

export interface OperationResult {
  /** The plan's operation id, `<orgId>:<n>`. */
  id: string;
  orgId: string;
  action: OperationAction;
  phase: Phase;
  /** The operation in a few words, e.g. "invite dave@acme.com (edit)". */
  summary: string;
  status: OperationStatus;
  /** How many times the write was sent (the client may retry each one internally). */
  attempts: number;
  /** Why it failed: the API's answer and what to do; never the token. */
  error?: string;
  /** Why it was skipped ('interrupted', a failed dependency, a stopped org...). */
  reason?: string;
  /** How a done operation was confirmed when the answer was lost (read back). */
  note?: string;
}

export interface ResultCounts {
  done: number;
  failed: number;
  skipped: number;
  total: number;
}

export interface OrgApplyReport {
  orgId: string;
  orgName: string;
  file: string;
  /** Set when a 401, 403 or 404 on the org stopped this org's apply: why. */
  stopped?: string;
  counts: ResultCounts;
  /** In the plan's order. */
  operations: OperationResult[];
}

/** How the live org compares with the file after apply (see verify-apply.ts). */
export interface OrgVerification {
  orgId: string;
  /** True when nothing is left to do except invites awaiting acceptance. */
  matches: boolean;
  /** What still differs, one line each. */
  differences: string[];
  /** Invites that grant the declared access and wait for the invitee. */
  awaiting: number;
  /** The org could not be read again: why. */
  error?: string;
}

export interface Verification {
  matches: boolean;
  orgs: OrgVerification[];
}

/** A declared org that apply wrote nothing to, and why. */
export interface SkippedOrg {
  orgId: string;
  file: string;
  /** Known when the org was read. */
  orgName?: string;
  /** unreadable: its live state could not be read; refused: a guard refused its plan. */
  kind: 'unreadable' | 'refused';
  /** Why, and what to do. */
  reason: string;
}

export interface ApplyReport {
  /** Every operation done, no org skipped (and, once verified, every org matches its file). */
  ok: boolean;
  /** SIGINT/SIGTERM (or the caller's signal) stopped the apply before the end. */
  interrupted: boolean;
  counts: ResultCounts;
  orgs: OrgApplyReport[];
  /** Set by withVerification after the live state was read again. */
  verification?: Verification;
  /** Orgs left alone (absent when none): the others were applied all the same. */
  skippedOrgs?: SkippedOrg[];
}

export function countResults(results: readonly Pick<OperationResult, 'status'>[]): ResultCounts {
  const counts: ResultCounts = { done: 0, failed: 0, skipped: 0, total: results.length };
  for (const r of results) counts[r.status] += 1;
  return counts;
}

/** The report naming the orgs it left alone; not ok when there is any. */
export function withSkippedOrgs(report: ApplyReport, skipped: readonly SkippedOrg[]): ApplyReport {
  if (skipped.length === 0) return report;
  return { ...report, ok: false, skippedOrgs: [...skipped] };
}

/** The report with the verification in it; ok only when both apply and verification are. */
export function withVerification(report: ApplyReport, verification: Verification): ApplyReport {
  return { ...report, ok: report.ok && verification.matches, verification };
}

/** An operation in a few words: what a progress line and the summary say. */
export function summarizeOperation(op: Operation): string {
  switch (op.action) {
    case 'patch':
      return `update org properties (${Object.keys(op.body).join(', ')})`;
    case 'inviteMember':
      return `invite ${op.target.email} (${op.after.role})`;
    case 'modifyMember':
      return op.before.role === op.after.role
        ? `change ${op.target.email} (${op.after.role}, resource roles)`
        : `change ${op.target.email} (${op.before.role} -> ${op.after.role})`;
    case 'removeMember':
      return `remove ${op.target.email} (${op.before.role})`;
    case 'revokeInvite':
      return `revoke invite ${op.target.inviteId} of ${op.target.email} (${op.before.role})`;
  }
}
