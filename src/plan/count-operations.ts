// How operations count in a plan's headline: a re-send (its revoke and its invite) is one change.
import type { Operation, PlanCounts } from '../model/plan.js';

export type CountedAs = 'addition' | 'change' | 'removal';

/**
 * What an operation counts as; undefined for a re-send's revoke, which its invite counts for.
 * Additions: invites of people with no invite to replace. Changes: patch, modifyMember, re-sends.
 * Removals: removeMember, and revokes of undeclared and duplicate invites.
 */
export function countedAs(op: Operation): CountedAs | undefined {
  switch (op.action) {
    case 'inviteMember':
      return op.resend === true ? 'change' : 'addition';
    case 'patch':
    case 'modifyMember':
      return 'change';
    case 'removeMember':
      return 'removal';
    case 'revokeInvite':
      return op.kind === 'resend' ? undefined : 'removal';
  }
}

export function countOperations(operations: readonly Operation[]): PlanCounts {
  const counts: PlanCounts = { additions: 0, changes: 0, removals: 0 };
  for (const op of operations) {
    const kind = countedAs(op);
    if (kind === 'addition') counts.additions += 1;
    else if (kind === 'change') counts.changes += 1;
    else if (kind === 'removal') counts.removals += 1;
  }
  return counts;
}
