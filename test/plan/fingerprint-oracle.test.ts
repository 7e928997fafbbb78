// The hashes are what their comments say they are, checked against an oracle written apart from
// fingerprint.ts: the sha256 of plain JSON.stringify text, built the slow, obvious way. A saved plan
// or a plan reviewed on a pull request is matched by these hashes, so their text is a promise: any
// change to it (a comma, an order, a chunk boundary) must show up here.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emailKey, type Access, type ResourceRoleGrant } from '../../src/model/access.js';
import { MANAGED_ORG_PROPERTIES } from '../../src/model/desired-org.js';
import type { LiveInvite, LiveMember, LiveOrg } from '../../src/model/live-org.js';
import type { Operation } from '../../src/model/plan.js';
import { canonicalJson, fingerprintLiveOrg, hashPlan } from '../../src/plan/fingerprint.js';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Object keys sorted, undefined properties left out; arrays as they are. */
function oracleCanonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(oracleCanonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${oracleCanonical(record[key])}`).join(',')}}`;
}

function byFirst(a: string[], b: string[]): number {
  return (a[0] ?? '').localeCompare(b[0] ?? '', 'en', { sensitivity: 'variant' }) === 0
    ? 0
    : (a[0] ?? '') < (b[0] ?? '')
      ? -1
      : 1;
}

function oracleGrants(grants: readonly ResourceRoleGrant[]): string[][] {
  return grants.map((g) => [g.resourceId.toLowerCase(), g.role]).sort(byFirst);
}

/** `['losant-org live v1', id, properties, members, invites]`, members by userId, invites by id. */
function oracleLive(live: LiveOrg): string {
  const properties = MANAGED_ORG_PROPERTIES.filter((k) => live.properties[k] !== undefined).map(
    (k) => [k, live.properties[k]],
  );
  const members = [...live.members]
    .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
    .map((m) => [
      m.userId,
      emailKey(m.email),
      m.access.role,
      oracleGrants(m.access.applicationRoles),
      oracleGrants(m.access.dashboardRoles),
    ]);
  const invites = [...live.invites]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((i) => [
      i.id,
      emailKey(i.email),
      i.access.role,
      oracleGrants(i.access.applicationRoles),
      oracleGrants(i.access.dashboardRoles),
      i.inviteDate,
      i.ttl,
      i.hasExpired,
      i.disallowTransfer === true,
    ]);
  return sha256(JSON.stringify(['losant-org live v1', live.id, properties, members, invites]));
}

/** canonicalJson of `[{ orgId, operations: [{ action, target, body or query }] }]`, orgs by id. */
function oraclePlan(orgs: { orgId: string; operations: Operation[] }[]): string {
  const sorted = [...orgs].sort((a, b) => (a.orgId < b.orgId ? -1 : 1));
  return sha256(
    oracleCanonical(
      sorted.map((o) => ({
        orgId: o.orgId,
        operations: o.operations.map((op) =>
          'body' in op
            ? { action: op.action, target: op.target, body: op.body }
            : { action: op.action, target: op.target, query: op.query },
        ),
      })),
    ),
  );
}

/** A deterministic shuffle (a linear congruential generator): input order must not matter. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function hex(n: number): string {
  return n.toString(16).padStart(24, '0');
}

/** 0, 1 or 3 grants, the 3 out of order and with upper-case ids. */
function grants(n: number): ResourceRoleGrant[] {
  if (n % 3 === 0) return [];
  if (n % 3 === 1) return [{ resourceId: hex(0xa000 + n).toUpperCase(), role: 'view' }];
  return [
    { resourceId: hex(0xc000 + n), role: 'collaborate' },
    { resourceId: hex(0xa000 + n).toUpperCase(), role: 'view' },
    { resourceId: hex(0xb000 + n), role: 'none' },
  ];
}

function accessOf(n: number): Access {
  const roles = ['admin', 'edit', 'collaborate', 'view'] as const;
  return {
    role: roles[n % 4] ?? 'view',
    applicationRoles: grants(n),
    dashboardRoles: grants(n + 1),
  };
}

function largeLive(): LiveOrg {
  const members: LiveMember[] = Array.from({ length: 1_200 }, (_, n) => ({
    userId: hex(0x1000 + n),
    email: n % 2 === 0 ? `Person.${n}@Example.COM` : `person.${n}@example.com`,
    firstName: `Person ${n}`,
    access: accessOf(n),
  }));
  const invites: LiveInvite[] = Array.from({ length: 600 }, (_, n) => ({
    id: hex(0x9000 + n),
    email: `Invitee.${n}@example.com`,
    access: accessOf(n + 2),
    inviteDate: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
    ttl: 604_800_000,
    hasExpired: n % 5 === 0,
    ...(n % 3 === 0 ? {} : { disallowTransfer: n % 3 === 1 }),
  }));
  return {
    id: hex(0xfeed),
    name: 'Large',
    properties: { name: 'Large "quoted" org', description: 'Fleet ✓', mfaMode: 'required' },
    members: shuffled(members, 7),
    invites: shuffled(invites, 11),
  };
}

describe('fingerprintLiveOrg against its oracle', () => {
  it('is the sha256 of the documented text for an empty org', () => {
    const live: LiveOrg = { id: hex(1), name: 'Empty', properties: {}, members: [], invites: [] };

    expect(fingerprintLiveOrg(live)).toBe(oracleLive(live));
  });

  it('is the sha256 of the documented text for 1,200 members and 600 invites, in any order', () => {
    const live = largeLive();

    expect(fingerprintLiveOrg(live)).toBe(oracleLive(live));
  });

  it('is the same when the members and invites fill their chunks of tuples exactly (512, 1,024)', () => {
    const large = largeLive();
    const live: LiveOrg = {
      ...large,
      members: large.members.slice(0, 1_024),
      invites: large.invites.slice(0, 512),
    };

    expect(fingerprintLiveOrg(live)).toBe(oracleLive(live));
  });
});

interface Base {
  id: string;
  orgId: string;
  phase: Operation['phase'];
  reason: string;
  dependsOn: string[];
}

function base(orgId: string, n: number): Base {
  return { id: `${orgId}:${n}`, orgId, phase: 'modify', reason: 'why', dependsOn: [] };
}

function operationsOf(orgId: string, count: number): Operation[] {
  const ops: Operation[] = [
    {
      ...base(orgId, 0),
      phase: 'patch',
      action: 'patch',
      target: {},
      before: { name: 'Old' },
      after: { name: 'New', description: 'd' },
      body: { name: 'New', description: 'd' },
      patch: [{ op: 'replace', path: '/name', value: 'New' }],
    },
  ];
  for (let n = 1; n <= count; n += 1) {
    const email = `p${n}@example.com`;
    const userId = hex(0x2000 + n);
    const a = accessOf(n);
    switch (n % 4) {
      case 0:
        ops.push({
          ...base(orgId, n),
          phase: 'invite',
          action: 'inviteMember',
          target: { email },
          before: null,
          after: a,
          body: { email, role: a.role, applicationRoles: a.applicationRoles, dashboardRoles: [] },
          ...(n % 8 === 0 ? { resend: true as const } : {}),
        } as Operation);
        break;
      case 1:
        ops.push({
          ...base(orgId, n),
          action: 'modifyMember',
          target: { email, userId },
          before: accessOf(n + 1),
          after: a,
          body: { userId, ...a },
        } as Operation);
        break;
      case 2:
        ops.push({
          ...base(orgId, n),
          phase: 'remove',
          action: 'removeMember',
          target: { email, userId },
          before: a,
          after: null,
          query: { userId },
        } as Operation);
        break;
      default:
        ops.push({
          ...base(orgId, n),
          phase: 'revoke',
          action: 'revokeInvite',
          target: { email, inviteId: hex(0x3000 + n) },
          before: a,
          after: null,
          query: { inviteId: hex(0x3000 + n) },
          kind: 'undeclared',
        } as Operation);
    }
  }
  return ops;
}

describe('hashPlan against its oracle', () => {
  it('is the sha256 of the canonical JSON of each org and its operations, orgs by id', () => {
    const orgs = [
      { orgId: hex(0xc3), operations: operationsOf(hex(0xc3), 9) },
      { orgId: hex(0xa1), operations: operationsOf(hex(0xa1), 1) },
      { orgId: hex(0xb2), operations: [] },
    ];

    expect(hashPlan(orgs)).toBe(oraclePlan(orgs));
  });

  it('is the same for a plan whose text runs over many hash chunks (1,500 operations)', () => {
    const orgs = [{ orgId: hex(0xd4), operations: operationsOf(hex(0xd4), 1_500) }];

    expect(hashPlan(orgs)).toBe(oraclePlan(orgs));
  });

  it('is the sha256 of an empty list for no org', () => {
    expect(hashPlan([])).toBe(sha256('[]'));
  });
});

describe('canonicalJson against its oracle', () => {
  it('sorts many keys (more than the insertion sort takes) at every depth', () => {
    const keys = Array.from({ length: 20 }, (_, n) => `k${String(19 - n).padStart(2, '0')}`);
    const value = Object.fromEntries(
      keys.map((k, n) => [
        k,
        n % 5 === 0 ? undefined : { z: [n, null, 'é'], a: { y: 1, b: true } },
      ]),
    );

    expect(canonicalJson(value)).toBe(oracleCanonical(value));
    expect(canonicalJson([undefined, { b: 2, a: 1 }])).toBe('[null,{"a":1,"b":2}]');
  });
});
