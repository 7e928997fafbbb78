// Guards checked on a whole org plan before anything is written; a refused plan writes nothing.
import { emailKey, roleRank } from '../model/access.js';
import { adminDelta } from '../model/admin-change.js';
import type { Policy } from '../model/desired-org.js';
import type { LiveOrg, TokenUser } from '../model/live-org.js';
import type { GuardRefusal, Operation } from '../model/plan.js';
import { plural } from './describe-access.js';
import { simulateSeats } from './member-seats.js';

export interface GuardInput {
  live: LiveOrg;
  policy: Policy;
  /** In execution order. */
  operations: readonly Operation[];
  /** null or undefined: not known, the token-user guard has nothing to check. */
  tokenUser?: TokenUser | null | undefined;
  /** From --allow-removals N: removals up to N are accepted whatever the policy says. */
  allowRemovals?: number | undefined;
}

/** Said once per plan when GET /me was refused, so the token's own user could not be protected. */
export const TOKEN_USER_UNKNOWN_WARNING =
  "this token may not call GET /me, so the token's own user is not known; relying on the other guards";

function describeAdminLoss(op: Operation): string {
  if (op.action === 'modifyMember') {
    return `demoting ${op.target.email} (${op.before.role} -> ${op.after.role})`;
  }
  return `removing ${op.target.email} (admin)`;
}

/** Members with the org role admin, the only ones minAdmins counts. */
export function countAdmins(live: Pick<LiveOrg, 'members'>): number {
  return live.members.filter((m) => m.access.role === 'admin').length;
}

/** The first operation, in execution order, that leaves fewer than minAdmins admins. */
export function checkMinAdmins(input: GuardInput): GuardRefusal[] {
  const min = input.policy.minAdmins;
  let admins = countAdmins(input.live);
  for (const op of input.operations) {
    const delta = adminDelta(op);
    admins += delta;
    // A state that started short is not made worse by promotions; only a loss below the floor is refused.
    if (delta >= 0 || admins >= min) continue;
    const invitedAdmins = input.operations
      .filter((o) => o.action === 'inviteMember' && o.after.role === 'admin')
      .map((o) => o.target.email);
    const loss = describeAdminLoss(op);
    let message = `${loss} would leave ${plural(admins, 'admin')}, fewer than policy.minAdmins (${min})`;
    let override = `keep at least ${plural(min, 'admin')} in the file, or lower policy.minAdmins`;
    if (invitedAdmins.length > 0) {
      const invitees = invitedAdmins.join(', ');
      message += `; pending invites do not count as admins until they are accepted, so inviting ${invitees} as admin does not help yet`;
      override =
        `apply in two steps: first keep ${op.target.email} as admin in the file and apply the invite; ` +
        `once ${invitees} ${invitedAdmins.length === 1 ? 'has' : 'have'} accepted, ` +
        `apply the ${op.action === 'removeMember' ? 'removal' : 'demotion'}. Or lower policy.minAdmins`;
    }
    return [{ guard: 'minAdmins', message, override }];
  }
  return [];
}

/** The token's own user is never removed and never given a lower org role. */
export function checkTokenUser(input: GuardInput): GuardRefusal[] {
  const user = input.tokenUser;
  if (user === null || user === undefined) return [];
  const refusals: GuardRefusal[] = [];
  for (const op of input.operations) {
    if (op.action !== 'removeMember' && op.action !== 'modifyMember') continue;
    const isTokenUser =
      op.target.userId === user.userId || emailKey(op.target.email) === emailKey(user.email);
    if (!isTokenUser) continue;
    if (op.action === 'removeMember') {
      refusals.push({
        guard: 'tokenUser',
        message: `the plan removes ${op.target.email}, the user this API token belongs to`,
        override: `declare ${op.target.email} in the file (role ${op.before.role}), or run with another admin's token`,
      });
    } else if (roleRank(op.after.role) < roleRank(op.before.role)) {
      refusals.push({
        guard: 'tokenUser',
        message: `the plan demotes ${op.target.email} (${op.before.role} -> ${op.after.role}), the user this API token belongs to`,
        override: `keep ${op.target.email} as ${op.before.role} in the file, or run with another admin's token`,
      });
    }
  }
  return refusals;
}

export interface RemovalCount {
  members: number;
  invites: number;
  total: number;
}

/** Removals that take access away: removed members and revoked undeclared invites (not re-sends). */
export function countRemovals(operations: readonly Operation[]): RemovalCount {
  let members = 0;
  let invites = 0;
  for (const op of operations) {
    if (op.action === 'removeMember') members += 1;
    else if (op.action === 'revokeInvite' && op.kind === 'undeclared') invites += 1;
  }
  return { members, invites, total: members + invites };
}

/** Org size from which the quarter rule applies. */
const QUARTER_RULE_MIN_SIZE = 10;

export function checkMaxRemovals(input: GuardInput): GuardRefusal[] {
  const count = countRemovals(input.operations);
  if (count.total === 0) return [];
  const max = input.policy.maxRemovals;
  const size = input.live.members.length + input.live.invites.length;
  const overMax = count.total > max;
  const overQuarter = size >= QUARTER_RULE_MIN_SIZE && count.total * 4 > size;
  if (!overMax && !overQuarter) return [];
  const allowed = input.allowRemovals;
  if (allowed !== undefined && allowed >= count.total) return [];

  const what = `${plural(count.total, 'removal')} (${plural(count.members, 'member')} removed, ${plural(count.invites, 'undeclared invite')} revoked)`;
  const limits: string[] = [];
  if (overMax) limits.push(`more than policy.maxRemovals (${max})`);
  if (overQuarter) {
    limits.push(
      `more than a quarter of the org's ${size} members and pending invites (${Math.floor(size / 4)})`,
    );
  }
  let message = `${what}: ${limits.join(' and ')}`;
  if (allowed !== undefined) message += `; --allow-removals ${allowed} does not cover them`;
  const override = overQuarter
    ? `if these removals are intended, rerun with --allow-removals ${count.total}`
    : `if these removals are intended, rerun with --allow-removals ${count.total}, or set policy.maxRemovals to ${count.total} or more`;
  return [{ guard: 'maxRemovals', message, override }];
}

/**
 * Losant refuses an invite that would pass the org's member limit (members and pending invites). The
 * planner frees seats first where it can (buildPlan); what is left over is refused here, before any
 * write. A plan that takes no seat is never refused, even in an org already over its limit.
 */
export function checkMemberLimit(input: GuardInput): GuardRefusal[] {
  const limit = input.live.memberLimit;
  if (limit === undefined) return [];
  const seats = simulateSeats(input.live, input.operations);
  if (!seats.takesSeats) return [];
  const { members, pendingInvites } = seats.end;
  const total = members + pendingInvites;
  if (total > limit) {
    const over = total - limit;
    return [
      {
        guard: 'memberLimit',
        message:
          `after this plan the org would have ${plural(members, 'member')} and ${plural(pendingInvites, 'pending invite')}, ` +
          `${total} of its member limit of ${limit}: ${over} over`,
        override: `declare ${over} fewer ${over === 1 ? 'person' : 'people'} in the file (members and invitees together), or ask Losant to raise the org's member limit`,
      },
    ];
  }
  if (seats.peak > limit && seats.peakAt?.action === 'inviteMember') {
    return [
      {
        guard: 'memberLimit',
        message:
          `inviting ${seats.peakAt.target.email} would pass the member limit of ${limit} (${seats.peak} seats taken) ` +
          'before the removals of admins that free the seats; admins are removed last, so that minAdmins holds at every step',
        override:
          'apply in two steps: first without the new invites (the removals free the seats), then with them',
      },
    ];
  }
  return [];
}

/** Every guard, in a fixed order, so that refusals are deterministic. */
export function checkGuards(input: GuardInput): GuardRefusal[] {
  return [
    ...checkMinAdmins(input),
    ...checkTokenUser(input),
    ...checkMaxRemovals(input),
    ...checkMemberLimit(input),
  ];
}
