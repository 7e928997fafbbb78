// Members and pending invites against the org's member limit: counted, simulated step by step, said.
import type { LiveOrg } from '../model/live-org.js';
import type { MemberSeats } from '../model/plan.js';
import { formatCount } from './describe-operation.js';

/** The live org's seats: members, invites not expired, and the limit when the org read gave one. */
export function countSeats(live: Pick<LiveOrg, 'members' | 'invites' | 'memberLimit'>): MemberSeats {
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
