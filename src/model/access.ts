// Roles and access: the vocabulary shared by the config, the live org, the plan and the API.

export const ORG_ROLES = ['admin', 'edit', 'collaborate', 'view', 'none'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const RESOURCE_ROLES = ['collaborate', 'view', 'none'] as const;
export type ResourceRole = (typeof RESOURCE_ROLES)[number];

/** Most application or dashboard roles one person may hold (Losant's maxItems). */
export const MAX_RESOURCE_ROLES = 100;

export interface ResourceRoleGrant {
  resourceId: string;
  role: ResourceRole;
}

/** A person's access to an org: org role plus per-application and per-dashboard roles. */
export interface Access {
  role: OrgRole;
  applicationRoles: ResourceRoleGrant[];
  dashboardRoles: ResourceRoleGrant[];
}

/** Rank of an org role, higher is more privileged; used to tell promotions from demotions. */
export function roleRank(role: OrgRole): number {
  return ORG_ROLES.length - 1 - ORG_ROLES.indexOf(role);
}

function sortGrants(grants: readonly ResourceRoleGrant[]): ResourceRoleGrant[] {
  return [...grants]
    .map((g) => ({ resourceId: g.resourceId.toLowerCase(), role: g.role }))
    .sort((a, b) => (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0));
}

/** Access with resource roles sorted and ids lower-cased, so that order never counts as a change. */
export function normalizeAccess(access: Access): Access {
  return {
    role: access.role,
    applicationRoles: sortGrants(access.applicationRoles),
    dashboardRoles: sortGrants(access.dashboardRoles),
  };
}

export function sameAccess(a: Access, b: Access): boolean {
  const x = normalizeAccess(a);
  const y = normalizeAccess(b);
  return (
    x.role === y.role &&
    sameGrants(x.applicationRoles, y.applicationRoles) &&
    sameGrants(x.dashboardRoles, y.dashboardRoles)
  );
}

function sameGrants(a: ResourceRoleGrant[], b: ResourceRoleGrant[]): boolean {
  return (
    a.length === b.length &&
    a.every((g, i) => g.resourceId === b[i]?.resourceId && g.role === b[i]?.role)
  );
}

/** Emails match case-insensitively; nothing else is changed (tags and dots are part of the address). */
export function emailKey(email: string): string {
  return email.toLowerCase();
}
