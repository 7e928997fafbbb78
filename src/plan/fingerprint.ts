// Hashes of a live org (its fingerprint) and of a plan's operations, stable across key and array order.
import { createHash } from 'node:crypto';
import { emailKey, type ResourceRoleGrant } from '../model/access.js';
import { MANAGED_ORG_PROPERTIES } from '../model/desired-org.js';
import type { LiveOrg } from '../model/live-org.js';
import type { Operation, OrgPlan } from '../model/plan.js';

/** JSON with object keys sorted and undefined values left out, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) {
      text += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${text}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The first 12 hex digits: enough to tell plans apart where people read them. */
export function shortHash(hex: string): string {
  return hex.slice(0, 12);
}

function compareFirst(a: readonly unknown[], b: readonly unknown[]): number {
  const x = a[0] as string;
  const y = b[0] as string;
  return x < y ? -1 : x > y ? 1 : 0;
}

const NO_GRANTS: readonly string[][] = [];

/** Resource roles as `[resourceId, role]` pairs, ids lower-cased and sorted as normalizeAccess does. */
function grantTuples(grants: readonly ResourceRoleGrant[]): readonly string[][] {
  if (grants.length === 0) return NO_GRANTS;
  return grants.map((g) => [g.resourceId.toLowerCase(), g.role]).sort(compareFirst);
}

/**
 * Hash of the live state a plan is made from: managed org properties, members (by userId) and
 * invites (by id, with hasExpired). Apply compares it with the live org before writing. Each entry is
 * a fixed-position tuple, which is canonical JSON without sorting any keys (fast for 10,000 members).
 */
export function fingerprintLiveOrg(live: LiveOrg): string {
  const properties = MANAGED_ORG_PROPERTIES.flatMap((key) => {
    const value = live.properties[key];
    return value === undefined ? [] : [[key, value]];
  });
  const members = live.members
    .map((m) => [
      m.userId,
      emailKey(m.email),
      m.access.role,
      grantTuples(m.access.applicationRoles),
      grantTuples(m.access.dashboardRoles),
    ])
    .sort(compareFirst);
  const invites = live.invites
    .map((i) => [
      i.id,
      emailKey(i.email),
      i.access.role,
      grantTuples(i.access.applicationRoles),
      grantTuples(i.access.dashboardRoles),
      i.inviteDate,
      i.ttl,
      i.hasExpired,
      i.disallowTransfer ?? false,
    ])
    .sort(compareFirst);
  return sha256Hex(JSON.stringify(['losant-org live v1', live.id, properties, members, invites]));
}

/** What an operation does to the org, without ids, reasons or phases. */
function operationEffect(op: Operation): unknown {
  switch (op.action) {
    case 'patch':
    case 'inviteMember':
    case 'modifyMember':
      return { action: op.action, target: op.target, body: op.body };
    case 'removeMember':
    case 'revokeInvite':
      return { action: op.action, target: op.target, query: op.query };
  }
}

/**
 * Hash of every org's operations (org order aside): re-planning the same change gives the same hash,
 * whenever it is made and whatever the live state's fingerprint.
 */
export function hashPlan(orgs: readonly Pick<OrgPlan, 'orgId' | 'operations'>[]): string {
  const content = [...orgs]
    .sort((a, b) => (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0))
    .map((o) => ({ orgId: o.orgId, operations: o.operations.map(operationEffect) }));
  return sha256Hex(canonicalJson(content));
}
