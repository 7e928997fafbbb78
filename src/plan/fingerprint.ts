// Hashes of a live org (its fingerprint) and of a plan's operations, stable across key and array order.
import { createHash } from 'node:crypto';
import { emailKey, type ResourceRoleGrant } from '../model/access.js';
import { MANAGED_ORG_PROPERTIES } from '../model/desired-org.js';
import type { LiveOrg } from '../model/live-org.js';
import type { Operation, OrgPlan } from '../model/plan.js';

/** Where canonical JSON goes: appended piece by piece, each piece whole JSON tokens. */
interface JsonSink {
  write(piece: string): void;
}

/** Builds the text in memory, for callers that want it as a string. */
class StringSink implements JsonSink {
  text = '';
  write(piece: string): void {
    this.text += piece;
  }
}

/** Text hashed in pieces of this many characters or more: large enough to keep update calls few. */
const HASH_CHUNK_CHARS = 16 * 1024;

/**
 * Hashes text as it comes, so that no plan-sized string is built (at 100,000 members that string
 * and its pieces outlive young-generation collections and make garbage collection grow faster than
 * the input). Pieces are whole JSON tokens, so a surrogate pair is never split across updates.
 */
class HashSink implements JsonSink {
  private readonly hash = createHash('sha256');
  private text = '';
  write(piece: string): void {
    this.text += piece;
    if (this.text.length >= HASH_CHUNK_CHARS) {
      this.hash.update(this.text, 'utf8');
      this.text = '';
    }
  }
  digestHex(): string {
    this.hash.update(this.text, 'utf8');
    this.text = '';
    return this.hash.digest('hex');
  }
}

/** Sorts a few keys in place without the allocations of Array.prototype.sort (same order). */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j -= 1;
    }
    keys[j + 1] = key;
  }
  return keys;
}

function writeCanonicalJson(value: unknown, sink: JsonSink): void {
  if (value === null || typeof value !== 'object') {
    sink.write(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    sink.write('[');
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) sink.write(',');
      writeCanonicalJson(value[i], sink);
    }
    sink.write(']');
    return;
  }
  const record = value as Record<string, unknown>;
  let first = true;
  sink.write('{');
  for (const key of sortKeys(Object.keys(record))) {
    const v = record[key];
    if (v === undefined) continue;
    sink.write(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    writeCanonicalJson(v, sink);
    first = false;
  }
  sink.write('}');
}

/** JSON with object keys sorted and undefined values left out, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  const sink = new StringSink();
  writeCanonicalJson(value, sink);
  return sink.text;
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
  const only = grants.length === 1 ? grants[0] : undefined;
  if (only !== undefined) return [[only.resourceId.toLowerCase(), only.role]];
  return grants.map((g) => [g.resourceId.toLowerCase(), g.role]).sort(compareFirst);
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Tuples stringified together: few JSON.stringify calls, yet few tuples alive at once. */
const TUPLES_PER_CHUNK = 512;

/** Writes `items.map(tuple)` as JSON.stringify would, a chunk of tuples at a time. */
function writeTuples<T>(items: readonly T[], tuple: (item: T) => unknown[], sink: JsonSink): void {
  sink.write('[');
  for (let start = 0; start < items.length; start += TUPLES_PER_CHUNK) {
    const end = Math.min(items.length, start + TUPLES_PER_CHUNK);
    const chunk: unknown[][] = [];
    for (let i = start; i < end; i += 1) chunk.push(tuple(items[i] as T));
    const text = JSON.stringify(chunk);
    sink.write(start === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`);
  }
  sink.write(']');
}

/**
 * Hash of the live state a plan is made from: managed org properties, members (by userId) and
 * invites (by id, with hasExpired). Apply compares it with the live org before writing. Each entry is
 * a fixed-position tuple, which is canonical JSON without sorting any keys (fast for 10,000 members);
 * the text is JSON.stringify of `['losant-org live v1', id, properties, members, invites]`, hashed
 * one entry at a time.
 */
export function fingerprintLiveOrg(live: LiveOrg): string {
  const properties = MANAGED_ORG_PROPERTIES.flatMap((key) => {
    const value = live.properties[key];
    return value === undefined ? [] : [[key, value]];
  });
  // Stable sorts by the same key: the order the tuples had when they were sorted themselves.
  const members = [...live.members].sort((a, b) => compareStrings(a.userId, b.userId));
  const invites = [...live.invites].sort((a, b) => compareStrings(a.id, b.id));
  const sink = new HashSink();
  sink.write(`[${JSON.stringify(['losant-org live v1', live.id, properties]).slice(1, -1)},`);
  writeTuples(
    members,
    (m) => [
      m.userId,
      emailKey(m.email),
      m.access.role,
      grantTuples(m.access.applicationRoles),
      grantTuples(m.access.dashboardRoles),
    ],
    sink,
  );
  sink.write(',');
  writeTuples(
    invites,
    (i) => [
      i.id,
      emailKey(i.email),
      i.access.role,
      grantTuples(i.access.applicationRoles),
      grantTuples(i.access.dashboardRoles),
      i.inviteDate,
      i.ttl,
      i.hasExpired,
      i.disallowTransfer ?? false,
    ],
    sink,
  );
  sink.write(']');
  return sink.digestHex();
}

/**
 * The org plan with its `fingerprint` hashed from `live` when first read, then kept: an apply made
 * straight after planning (`apply --yes`, the Action's apply) never reads it, and at 10,000 members
 * the hash is more than half of the planner's time (docs/benchmarks.md). The property keeps its place among the plan's keys and
 * is seen by JSON.stringify, spreads and deep equality like any other. `live` is never changed after
 * it is read (the model and the planner only build new objects), so the hash is the same whenever
 * it is taken.
 */
export function fingerprintWhenRead(plan: OrgPlan, live: LiveOrg): OrgPlan {
  let fingerprint: string | undefined;
  return Object.defineProperty(plan, 'fingerprint', {
    enumerable: true,
    get: () => (fingerprint ??= fingerprintLiveOrg(live)),
  });
}

/** What an operation does to the org, without ids, reasons or phases. */
export function operationEffect(op: Operation): unknown {
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
  const sorted = [...orgs].sort((a, b) => compareStrings(a.orgId, b.orgId));
  // canonicalJson of [{ orgId, operations: operations.map(operationEffect) }, ...], one operation at a time.
  const sink = new HashSink();
  sink.write('[');
  sorted.forEach((o, index) => {
    sink.write(index === 0 ? '{"operations":[' : ',{"operations":[');
    const operations = o.operations;
    for (let i = 0; i < operations.length; i += 1) {
      if (i > 0) sink.write(',');
      writeCanonicalJson(operationEffect(operations[i] as Operation), sink);
    }
    sink.write(']');
    if (o.orgId !== undefined) {
      sink.write(',"orgId":');
      writeCanonicalJson(o.orgId, sink);
    }
    sink.write('}');
  });
  sink.write(']');
  return sink.digestHex();
}
