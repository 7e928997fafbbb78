// A file that passed every check -> the DesiredOrg that the plan compares with the live org.
import type { OrgRole, ResourceRole, ResourceRoleGrant } from '../model/access.js';
import {
  DEFAULT_POLICY,
  MANAGED_ORG_PROPERTIES,
  type DesiredMember,
  type DesiredOrg,
  type OrgProperties,
  type OrgSources,
  type Policy,
} from '../model/desired-org.js';
import { parseExpiry } from '../model/expiry.js';
import { list, own, record, text, type Loose } from './loose-value.js';
import { mergeGrants, type LooseGrant } from './merge-grants.js';
import type { PositionMap } from './parse-config-yaml.js';

function toGrants(grants: readonly LooseGrant[]): ResourceRoleGrant[] {
  return grants.map((g) => ({ resourceId: g.id, role: g.role as ResourceRole }));
}

/** The schema and the meaning checks guarantee the shapes read here. */
export function buildDesiredOrg(value: unknown, file: string, positions: PositionMap): DesiredOrg {
  const root = value as Loose;
  const org = root['org'] as Loose;
  const profiles = record(root['profiles']);
  const properties: OrgProperties = {};
  for (const key of MANAGED_ORG_PROPERTIES) {
    const property = org[key];
    if (typeof property === 'string') (properties as Record<string, string>)[key] = property;
  }
  const declaredPolicy = record(root['policy']) ?? {};
  const policy: Policy = {
    ...DEFAULT_POLICY,
    ...(declaredPolicy as Partial<Policy>),
    unmanaged: [
      ...((declaredPolicy['unmanaged'] as string[] | undefined) ?? DEFAULT_POLICY.unmanaged),
    ],
    allowedEmailDomains: [
      ...((declaredPolicy['allowedEmailDomains'] as string[] | undefined) ??
        DEFAULT_POLICY.allowedEmailDomains),
    ],
  };
  const members = list(root['members'])?.map((entry, i): DesiredMember => {
    const member = entry as Loose;
    const profileName = text(member['profile']);
    const profile = profileName === undefined ? undefined : record(own(profiles, profileName));
    const place = positions.get(`/members/${i}`) ?? { line: 1, col: 1, file };
    const desired: DesiredMember = {
      email: member['email'] as string,
      access: {
        role: (text(member['role']) ?? text(profile?.['role'])) as OrgRole,
        applicationRoles: toGrants(mergeGrants(profile?.['applications'], member['applications'])),
        dashboardRoles: toGrants(mergeGrants(profile?.['dashboards'], member['dashboards'])),
      },
      source: { file: place.file ?? file, line: place.line, col: place.col },
    };
    if (typeof member['disallowTransfer'] === 'boolean')
      desired.disallowTransfer = member['disallowTransfer'];
    if (profileName !== undefined) desired.profile = profileName;
    // The member's own expires wins over its profile's; the meaning checks made sure it parses.
    const expires = text(member['expires']) ?? text(profile?.['expires']);
    const expiry = expires === undefined ? undefined : parseExpiry(expires);
    if (expiry !== undefined) desired.expires = expiry;
    return desired;
  });
  return {
    orgId: (org['id'] as string).toLowerCase(),
    file,
    properties,
    members,
    policy,
    sources: settingSources(file, positions),
  };
}

/** Where the settings a plan acts on for the whole org are written (see DesiredOrg.sources). */
function settingSources(file: string, positions: PositionMap): OrgSources {
  const pointers = [
    '/org/id',
    ...MANAGED_ORG_PROPERTIES.map((key) => `/org/${key}`),
    '/members',
    '/policy/removeUndeclaredMembers',
    '/policy/revokeUndeclaredInvites',
  ];
  const sources: OrgSources = {};
  for (const pointer of pointers) {
    const found = positions.get(pointer);
    if (found === undefined) continue;
    const place = found.key ?? found;
    sources[pointer] = { file: found.file ?? file, line: place.line, col: place.col };
  }
  return sources;
}
