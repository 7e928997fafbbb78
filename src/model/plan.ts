// A plan: the exact operations that take an org from its live state to the desired one.
import type { Access } from './access.js';
import type { OrgProperties } from './desired-org.js';

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

/** Why an invite is revoked: re-sends and duplicates are not removals of anyone's access. */
export type RevokeKind = 'undeclared' | 'resend' | 'duplicate';

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

export type GuardName = 'minAdmins' | 'tokenUser' | 'maxRemovals' | 'memberLimit';

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
  /** The configuration file that declares the org. */
  file: string;
  /** In execution order (phases in PHASES order). */
  operations: Operation[];
  awaiting: AwaitingInvite[];
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

export interface Plan {
  formatVersion: 1;
  orgs: OrgPlan[];
  /** Hash of every org's operations: equal plans have equal hashes, whenever they were made. */
  hash: string;
  /** Things about the whole run worth a second look, said once (e.g. the token's user is unknown). */
  warnings?: string[];
}
