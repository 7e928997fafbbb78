// Small builders of live and desired orgs, and a compact projection of operations, for the plan tests.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import type { Access, OrgRole, ResourceRole } from '../../src/model/access.js';
import {
  DEFAULT_POLICY,
  type DesiredMember,
  type DesiredOrg,
  type OrgProperties,
  type Policy,
} from '../../src/model/desired-org.js';
import type { LiveInvite, LiveMember, LiveOrg } from '../../src/model/live-org.js';
import type { Operation, Plan, RevokeKind } from '../../src/model/plan.js';
import { toPlanDocument } from '../../src/plan/render-json.js';

export const ORG_ID = '575ed6e87ae143cd83dc4aa8';
export const NOW = Date.parse('2024-06-15T12:00:00.000Z');
export const DAY = 24 * 60 * 60 * 1000;
export const TTL = 7 * DAY;

type Grants = [string, ResourceRole][];

export function access(role: OrgRole, apps: Grants = [], dashboards: Grants = []): Access {
  return {
    role,
    applicationRoles: apps.map(([resourceId, r]) => ({ resourceId, role: r })),
    dashboardRoles: dashboards.map(([resourceId, r]) => ({ resourceId, role: r })),
  };
}

export function member(userId: string, email: string, a: Access | OrgRole): LiveMember {
  return { userId, email, access: typeof a === 'string' ? access(a) : a };
}

export interface InviteSpec {
  /** Days since it was sent; default 1. */
  daysAgo?: number;
  disallowTransfer?: boolean;
}

/** A pending invite sent `daysAgo` days before NOW; expired once older than its 7-day ttl. */
export function invite(
  id: string,
  email: string,
  a: Access | OrgRole,
  spec: InviteSpec = {},
): LiveInvite {
  const sent = NOW - (spec.daysAgo ?? 1) * DAY;
  const result: LiveInvite = {
    id,
    email,
    access: typeof a === 'string' ? access(a) : a,
    inviteDate: new Date(sent).toISOString(),
    ttl: TTL,
    hasExpired: NOW > sent + TTL,
  };
  if (spec.disallowTransfer !== undefined) result.disallowTransfer = spec.disallowTransfer;
  return result;
}

export function liveOrg(parts: Partial<Omit<LiveOrg, 'id'>> = {}): LiveOrg {
  return {
    id: ORG_ID,
    name: parts.name ?? 'Acme IoT',
    properties: parts.properties ?? { name: 'Acme IoT' },
    members: parts.members ?? [],
    invites: parts.invites ?? [],
    ...(parts.memberLimit !== undefined ? { memberLimit: parts.memberLimit } : {}),
  };
}

/** Where declared() says every member is written. */
export const DECLARED_AT = { file: 'orgs/acme.yaml', line: 1, col: 1 };

export function declared(
  email: string,
  a: Access | OrgRole,
  extra: { disallowTransfer?: boolean } = {},
): DesiredMember {
  const d: DesiredMember = {
    email,
    access: typeof a === 'string' ? access(a) : a,
    source: { ...DECLARED_AT },
  };
  if (extra.disallowTransfer !== undefined) d.disallowTransfer = extra.disallowTransfer;
  return d;
}

export function desiredOrg(
  members: DesiredMember[] | undefined,
  policy: Partial<Policy> = {},
  properties: OrgProperties = {},
): DesiredOrg {
  return {
    orgId: ORG_ID,
    file: 'orgs/acme.yaml',
    properties,
    members,
    policy: { ...DEFAULT_POLICY, ...policy },
  };
}

/** One operation in one line: what a reader of the table needs to check action, target and order. */
export function project(op: Operation): string {
  switch (op.action) {
    case 'patch':
      return `patch ${Object.keys(op.body).join(',')}`;
    case 'inviteMember':
      return `inviteMember ${op.target.email} ${op.after.role}${op.resend === true ? ' resend' : ''}${op.dependsOn.length > 0 ? ` after ${op.dependsOn.join(',')}` : ''}`;
    case 'modifyMember':
      return `modifyMember ${op.target.email} ${op.before.role}->${op.after.role} (${op.phase})`;
    case 'removeMember':
      return `removeMember ${op.target.email}`;
    case 'revokeInvite':
      return `revokeInvite ${op.target.email} ${op.target.inviteId} ${op.kind}`;
  }
}

const schema = JSON.parse(readFileSync('schemas/plan.schema.json', 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validatePlanDocument = ajv.compile(schema);

/** A plan document (`plan --format json`, a saved plan) must match schemas/plan.schema.json. */
export function expectValidPlanDocument(doc: unknown): void {
  const valid = validatePlanDocument(doc);
  expect(validatePlanDocument.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

/** Every JSON plan the tests produce goes through here: it must match schemas/plan.schema.json. */
export function expectValidPlanJson(plan: Plan): void {
  expectValidPlanDocument(
    JSON.parse(
      JSON.stringify(
        toPlanDocument(plan, { createdAt: '2024-06-15T12:00:00.000Z', toolVersion: '0.1.0' }),
      ),
    ),
  );
}

/**
 * Operations made by hand, one of each action, for tests of what reads operations rather than of the
 * planner: the fields every operation has, then what each action needs.
 */
const OP_BASE = { id: 'op', orgId: 'org', phase: 'modify' as const, reason: 'why', dependsOn: [] };

export const handMade = {
  patch(body: OrgProperties): Operation {
    return { ...OP_BASE, action: 'patch', target: {}, before: {}, after: body, body, patch: [] };
  },
  invite(email: string, after: Access, disallowTransfer?: boolean): Operation {
    return {
      ...OP_BASE,
      action: 'inviteMember',
      target: { email },
      before: null,
      after,
      body: { email, ...after, ...(disallowTransfer === undefined ? {} : { disallowTransfer }) },
    };
  },
  modify(userId: string, email: string, before: Access, after: Access): Operation {
    return {
      ...OP_BASE,
      action: 'modifyMember',
      target: { email, userId },
      before,
      after,
      body: { userId, ...after },
    };
  },
  remove(userId: string, email: string, before: Access): Operation {
    return {
      ...OP_BASE,
      action: 'removeMember',
      target: { email, userId },
      before,
      after: null,
      query: { userId },
    };
  },
  revoke(
    inviteId: string,
    email: string,
    before: Access,
    kind: RevokeKind = 'undeclared',
  ): Operation {
    return {
      ...OP_BASE,
      action: 'revokeInvite',
      target: { email, inviteId },
      before,
      after: null,
      query: { inviteId },
      kind,
    };
  },
};
