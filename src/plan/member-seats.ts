// Members and pending invites against the org's member limit: counted, simulated step by step, said.
import type { LiveOrg } from '../model/live-org.js';
import { PHASES, type MemberSeats, type Operation, type RevokeOperation } from '../model/plan.js';
import { formatCount } from './describe-operation.js';

/** The live org's seats: members, invites not expired, and the limit when the org read gave one. */
export function countSeats(
  live: Pick<LiveOrg, 'members' | 'invites' | 'memberLimit'>,
): MemberSeats {
  let pendingInvites = 0;
  for (const invite of live.invites) if (!invite.hasExpired) pendingInvites += 1;
  const seats: MemberSeats = { members: live.members.length, pendingInvites };
  if (live.memberLimit !== undefined) seats.limit = live.memberLimit;
  return seats;
}

/**
 * "members 5 of 8, 1 invite pending" (without a known limit: "members 5, 1 invite pending"): the one
 * wording of the seats in text, markdown and `usage`.
 */
export function describeSeats(seats: MemberSeats): string {
  const members =
    seats.limit === undefined
      ? `members ${formatCount(seats.members)}`
      : `members ${formatCount(seats.members)} of ${formatCount(seats.limit)}`;
  const invites = seats.pendingInvites === 1 ? 'invite' : 'invites';
  return `${members}, ${formatCount(seats.pendingInvites)} ${invites} pending`;
}

/** Seats the plan's operations take and free, phase by phase, as apply runs them. */
export interface SeatSteps {
  /** Most seats taken at any moment, whatever the order of the operations within a phase. */
  peak: number;
  /** The first invite of the phase where the peak is reached, when the peak is above the start. */
  peakAt?: Operation;
  /** Whether any invite takes a seat (a re-send of a pending invite does not). */
  takesSeats: boolean;
  /** After the whole plan. */
  end: { members: number; pendingInvites: number };
}

/** Whether revoking this invite frees a seat: it is pending (an expired invite holds none). */
export function revokeFreesSeat(live: Pick<LiveOrg, 'invites'>): (op: RevokeOperation) => boolean {
  const pending = new Set(live.invites.filter((i) => !i.hasExpired).map((i) => i.id.toLowerCase()));
  return (op) => pending.has(op.query.inviteId.toLowerCase());
}

/**
 * Seats step by step. Within a phase, apply runs different people at once: an invite may come before
 * another person's revoke or removal, so only what precedes it in its own person's chain (a re-send's
 * revoke) is counted before it.
 */
export function simulateSeats(
  live: Pick<LiveOrg, 'members' | 'invites'>,
  operations: readonly Operation[],
): SeatSteps {
  const frees = revokeFreesSeat(live);
  const start = countSeats(live);
  let members = start.members;
  let pendingInvites = start.pendingInvites;
  let peak = members + pendingInvites;
  let peakAt: Operation | undefined;
  let takesSeats = false;
  const byId = new Map(operations.map((op) => [op.id, op]));
  for (const phase of PHASES) {
    const ops = operations.filter((op) => op.phase === phase);
    let taken = members + pendingInvites;
    let firstInvite: Operation | undefined;
    for (const op of ops) {
      if (op.action !== 'inviteMember') continue;
      const replaced = op.dependsOn
        .map((id) => byId.get(id))
        .find((d) => d?.action === 'revokeInvite');
      // A re-send of a pending invite gives back the seat its own revoke freed just before.
      if (replaced?.action === 'revokeInvite' && frees(replaced)) continue;
      taken += 1;
      takesSeats = true;
      firstInvite ??= op;
    }
    if (taken > peak) {
      peak = taken;
      peakAt = firstInvite;
    }
    for (const op of ops) {
      if (op.action === 'inviteMember') pendingInvites += 1;
      else if (op.action === 'revokeInvite' && frees(op)) pendingInvites -= 1;
      else if (op.action === 'removeMember') members -= 1;
    }
  }
  return {
    peak,
    ...(peakAt !== undefined ? { peakAt } : {}),
    takesSeats,
    end: { members, pendingInvites },
  };
}
