// Words for access and its changes, shared by the planner's reasons and the renderers.
import { normalizeAccess, type Access, type ResourceRole } from '../model/access.js';

export type ResourceKind = 'application' | 'dashboard';

/** One resource role that differs: `before` absent = added, `after` absent = removed. */
export interface GrantChange {
  kind: ResourceKind;
  resourceId: string;
  before?: ResourceRole;
  after?: ResourceRole;
}

function grantMap(access: Access | null, kind: ResourceKind): Map<string, ResourceRole> {
  const map = new Map<string, ResourceRole>();
  if (access === null) return map;
  const normalized = normalizeAccess(access);
  const grants = kind === 'application' ? normalized.applicationRoles : normalized.dashboardRoles;
  for (const g of grants) map.set(g.resourceId, g.role);
  return map;
}

/** Resource roles that differ between two accesses, applications first, each sorted by id. */
export function grantChanges(before: Access | null, after: Access | null): GrantChange[] {
  const changes: GrantChange[] = [];
  for (const kind of ['application', 'dashboard'] as const) {
    const b = grantMap(before, kind);
    const a = grantMap(after, kind);
    const ids = [...new Set([...b.keys(), ...a.keys()])].sort();
    for (const resourceId of ids) {
      const x = b.get(resourceId);
      const y = a.get(resourceId);
      if (x === y) continue;
      const change: GrantChange = { kind, resourceId };
      if (x !== undefined) change.before = x;
      if (y !== undefined) change.after = y;
      changes.push(change);
    }
  }
  return changes;
}

/** "1 invite", "2 invites". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summarizeGrantChanges(changes: GrantChange[], kind: ResourceKind): string | undefined {
  const mine = changes.filter((c) => c.kind === kind);
  if (mine.length === 0) return undefined;
  const added = mine.filter((c) => c.before === undefined).length;
  const removed = mine.filter((c) => c.after === undefined).length;
  const changed = mine.length - added - removed;
  const parts: string[] = [];
  if (added > 0) parts.push(`${added} added`);
  if (changed > 0) parts.push(`${changed} changed`);
  if (removed > 0) parts.push(`${removed} removed`);
  return `${kind} roles: ${parts.join(', ')}`;
}

/** E.g. "role edit -> admin; application roles: 1 added, 2 changed". */
export function describeAccessChange(before: Access, after: Access): string {
  const parts: string[] = [];
  if (before.role !== after.role) parts.push(`role ${before.role} -> ${after.role}`);
  const changes = grantChanges(before, after);
  for (const kind of ['application', 'dashboard'] as const) {
    const summary = summarizeGrantChanges(changes, kind);
    if (summary !== undefined) parts.push(summary);
  }
  return parts.length > 0 ? parts.join('; ') : 'no change';
}

/** A short difference for a parenthesis, e.g. "view -> edit" or "edit; dashboard roles differ". */
export function describeAccessDifference(before: Access, after: Access): string {
  const changes = grantChanges(before, after);
  const parts: string[] = [
    before.role === after.role ? after.role : `${before.role} -> ${after.role}`,
  ];
  for (const kind of ['application', 'dashboard'] as const) {
    if (changes.some((c) => c.kind === kind)) parts.push(`${kind} roles differ`);
  }
  return parts.join('; ');
}

/** A member as one line of the configuration file, e.g. "{ email: a@x.com, role: edit, applications: [...] }". */
export function describeMemberEntry(email: string, access: Access): string {
  const normalized = normalizeAccess(access);
  const grants = (list: Access['applicationRoles']): string =>
    `[${list.map((g) => `{ id: ${g.resourceId}, role: ${g.role} }`).join(', ')}]`;
  let entry = `{ email: ${email}, role: ${normalized.role}`;
  if (normalized.applicationRoles.length > 0) {
    entry += `, applications: ${grants(normalized.applicationRoles)}`;
  }
  if (normalized.dashboardRoles.length > 0) {
    entry += `, dashboards: ${grants(normalized.dashboardRoles)}`;
  }
  return `${entry} }`;
}
