// A light structural check of 200 bodies: the fields the core relies on, so a wrong body is an
// error naming the action, never an empty org. Full schema validation lives in the emulator tests.
import { ORG_ROLES, RESOURCE_ROLES } from '../model/access.js';
import type { ApiAction } from './actions.js';

type Check = (value: unknown) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function field(
  obj: Record<string, unknown>,
  key: string,
  type: 'string' | 'number' | 'boolean',
  where: string,
): string | undefined {
  return typeof obj[key] === type ? undefined : `${where}.${key} is not a ${type}`;
}

function grants(obj: Record<string, unknown>, key: string, where: string): string | undefined {
  const list = obj[key];
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return `${where}.${key} is not an array`;
  for (const [i, grant] of list.entries()) {
    if (
      !isObject(grant) ||
      typeof grant.resourceId !== 'string' ||
      !(RESOURCE_ROLES as readonly unknown[]).includes(grant.role)
    ) {
      return `${where}.${key}[${i}] is not { resourceId, role: ${RESOURCE_ROLES.join(' | ')} }`;
    }
  }
  return undefined;
}

function access(obj: Record<string, unknown>, where: string): string | undefined {
  if (!(ORG_ROLES as readonly unknown[]).includes(obj.role)) {
    return `${where}.role is not one of ${ORG_ROLES.join(', ')}`;
  }
  return grants(obj, 'applicationRoles', where) ?? grants(obj, 'dashboardRoles', where);
}

const checkOrg: Check = (value) => {
  if (!isObject(value)) return 'the body is not an object';
  const problem = field(value, 'id', 'string', 'org') ?? field(value, 'name', 'string', 'org');
  if (problem !== undefined) return problem;
  if (!Array.isArray(value.members)) return 'org.members is not an array';
  for (const [i, member] of value.members.entries()) {
    const where = `org.members[${i}]`;
    if (!isObject(member)) return `${where} is not an object`;
    const wrong =
      field(member, 'userId', 'string', where) ??
      field(member, 'email', 'string', where) ??
      access(member, where);
    if (wrong !== undefined) return wrong;
  }
  return undefined;
};

const checkInvites: Check = (value) => {
  if (!Array.isArray(value)) return 'the body is not an array of invites';
  for (const [i, invite] of value.entries()) {
    const where = `invites[${i}]`;
    if (!isObject(invite)) return `${where} is not an object`;
    const wrong =
      field(invite, 'id', 'string', where) ??
      field(invite, 'email', 'string', where) ??
      field(invite, 'inviteDate', 'string', where) ??
      field(invite, 'ttl', 'number', where) ??
      field(invite, 'hasExpired', 'boolean', where) ??
      access(invite, where);
    if (wrong !== undefined) return wrong;
  }
  return undefined;
};

const checkSuccess: Check = (value) =>
  isObject(value) && value.success === true ? undefined : 'the body is not { "success": true }';

const checkCounts: Check = (value) => {
  if (!isObject(value)) return 'the body is not an object';
  return value.counts === undefined || Array.isArray(value.counts)
    ? undefined
    : 'counts is not an array';
};

const checkPayloadStats: Check = (value) =>
  isObject(value) && Object.values(value).every(isObject)
    ? undefined
    : 'the body is not an object of counts by payload type';

const checkMe: Check = (value) => {
  if (!isObject(value)) return 'the body is not an object';
  return field(value, 'id', 'string', 'me') ?? field(value, 'email', 'string', 'me');
};

const CHECKS: Record<ApiAction, Check> = {
  'org.get': checkOrg,
  'org.patch': checkOrg,
  'org.modifyMember': checkOrg,
  'org.removeMember': checkOrg,
  'org.delete': checkSuccess,
  'org.transferResources': checkSuccess,
  'org.pendingInvites': checkInvites,
  'org.inviteMember': checkInvites,
  'org.revokeInvite': checkInvites,
  'org.deviceCounts': checkCounts,
  'org.notebookMinuteCounts': checkCounts,
  'org.payloadCounts': checkPayloadStats,
  'me.get': checkMe,
};

/** What is wrong with a 200 body for this action, or undefined when it has the expected shape. */
export function responseProblem(action: ApiAction, body: unknown): string | undefined {
  return CHECKS[action](body);
}

/** Whether the action answers with the org (the actions whose body is checked as one). */
export function returnsOrg(action: ApiAction): boolean {
  return CHECKS[action] === checkOrg;
}
