// A live org as a version-1 configuration file, such that planning it against the same org is empty.
import { Document, isMap, isSeq, YAMLMap } from 'yaml';
import { emailKey, normalizeAccess, type Access } from '../model/access.js';
import { MANAGED_ORG_PROPERTIES } from '../model/desired-org.js';
import type { LiveOrg } from '../model/live-org.js';
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
  const newestFirst = [...live.invites].sort((a, b) => (a.inviteDate < b.inviteDate ? 1 : -1));
  let expired = 0;
  // Invites of members, and all but the newest invite of one email, are revoked by the first plan.
  let redundant = 0;
  for (const invite of newestFirst) {
    const key = emailKey(invite.email);
    if (members.has(key)) {
      redundant += 1;
      continue;
    }
    if (invite.hasExpired) expired += 1;
    members.set(key, toMember(invite.email, invite.access));
  }
  const sorted = [...members.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  const org: Record<string, string> = { id: live.id };
  for (const key of MANAGED_ORG_PROPERTIES) {
    const value = live.properties[key];
    if (value !== undefined && value !== '') org[key] = value;
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
