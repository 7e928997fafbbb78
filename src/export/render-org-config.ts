// A live org as a version-1 configuration file, such that planning it against the same org is empty.
import { Document, isMap, isSeq, YAMLMap } from 'yaml';
import { emailKey, normalizeAccess, type Access } from '../model/access.js';
import { MANAGED_ORG_PROPERTIES } from '../model/desired-org.js';
import type { LiveInvite, LiveOrg } from '../model/live-org.js';
import { escapeEnvReferences } from '../config/substitute-env.js';

export interface ExportOptions {
  /** Where the org was read from (the API URL, never a token). */
  source: string;
  /** ISO date-time of the export. */
  exportedAt: string;
}

interface ExportedMember {
  email: string;
  role: Access['role'];
  applications?: { id: string; role: string }[];
  dashboards?: { id: string; role: string }[];
  /** An invite's option, written when true (false is Losant's default and what an invite without it gets). */
  disallowTransfer?: true;
}

/** Properties the file cannot declare as empty (the schema wants at least one character, or an email). */
const NOT_DECLARABLE_EMPTY: ReadonlySet<string> = new Set(['name', 'iconColor', 'billingEmail']);

/**
 * The invite the planner would keep for one email: the newest pending one, else the newest (expired).
 * Declaring its access makes it "awaiting acceptance" (or, expired, left alone) in the first plan.
 */
function keptInvite(invites: readonly LiveInvite[]): LiveInvite | undefined {
  const newestFirst = [...invites].sort(
    (a, b) => Date.parse(b.inviteDate) - Date.parse(a.inviteDate) || (a.id < b.id ? 1 : -1),
  );
  return newestFirst.find((i) => !i.hasExpired) ?? newestFirst[0];
}

function toMember(email: string, access: Access): ExportedMember {
  const normalized = normalizeAccess(access);
  const member: ExportedMember = { email, role: normalized.role };
  if (normalized.applicationRoles.length > 0) {
    member.applications = normalized.applicationRoles.map((g) => ({
      id: g.resourceId,
      role: g.role,
    }));
  }
  if (normalized.dashboardRoles.length > 0) {
    member.dashboards = normalized.dashboardRoles.map((g) => ({ id: g.resourceId, role: g.role }));
  }
  return member;
}

/** A copy of a plain JSON value with every string (keys are the file's own) escaped by escapeEnvReferences. */
function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeEnvReferences(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => escapeStrings(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, escapeStrings(item)]),
    ) as T;
  }
  return value;
}

export function renderOrgConfig(live: LiveOrg, options: ExportOptions): string {
  const members = new Map<string, ExportedMember>();
  for (const m of live.members) members.set(emailKey(m.email), toMember(m.email, m.access));
  // People still only invited are declared too: a pending invite with the same access is "awaiting".
  const invitesByEmail = new Map<string, LiveInvite[]>();
  for (const invite of live.invites) {
    const key = emailKey(invite.email);
    invitesByEmail.set(key, [...(invitesByEmail.get(key) ?? []), invite]);
  }
  let expired = 0;
  // Invites of members, and all but the kept invite of one email, are revoked by the first plan.
  let redundant = 0;
  for (const [key, invites] of invitesByEmail) {
    const invite = keptInvite(invites);
    if (members.has(key) || invite === undefined) {
      redundant += invites.length;
      continue;
    }
    redundant += invites.length - 1;
    if (invite.hasExpired) expired += 1;
    const member = toMember(invite.email, invite.access);
    if (invite.disallowTransfer === true) member.disallowTransfer = true;
    members.set(key, member);
  }
  const sorted = [...members.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  const org: Record<string, string> = { id: live.id };
  for (const key of MANAGED_ORG_PROPERTIES) {
    const value = live.properties[key];
    if (value === undefined || (value === '' && NOT_DECLARABLE_EMPTY.has(key))) continue;
    org[key] = value;
  }
  const config = {
    version: 1,
    org,
    members: sorted.map(([, m]) => m),
    policy: {
      removeUndeclaredMembers: true,
      revokeUndeclaredInvites: true,
      // Re-sending expired invites would make the first plan of an export non-empty.
      resendExpiredInvites: expired === 0,
      maxRemovals: 5,
      minAdmins: 1,
    },
  };

  // Live strings are literal text: `${` in them must never read the environment of whoever plans the file.
  const doc = new Document(escapeStrings(config));
  const membersNode = doc.get('members');
  if (isSeq(membersNode)) {
    for (const item of membersNode.items) if (isMap(item)) item.flow = true;
  }
  const header = [
    ` Exported by losant-org from ${options.source}, org ${live.id}, at ${options.exportedAt}.`,
    ` ${live.members.length} members and ${live.invites.length} pending invites; people still only invited are listed as members.`,
  ];
  if (redundant > 0) {
    header.push(
      ` ${redundant} invite(s) duplicate another invite or a membership: the first plan revokes them.`,
    );
  }
  if (expired > 0) {
    header.push(
      ` ${expired} invite(s) had expired: resendExpiredInvites is false so that the first plan is empty; set it to true to re-send them.`,
    );
  }
  doc.commentBefore = header.join('\n');
  const policy = doc.get('policy');
  if (policy instanceof YAMLMap) {
    policy.commentBefore =
      ' What the file means for people it does not list: see docs/configuration.md';
  }
  return doc.toString({ lineWidth: 0 });
}
