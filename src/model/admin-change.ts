// What an operation does to the number of admins: the one rule behind minAdmins and apply's stop.
import type { Operation } from './plan.js';

/**
 * +1 when the operation makes a member an admin, -1 when it takes an admin away, else 0.
 * Invites do not count: an invitee is no admin until the invite is accepted.
 */
export function adminDelta(op: Operation): number {
  if (op.action === 'modifyMember') {
    return (op.after.role === 'admin' ? 1 : 0) - (op.before.role === 'admin' ? 1 : 0);
  }
  if (op.action === 'removeMember') return op.before.role === 'admin' ? -1 : 0;
  return 0;
}

/** Removes an admin, or demotes one to another role. */
export function takesAdminAway(op: Operation): boolean {
  return adminDelta(op) < 0;
}
