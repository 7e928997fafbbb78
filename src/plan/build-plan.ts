// The planner: desired org against live org -> the exact operations, in an order that keeps admins.
import jsonpatch from 'fast-json-patch';
import { emailKey, normalizeAccess, roleRank, sameAccess, type Access } from '../model/access.js';
import {
  MANAGED_ORG_PROPERTIES,
  type DesiredMember,
  type DesiredOrg,
  type OrgProperties,
  type SourceLocation,
} from '../model/desired-org.js';
import { compileEmailPatterns } from '../model/email-pattern.js';
import { DAY_MS, daysLeft, hasExpired } from '../model/expiry.js';
import type { LiveInvite, LiveMember, LiveOrg, TokenUser } from '../model/live-org.js';
import {
  PHASES,
  type AwaitingInvite,
  type ExpiringAccess,
  type InviteOperation,
  type JsonPatchOperation,
  type ModifyOperation,
  type Operation,
  type OrgPlan,
  type PatchOperation,
  type Phase,
  type Plan,
  type RemoveOperation,
  type RevokeKind,
  type RevokeOperation,
} from '../model/plan.js';
import { countOperations } from './count-operations.js';
import { describeAccessChange, describeAccessDifference, plural } from './describe-access.js';
import { fingerprintWhenRead, hashPlan } from './fingerprint.js';
import { checkGuards, countAdmins, TOKEN_USER_UNKNOWN_WARNING } from './guards.js';
import { outsideDomainWarnings } from './outside-domains.js';
import { countSeats, revokeFreesSeat, simulateSeats } from './member-seats.js';

export interface BuildPlanInput {
  desired: DesiredOrg;
  live: LiveOrg;
  /** The token's own user from GET /me; null when the token may not call /me; undefined: not asked. */
  tokenUser?: TokenUser | null | undefined;
  /** Planning time in ms since the epoch (invite ages and expiry are measured from it). */
  now: number;
  /** From --allow-removals N. */
  allowRemovals?: number | undefined;
  /** From --allow-changes N. */
  allowChanges?: number | undefined;
}

/** An operation before it has its place: sorted by phase, email, then `order`. */
interface Draft {
  op: Operation;
  email: string;
  /** Within one phase and email: a re-send's revoke (0) before its invite (1). */
  order: number;
  /** Last tie-breaker: the invite id, so that several revokes of one email stay in a stable order. */
  tie: string;
  /** The draft this one waits for (a re-sent invite waits for its revoke). */
  waitsFor?: Draft;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDrafts(a: Draft, b: Draft): number {
  return (
    PHASES.indexOf(a.op.phase) - PHASES.indexOf(b.op.phase) ||
    compareStrings(a.email, b.email) ||
    a.order - b.order ||
    compareStrings(a.tie, b.tie)
  );
}

/** Access with resource roles sorted: the form that goes into request bodies and the plan. */
function bodyAccess(access: Access): Access {
  return normalizeAccess(access);
}

function wholeDays(ms: number): number {
  return Math.max(0, Math.floor(ms / DAY_MS));
}

function daysAgo(days: number): string {
  return days === 0 ? 'today' : `${plural(days, 'day')} ago`;
}

function inviteTime(invite: LiveInvite): number {
  const t = Date.parse(invite.inviteDate);
  return Number.isNaN(t) ? 0 : t;
}

/** Newest first; equal dates by id, so the choice is stable. */
function newestFirst(invites: readonly LiveInvite[]): LiveInvite[] {
  return [...invites].sort((a, b) => inviteTime(b) - inviteTime(a) || compareStrings(b.id, a.id));
}

function pickProperties(
  properties: OrgProperties,
  keys: readonly (keyof OrgProperties)[],
): OrgProperties {
  const picked: Record<string, string> = {};
  for (const key of keys) {
    const value = properties[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked as OrgProperties;
}

/** billingEmail is an email address: like member emails, it is compared without case. */
function sameProperty(
  key: keyof OrgProperties,
  desired: string,
  live: string | undefined,
): boolean {
  if (desired === live) return true;
  return key === 'billingEmail' && live !== undefined && emailKey(desired) === emailKey(live);
}

function planPatch(desired: DesiredOrg, live: LiveOrg): PatchOperation | undefined {
  const differing = MANAGED_ORG_PROPERTIES.filter((key) => {
    const wanted = desired.properties[key];
    return wanted !== undefined && !sameProperty(key, wanted, live.properties[key]);
  });
  if (differing.length === 0) return undefined;
  const before = pickProperties(live.properties, differing);
  const after = pickProperties(desired.properties, differing);
  const patch = jsonpatch.compare(before, after).map((o): JsonPatchOperation => {
    const entry: JsonPatchOperation = { op: o.op as JsonPatchOperation['op'], path: o.path };
    if ('value' in o) entry.value = o.value;
    return entry;
  });
  return {
    id: '',
    orgId: desired.orgId,
    phase: 'patch',
    reason: `${differing.join(', ')} ${differing.length === 1 ? 'differs' : 'differ'} from the file`,
    dependsOn: [],
    action: 'patch',
    target: {},
    before,
    after,
    body: { ...after },
    patch,
    ...sourced(desired.sources?.[`/org/${differing[0] ?? ''}`]),
  };
}

/** `{ source }` when the place is known: operations of hand-made desired orgs carry none. */
function sourced(source: SourceLocation | undefined): { source?: SourceLocation } {
  return source === undefined ? {} : { source };
}

function memberPhase(before: Access, after: Access): Phase {
  const change = roleRank(after.role) - roleRank(before.role);
  return change > 0 ? 'promote' : change < 0 ? 'demote' : 'modify';
}

/** Collects the drafts, awaiting invites and warnings of one org. */
class OrgPlanner {
  readonly drafts: Draft[] = [];
  readonly awaiting: AwaitingInvite[] = [];
  readonly expiring: ExpiringAccess[] = [];
  readonly warnings: string[] = [];

  constructor(
    private readonly orgId: string,
    private readonly now: number,
  ) {}

  modify(member: LiveMember, desired: DesiredMember): void {
    const before = bodyAccess(member.access);
    const after = bodyAccess(desired.access);
    const op: ModifyOperation = {
      id: '',
      orgId: this.orgId,
      phase: memberPhase(before, after),
      reason: describeAccessChange(before, after),
      dependsOn: [],
      action: 'modifyMember',
      target: { email: member.email, userId: member.userId },
      before,
      after,
      body: {
        userId: member.userId,
        role: after.role,
        applicationRoles: after.applicationRoles,
        dashboardRoles: after.dashboardRoles,
      },
      source: desired.source,
    };
    this.drafts.push({ op, email: emailKey(member.email), order: 0, tie: member.userId });
  }

  remove(member: LiveMember, reason: string, source: SourceLocation | undefined): void {
    const op: RemoveOperation = {
      id: '',
      orgId: this.orgId,
      phase: 'remove',
      reason,
      dependsOn: [],
      action: 'removeMember',
      target: { email: member.email, userId: member.userId },
      before: bodyAccess(member.access),
      after: null,
      query: { userId: member.userId },
      ...sourced(source),
    };
    this.drafts.push({ op, email: emailKey(member.email), order: 0, tie: member.userId });
  }

  revoke(
    invite: LiveInvite,
    kind: RevokeKind,
    reason: string,
    source: SourceLocation | undefined,
  ): Draft {
    const op: RevokeOperation = {
      id: '',
      orgId: this.orgId,
      // A re-send's revoke runs just before its invite; revoking an invite never costs an admin.
      phase: kind === 'resend' ? 'invite' : 'revoke',
      reason,
      dependsOn: [],
      action: 'revokeInvite',
      target: { email: invite.email, inviteId: invite.id },
      before: bodyAccess(invite.access),
      after: null,
      query: { inviteId: invite.id },
      kind,
      ...sourced(source),
    };
    const draft: Draft = { op, email: emailKey(invite.email), order: 0, tie: invite.id };
    this.drafts.push(draft);
    return draft;
  }

  /** `replacing`: the revoke of the invite this one re-sends. */
  invite(desired: DesiredMember, reason: string, replacing?: Draft): void {
    const access = bodyAccess(desired.access);
    const body: InviteOperation['body'] = {
      email: desired.email,
      role: access.role,
      applicationRoles: access.applicationRoles,
      dashboardRoles: access.dashboardRoles,
    };
    if (desired.disallowTransfer !== undefined) body.disallowTransfer = desired.disallowTransfer;
    const op: InviteOperation = {
      id: '',
      orgId: this.orgId,
      phase: 'invite',
      reason,
      dependsOn: [],
      action: 'inviteMember',
      target: { email: desired.email },
      before: null,
      after: access,
      body,
      source: desired.source,
    };
    const draft: Draft = { op, email: emailKey(desired.email), order: 1, tie: '' };
    if (replacing !== undefined) {
      draft.waitsFor = replacing;
      op.resend = true;
    }
    this.drafts.push(draft);
  }

  awaitAcceptance(invite: LiveInvite): void {
    this.awaiting.push({
      email: invite.email,
      inviteId: invite.id,
      inviteDate: invite.inviteDate,
      ageDays: wholeDays(this.now - inviteTime(invite)),
    });
  }

  expiredDays(invite: LiveInvite): number {
    return wholeDays(this.now - inviteTime(invite) - invite.ttl);
  }

  /** A declared person who is not a member: awaiting, re-sent, left alone, or invited. */
  declaredNonMember(
    desired: DesiredMember,
    invites: readonly LiveInvite[],
    resendExpired: boolean,
  ): void {
    const transferMatches = (invite: LiveInvite): boolean =>
      desired.disallowTransfer === undefined ||
      (invite.disallowTransfer ?? false) === desired.disallowTransfer;
    const matches = (invite: LiveInvite): boolean =>
      sameAccess(invite.access, desired.access) && transferMatches(invite);
    const sorted = newestFirst(invites);
    const keep = sorted.find((i) => !i.hasExpired && matches(i));
    if (keep !== undefined) {
      this.awaitAcceptance(keep);
      for (const extra of sorted) {
        if (extra !== keep)
          this.revoke(
            extra,
            'duplicate',
            'duplicate invite; the newest one is kept',
            desired.source,
          );
      }
      return;
    }
    if (sorted.length === 0) {
      this.invite(desired, 'not a member yet');
      return;
    }
    const pending = sorted.find((i) => !i.hasExpired);
    const newest = sorted[0] as LiveInvite;
    if (pending === undefined && !resendExpired) {
      const other = matches(newest)
        ? ''
        : ` (it has other access: ${describeAccessDifference(newest.access, desired.access)})`;
      this.warnings.push(
        `the invite of ${newest.email} expired ${daysAgo(this.expiredDays(newest))}${other}; ` +
          'policy.resendExpiredInvites is false, so it is left as it is',
      );
      for (const extra of sorted) {
        if (extra !== newest)
          this.revoke(
            extra,
            'duplicate',
            'duplicate invite; the newest one is kept',
            desired.source,
          );
      }
      return;
    }
    const replaced = pending ?? newest;
    let reason: string;
    if (replaced.hasExpired) {
      reason = `invite expired ${daysAgo(this.expiredDays(replaced))}; re-sending`;
    } else if (!sameAccess(replaced.access, desired.access)) {
      reason = `invite has other access (${describeAccessDifference(replaced.access, desired.access)}); re-sending`;
    } else {
      const was = replaced.disallowTransfer ?? false;
      reason = `invite has disallowTransfer ${String(was)}, the file says ${String(!was)}; re-sending`;
    }
    const revoke = this.revoke(replaced, 'resend', reason, desired.source);
    this.invite(desired, reason, revoke);
    for (const extra of sorted) {
      if (extra !== replaced)
        this.revoke(extra, 'duplicate', 'duplicate invite; a new one is sent', desired.source);
    }
  }
}

function groupByEmail<T extends { email: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = emailKey(item.email);
    const list = map.get(key);
    if (list === undefined) map.set(key, [item]);
    else list.push(item);
  }
  return map;
}

function expiredReason(d: DesiredMember): string {
  return `access expired on ${d.expires?.text ?? ''}`;
}

/** Declared people whose access ends within policy.expiryWarningDays, soonest first. */
function expiringSoon(
  declared: readonly DesiredMember[],
  warningDays: number,
  now: number,
): ExpiringAccess[] {
  const soon: { at: number; entry: ExpiringAccess }[] = [];
  for (const d of declared) {
    const expires = d.expires;
    if (expires === undefined || hasExpired(expires, now)) continue;
    if (expires.at - now > warningDays * DAY_MS) continue;
    soon.push({
      at: expires.at,
      entry: { email: d.email, expires: expires.text, daysLeft: daysLeft(expires, now) },
    });
  }
  soon.sort(
    (a, b) => a.at - b.at || compareStrings(emailKey(a.entry.email), emailKey(b.entry.email)),
  );
  return soon.map((s) => s.entry);
}

function planMembership(
  planner: OrgPlanner,
  desired: DesiredOrg,
  live: LiveOrg,
  now: number,
): void {
  const declared = desired.members;
  if (declared === undefined) return;
  const { policy } = desired;
  const isUnmanaged = compileEmailPatterns(policy.unmanaged);
  // People the file does not declare are removed by the policy (or, by default, by `members:`).
  const membersAt = desired.sources?.['/members'];
  const removesUndeclared = desired.sources?.['/policy/removeUndeclaredMembers'] ?? membersAt;
  const revokesUndeclared = desired.sources?.['/policy/revokeUndeclaredInvites'] ?? membersAt;
  // Declared people by email key -> index in `declared` (the last one wins), and which of them are
  // members: numbers and one byte array rather than a Set of 100,000 keys, to keep garbage low.
  const declaredIndex = new Map<string, number>();
  for (let i = 0; i < declared.length; i += 1) {
    declaredIndex.set(emailKey((declared[i] as DesiredMember).email), i);
  }
  const isMember = new Uint8Array(declared.length);

  for (const member of live.members) {
    const index = declaredIndex.get(emailKey(member.email));
    if (index !== undefined) isMember[index] = 1;
    if (isUnmanaged(member.email)) continue;
    if (index !== undefined) {
      const d = declared[index] as DesiredMember;
      // Expired access is removed whatever removeUndeclaredMembers says: the file asked for it.
      if (hasExpired(d.expires, now)) planner.remove(member, expiredReason(d), d.source);
      else if (!sameAccess(member.access, d.access)) planner.modify(member, d);
    } else if (policy.removeUndeclaredMembers) {
      planner.remove(member, 'not in the file', removesUndeclared);
    }
  }

  const invitesByKey = groupByEmail(live.invites);
  invitesByKey.forEach((invites, key) => {
    const index = declaredIndex.get(key);
    const d = index === undefined ? undefined : (declared[index] as DesiredMember);
    if (d !== undefined && hasExpired(d.expires, now)) {
      // Pending or expired, an invite of expired access is revoked and never sent again.
      for (const invite of invites) planner.revoke(invite, 'expired', expiredReason(d), d.source);
      return;
    }
    if (index !== undefined && isMember[index] === 0) return;
    for (const invite of invites) {
      if (isUnmanaged(invite.email)) continue;
      if (index !== undefined) {
        planner.revoke(invite, 'duplicate', 'duplicate invite: already a member', d?.source);
      } else if (policy.revokeUndeclaredInvites) {
        planner.revoke(invite, 'undeclared', 'not in the file', revokesUndeclared);
      }
    }
  });

  // Sorted, so that warnings come in the same order whatever the order of the file; only the
  // declared people who are not members, usually few, are sorted.
  const nonMembers: [string, DesiredMember][] = [];
  declaredIndex.forEach((index, key) => {
    const d = declared[index] as DesiredMember;
    if (isMember[index] === 0 && !hasExpired(d.expires, now)) nonMembers.push([key, d]);
  });
  nonMembers.sort((a, b) => compareStrings(a[0], b[0]));
  for (const [key, d] of nonMembers) {
    // The config loader forbids declaring an unmanaged address; if one slips through it is still left alone.
    if (isUnmanaged(d.email)) {
      planner.warnings.push(
        `${d.email} is declared but matches policy.unmanaged; it is left alone`,
      );
      continue;
    }
    planner.declaredNonMember(d, invitesByKey.get(key) ?? [], policy.resendExpiredInvites);
  }
  planner.expiring.push(...expiringSoon(declared, policy.expiryWarningDays, now));
}

/** The drafts sorted into execution order, with ids `<orgId>:<n>` (n from 1) and their dependencies. */
function arrange(unsorted: readonly Draft[], orgId: string): Operation[] {
  const drafts = [...unsorted].sort(compareDrafts);
  drafts.forEach((draft, index) => {
    draft.op.id = `${orgId}:${index + 1}`;
  });
  for (const draft of drafts) {
    if (draft.waitsFor !== undefined) draft.op.dependsOn = [draft.waitsFor.op.id];
  }
  return drafts.map((d) => d.op);
}

/**
 * When the invites would pass the member limit: revocations of pending invites (not re-sends, which
 * free their seat just before their own invite) and removals of non-admins move before the invites.
 * Neither costs an admin, so minAdmins holds at every step as before; admins are still removed last.
 */
function freeSeatsFirst(drafts: readonly Draft[], live: LiveOrg): void {
  const frees = revokeFreesSeat(live);
  for (const { op } of drafts) {
    const freesSeat =
      (op.action === 'revokeInvite' && op.kind !== 'resend' && frees(op)) ||
      (op.action === 'removeMember' && op.before.role !== 'admin');
    if (freesSeat) op.phase = 'freeSeats';
  }
}

/** One org's plan: operations in execution order with ids `<orgId>:<n>` (n from 1), guards applied. */
export function buildPlan(input: BuildPlanInput): OrgPlan {
  const { desired, live, now } = input;
  const planner = new OrgPlanner(desired.orgId, now);
  const patch = planPatch(desired, live);
  if (patch !== undefined) planner.drafts.push({ op: patch, email: '', order: 0, tie: '' });
  planMembership(planner, desired, live, now);

  let operations = arrange(planner.drafts, desired.orgId);
  if (live.memberLimit !== undefined && simulateSeats(live, operations).peak > live.memberLimit) {
    freeSeatsFirst(planner.drafts, live);
    operations = arrange(planner.drafts, desired.orgId);
  }
  const awaiting = [...planner.awaiting].sort(
    (a, b) =>
      compareStrings(emailKey(a.email), emailKey(b.email)) ||
      compareStrings(a.inviteId, b.inviteId),
  );

  const warnings = [...planner.warnings, ...outsideDomainWarnings(desired, live)];
  const admins = countAdmins(live);
  if (desired.members !== undefined && admins < desired.policy.minAdmins) {
    warnings.push(
      `the org has ${plural(admins, 'admin')}, fewer than policy.minAdmins (${desired.policy.minAdmins})`,
    );
  }
  const refusals = checkGuards({
    live,
    policy: desired.policy,
    operations,
    tokenUser: input.tokenUser,
    allowRemovals: input.allowRemovals,
    allowChanges: input.allowChanges,
  });

  const plan: OrgPlan = {
    orgId: desired.orgId,
    orgName: live.name,
    file: desired.file,
    ...(desired.files !== undefined && desired.files.length > 1 ? { files: desired.files } : {}),
    operations,
    awaiting,
    // Only when someone is expiring: plans without `expires` read as before.
    ...(planner.expiring.length > 0 ? { expiring: planner.expiring } : {}),
    counts: countOperations(operations),
    refusals,
    warnings,
    fingerprint: '',
    seats: countSeats(live),
  };
  return fingerprintWhenRead(plan, live);
}

/** Every org's plan, in the order given, and the plan's hash. */
export function buildPlans(inputs: readonly BuildPlanInput[]): Plan {
  const orgs = inputs.map(buildPlan);
  const plan: Plan = { formatVersion: 1, orgs, hash: hashPlan(orgs) };
  // Said once for the whole plan, not once per org.
  if (inputs.some((i) => i.tokenUser === null)) plan.warnings = [TOKEN_USER_UNKNOWN_WARNING];
  return plan;
}
