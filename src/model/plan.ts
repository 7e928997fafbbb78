// A plan: the exact operations that take an org from its live state to the desired one.
import type { Access } from './access.js';
import type { OrgProperties, SourceLocation } from './desired-org.js';

export type OperationAction =
  'patch' | 'inviteMember' | 'modifyMember' | 'removeMember' | 'revokeInvite';

/**
 * Execution order: every intermediate state keeps its admins. `freeSeats` is used only when the invites
 * would pass the org's member limit: revocations of pending invites and removals of non-admins move
 * there, before the invites (neither costs an admin).
 */
export const PHASES = [
  'patch',
  'freeSeats',
  'invite',
  'promote',
  'modify',
  'demote',
  'revoke',
  'remove',
] as const;
export type Phase = (typeof PHASES)[number];

/** One RFC 6902 operation of the org property diff. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

export interface InviteBody {
  email: string;
  role: Access['role'];
  applicationRoles: Access['applicationRoles'];
  dashboardRoles: Access['dashboardRoles'];
  disallowTransfer?: boolean;
}

export interface MemberPatchBody {
  userId: string;
  role: Access['role'];
  applicationRoles: Access['applicationRoles'];
  dashboardRoles: Access['dashboardRoles'];
}

interface OperationBase {
  /** Stable within one org's plan: `<orgId>:<index>`. */
  id: string;
  orgId: string;
  phase: Phase;
  /** Why this operation is in the plan, in words a person understands. */
  reason: string;
  /** Ids of operations that must succeed first (a re-invite depends on its revoke). */
  dependsOn: string[];
  /**
   * The place in the configuration that asks for this operation: the member's entry, the property,
   * or (for people the file does not declare) the policy or `members:` that removes them. Not hashed.
   */
  source?: SourceLocation;
}

export interface PatchOperation extends OperationBase {
  action: 'patch';
  target: Record<string, never>;
  before: OrgProperties;
  after: OrgProperties;
  body: OrgProperties;
  /** The property diff as RFC 6902 operations. */
  patch: JsonPatchOperation[];
}

export interface InviteOperation extends OperationBase {
  action: 'inviteMember';
  target: { email: string };
  before: null;
  after: Access;
  body: InviteBody;
  /** Replaces a revoked invite (the revoke it depends on): with it, one change, not an addition. */
  resend?: true;
}

export interface ModifyOperation extends OperationBase {
  action: 'modifyMember';
  target: { email: string; userId: string };
  before: Access;
  after: Access;
  body: MemberPatchBody;
}

export interface RemoveOperation extends OperationBase {
  action: 'removeMember';
  target: { email: string; userId: string };
  before: Access;
  after: null;
  query: { userId: string };
}

/**
 * Why an invite is revoked: re-sends and duplicates are not removals of anyone's access; undeclared
 * and expired (the person's `expires` has passed) are.
 */
export type RevokeKind = 'undeclared' | 'resend' | 'duplicate' | 'expired';

export interface RevokeOperation extends OperationBase {
  action: 'revokeInvite';
  target: { email: string; inviteId: string };
  before: Access;
  after: null;
  query: { inviteId: string };
  kind: RevokeKind;
}

export type Operation =
  PatchOperation | InviteOperation | ModifyOperation | RemoveOperation | RevokeOperation;

/** A pending invite that already grants the declared access: not a change, only awaited. */
export interface AwaitingInvite {
  email: string;
  inviteId: string;
  inviteDate: string;
  /** Whole days since the invite was sent, at planning time. */
  ageDays: number;
}

/** A declared person whose access ends within policy.expiryWarningDays: information, not a change. */
export interface ExpiringAccess {
  email: string;
  /** The `expires` as the file wrote it. */
  expires: string;
  /** Whole days left at planning time (0 on the last day). */
  daysLeft: number;
}

export type GuardName = 'minAdmins' | 'tokenUser' | 'maxRemovals' | 'maxChanges' | 'memberLimit';

/** What counts against the org's member limit, as the plan found it (live, before any change). */
export interface MemberSeats {
  members: number;
  /** Pending invites that have not expired: Losant counts them against the limit. */
  pendingInvites: number;
  /** `limits.member` of the org; absent when the org read did not say. */
  limit?: number;
}

export interface GuardRefusal {
  guard: GuardName;
  /** What the guard found, e.g. "7 removals, more than maxRemovals (5)". */
  message: string;
  /** How to proceed if this is really wanted. */
  override: string;
}

/** Additions: new invites; changes: patch, modifyMember and re-sends (revoke and invite, once); removals: the rest. */
export interface PlanCounts {
  additions: number;
  changes: number;
  removals: number;
}

export interface OrgPlan {
  orgId: string;
  orgName: string;
  /** The configuration file that declares the org (of several: the one with its policy or properties). */
  file: string;
  /** Every file of the org, when it is declared across more than one. */
  files?: string[];
  /** In execution order (phases in PHASES order). */
  operations: Operation[];
  awaiting: AwaitingInvite[];
  /** Declared people whose access ends within policy.expiryWarningDays, soonest first; absent when none. */
  expiring?: ExpiringAccess[];
  counts: PlanCounts;
  /** Guards that refuse this plan; a refused plan writes nothing. */
  refusals: GuardRefusal[];
  /** Things worth a second look that do not stop the plan. */
  warnings: string[];
  /** Hash of the normalized live org properties, members and invites the plan was made from. */
  fingerprint: string;
  /** Members and pending invites against the member limit, before the plan. */
  seats?: MemberSeats;
}

/** A declared org whose live state could not be read: it has no plan and nothing is written to it. */
export interface UnreadableOrg {
  orgId: string;
  /** The configuration file that declares the org. */
  file: string;
  /** The API action that failed, e.g. `org.get`. */
  action: string;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** What failed and what to do, from the API error (never the token). */
  message: string;
}

export interface Plan {
  formatVersion: 1;
  orgs: OrgPlan[];
  /** Declared orgs that could not be read (absent when every org was read); not in `hash`. */
  unreadable?: UnreadableOrg[];
  /** Hash of every org's operations: equal plans have equal hashes, whenever they were made. */
  hash: string;
  /** Things about the whole run worth a second look, said once (e.g. the token's user is unknown). */
  warnings?: string[];
}
