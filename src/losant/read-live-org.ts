// Live state of one org: GET org and GET pending invites together, then reduced to the model.
import type { Access, ResourceRoleGrant } from '../model/access.js';
import { MANAGED_ORG_PROPERTIES } from '../model/desired-org.js';
import type { OrgProperties } from '../model/desired-org.js';
import type { LiveInvite, LiveMember, LiveOrg } from '../model/live-org.js';
import type { LosantApi } from './api.js';
import { NO_SUMMARY } from './org-summary-fields.js';
import type { LosantOrg, LosantOrgInvite, LosantOrgMember } from './types.js';

export interface LiveOrgRead {
  org: LosantOrg;
  invites: LosantOrgInvite[];
}

/**
 * Both reads at once; either failing rejects with the client's error (never an empty org), the org
 * read's when both fail, whichever answered first, so that the same failure is always told the same
 * way. The org is read without its summary: the planner counts members and invites from the lists.
 */
export async function readLiveOrg(
  api: Pick<LosantApi, 'get' | 'pendingInvites'>,
  orgId: string,
): Promise<LiveOrgRead> {
  const [org, invites] = await Promise.allSettled([
    api.get(orgId, NO_SUMMARY),
    api.pendingInvites(orgId),
  ]);
  if (org.status === 'rejected') throw org.reason;
  if (invites.status === 'rejected') throw invites.reason;
  return { org: org.value, invites: invites.value };
}

/** The API's org and invites as the planner sees them; missing resource roles become []. */
export function toLiveOrg(org: LosantOrg, invites: readonly LosantOrgInvite[]): LiveOrg {
  const live: LiveOrg = {
    id: org.id,
    name: org.name,
    properties: orgProperties(org),
    members: org.members.map(toLiveMember),
    invites: invites.map(toLiveInvite),
  };
  const memberLimit = org.limits?.['member'];
  if (typeof memberLimit === 'number' && Number.isInteger(memberLimit) && memberLimit >= 0) {
    live.memberLimit = memberLimit;
  }
  return live;
}

function orgProperties(org: LosantOrg): OrgProperties {
  const properties: OrgProperties = {};
  for (const key of MANAGED_ORG_PROPERTIES) {
    const value = org[key];
    if (value !== undefined) Object.assign(properties, { [key]: value });
  }
  return properties;
}

/**
 * Most people have no resource roles: they share one empty list (frozen: nothing may add to it), which
 * at 10,000 members saves 20,000 arrays on every read.
 */
const NO_GRANTS = Object.freeze([]) as unknown as ResourceRoleGrant[];

function toAccess(source: {
  role: Access['role'];
  applicationRoles?: ResourceRoleGrant[];
  dashboardRoles?: ResourceRoleGrant[];
}): Access {
  const copy = (grants: ResourceRoleGrant[] | undefined): ResourceRoleGrant[] =>
    grants === undefined || grants.length === 0
      ? NO_GRANTS
      : grants.map((g) => ({ resourceId: g.resourceId, role: g.role }));
  return {
    role: source.role,
    applicationRoles: copy(source.applicationRoles),
    dashboardRoles: copy(source.dashboardRoles),
  };
}

function toLiveMember(member: LosantOrgMember): LiveMember {
  const live: LiveMember = { userId: member.userId, email: member.email, access: toAccess(member) };
  if (member.firstName !== undefined) live.firstName = member.firstName;
  if (member.lastName !== undefined) live.lastName = member.lastName;
  return live;
}

function toLiveInvite(invite: LosantOrgInvite): LiveInvite {
  const live: LiveInvite = {
    id: invite.id,
    email: invite.email,
    access: toAccess(invite),
    inviteDate: invite.inviteDate,
    ttl: invite.ttl,
    hasExpired: invite.hasExpired,
  };
  if (invite.disallowTransfer !== undefined) live.disallowTransfer = invite.disallowTransfer;
  return live;
}
