// The seed (a --state file, options.state or PUT /_emulator/state): its shape, then what must agree across it.
import { randomBytes } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import LOSANT_ORG_SCHEMA from '../../schemas/losant/org.json' with { type: 'json' };
import { LOSANT_ID_PATTERN } from '../losant/actions.js';
import { ORG_ROLES, RESOURCE_ROLES, MAX_RESOURCE_ROLES, emailKey } from '../model/access.js';
import { CLOCK_MAX_MS } from './emulator-clock.js';
import type { EmulatorSeed } from './emulator-seed.js';
import { INVITE_TTL_MS } from './emulator-seed.js';
import { PAYLOAD_TYPES } from './usage-counts.js';

const NOT_SEEDED = ['memberCount', 'pendingInviteCount', 'apiTokenCount', 'deviceCount'];
import type { SchemaProblem } from './schema-validator.js';
import { createAjv, validateWith } from './schema-validator.js';

const ID = { type: 'string', pattern: LOSANT_ID_PATTERN.source };
const GRANTS = {
  type: 'array',
  maxItems: MAX_RESOURCE_ROLES,
  items: {
    type: 'object',
    required: ['resourceId', 'role'],
    additionalProperties: false,
    properties: { resourceId: ID, role: { type: 'string', enum: [...RESOURCE_ROLES] } },
  },
};
const ROLE = { type: 'string', enum: [...ORG_ROLES] };
const COUNT = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
/** The summary's plain counts (schemas/losant/org.json) a seed may set; members, invites and tokens are counted. */
const RESOURCE_COUNTS = Object.entries(LOSANT_ORG_SCHEMA.properties.summary.properties)
  .filter(
    ([key, value]) => 'type' in value && value.type === 'integer' && !NOT_SEEDED.includes(key),
  )
  .map(([key]) => key);

export const SEED_SCHEMA = {
  type: 'object',
  required: ['users', 'orgs'],
  additionalProperties: false,
  properties: {
    users: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'email'],
        additionalProperties: false,
        properties: {
          id: ID,
          email: { type: 'string', format: 'email', maxLength: 1024 },
          firstName: { type: 'string', minLength: 1, maxLength: 1024 },
          lastName: { type: 'string', maxLength: 1024 },
        },
      },
    },
    tokens: {
      type: 'array',
      items: {
        type: 'object',
        required: ['token', 'userId', 'scopes'],
        additionalProperties: false,
        properties: {
          token: { type: 'string', minLength: 1 },
          userId: ID,
          scopes: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
    },
    orgs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'name', 'members'],
        additionalProperties: false,
        properties: {
          id: ID,
          name: { type: 'string', minLength: 1, maxLength: 255 },
          description: { type: 'string', maxLength: 32767 },
          iconColor: { type: 'string', maxLength: 64 },
          mfaMode: { type: 'string', enum: ['notRequired', 'adminRequired', 'required'] },
          billingEmail: { type: 'string', format: 'email', maxLength: 1024 },
          planId: { type: 'string', maxLength: 1024 },
          creationDate: { type: 'string', format: 'date-time' },
          lastUpdated: { type: 'string', format: 'date-time' },
          applications: { type: 'array', items: ID },
          dashboards: { type: 'array', items: ID },
          members: {
            type: 'array',
            items: {
              type: 'object',
              required: ['userId', 'role'],
              additionalProperties: false,
              properties: {
                userId: ID,
                role: ROLE,
                applicationRoles: GRANTS,
                dashboardRoles: GRANTS,
              },
            },
          },
          invites: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'email', 'role', 'inviteDate'],
              additionalProperties: false,
              properties: {
                id: ID,
                email: { type: 'string', format: 'email', maxLength: 1024 },
                role: ROLE,
                applicationRoles: GRANTS,
                dashboardRoles: GRANTS,
                inviteDate: { type: 'string', format: 'date-time' },
                ttl: { type: 'integer', minimum: 0, maximum: CLOCK_MAX_MS },
                disallowTransfer: { type: 'boolean' },
              },
            },
          },
          limits: {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(
              Object.keys(LOSANT_ORG_SCHEMA.properties.limits.properties).map((key) => [
                key,
                COUNT,
              ]),
            ),
          },
          usage: {
            type: 'object',
            additionalProperties: false,
            properties: {
              devices: COUNT,
              devicesCreatedPerDay: { type: 'number', minimum: 0, maximum: 1_000_000 },
              payloadsPerDay: {
                type: 'object',
                additionalProperties: false,
                properties: Object.fromEntries(PAYLOAD_TYPES.map((type) => [type, COUNT])),
              },
              notebookMinutesPerDay: { type: 'number', minimum: 0, maximum: 1440 },
              resources: {
                type: 'object',
                additionalProperties: false,
                properties: Object.fromEntries(RESOURCE_COUNTS.map((key) => [key, COUNT])),
              },
            },
          },
        },
      },
    },
  },
} as const;

let compiled: ValidateFunction | undefined;

/** Every problem of a seed at once: its shape first, then references and duplicates. */
export function checkSeed(value: unknown): SchemaProblem[] {
  compiled ??= createAjv().compile(SEED_SCHEMA);
  const shape = validateWith(compiled, value);
  if (shape.length > 0) return shape;
  return checkSeedMeaning(value as EmulatorSeed);
}

function checkSeedMeaning(seed: EmulatorSeed): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const userIds = new Set<string>();
  const emails = new Set<string>();
  seed.users.forEach((user, i) => {
    const id = user.id.toLowerCase();
    if (userIds.has(id))
      problems.push({ path: ['users', i, 'id'], message: 'is a duplicate user id' });
    userIds.add(id);
    const email = emailKey(user.email);
    if (emails.has(email))
      problems.push({ path: ['users', i, 'email'], message: 'is a duplicate email' });
    emails.add(email);
  });
  const tokens = new Set<string>();
  (seed.tokens ?? []).forEach((token, i) => {
    if (tokens.has(token.token)) {
      problems.push({ path: ['tokens', i, 'token'], message: 'is a duplicate token' });
    }
    tokens.add(token.token);
    if (!userIds.has(token.userId.toLowerCase())) {
      problems.push({ path: ['tokens', i, 'userId'], message: 'is not the id of a user in users' });
    }
  });
  const orgIds = new Set<string>();
  const inviteIds = new Set<string>();
  seed.orgs.forEach((org, o) => {
    const orgId = org.id.toLowerCase();
    if (orgIds.has(orgId))
      problems.push({ path: ['orgs', o, 'id'], message: 'is a duplicate org id' });
    orgIds.add(orgId);
    const members = new Set<string>();
    org.members.forEach((member, m) => {
      const userId = member.userId.toLowerCase();
      const path = ['orgs', o, 'members', m, 'userId'];
      if (!userIds.has(userId))
        problems.push({ path, message: 'is not the id of a user in users' });
      if (members.has(userId)) problems.push({ path, message: 'is a member twice in this org' });
      members.add(userId);
    });
    (org.invites ?? []).forEach((invite, i) => {
      const id = invite.id.toLowerCase();
      if (inviteIds.has(id)) {
        problems.push({
          path: ['orgs', o, 'invites', i, 'id'],
          message: 'is a duplicate invite id',
        });
      }
      inviteIds.add(id);
    });
  });
  return problems;
}

/** A checked seed with defaults filled in: a token for users[0], invites' ttl, org dates. */
export function completeSeed(seed: EmulatorSeed, now: number): EmulatorSeed {
  const copy = structuredClone(seed);
  const firstUser = copy.users[0];
  if ((copy.tokens === undefined || copy.tokens.length === 0) && firstUser !== undefined) {
    copy.tokens = [{ token: generateToken(), userId: firstUser.id, scopes: ['all.User'] }];
  }
  const today = new Date(now).toISOString();
  for (const org of copy.orgs) {
    org.creationDate ??= today;
    org.lastUpdated ??= org.creationDate;
    org.invites ??= [];
    for (const invite of org.invites) invite.ttl ??= INVITE_TTL_MS;
  }
  return copy;
}

function generateToken(): string {
  return `emu_${randomBytes(16).toString('hex')}`;
}
