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

/** Same grants in the same order, ids compared case-insensitively (then they are equal once sorted). */
function sameGrantsInOrder(
  a: readonly ResourceRoleGrant[],
  b: readonly ResourceRoleGrant[],
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as ResourceRoleGrant;
    const y = b[i] as ResourceRoleGrant;
    if (x.role !== y.role) return false;
    if (
      x.resourceId !== y.resourceId &&
      x.resourceId.toLowerCase() !== y.resourceId.toLowerCase()
    ) {
      return false;
    }
  }
  return true;
}

/**
 * The one access equality: same org role and the same resource roles, whatever their order and
 * the case of their ids. Fast paths allocate nothing: most people differ in role, hold no resource
 * roles, or hold them in the same order on both sides.
 */
export function sameAccess(a: Access, b: Access): boolean {
  if (a.role !== b.role) return false;
  const grants = a.applicationRoles.length + a.dashboardRoles.length;
  if (grants !== b.applicationRoles.length + b.dashboardRoles.length) return false;
  if (grants === 0) return true;
  if (
    sameGrantsInOrder(a.applicationRoles, b.applicationRoles) &&
    sameGrantsInOrder(a.dashboardRoles, b.dashboardRoles)
  ) {
    return true;
  }
  const x = normalizeAccess(a);
  const y = normalizeAccess(b);
  return (
    sameGrantsInOrder(x.applicationRoles, y.applicationRoles) &&
    sameGrantsInOrder(x.dashboardRoles, y.dashboardRoles)
  );
}

/** Emails match case-insensitively; nothing else is changed (tags and dots are part of the address). */
export function emailKey(email: string): string {
  return email.toLowerCase();
}
