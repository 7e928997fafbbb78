// A desired org written back as a version-1 configuration: what a saved plan carries so that apply
// can plan again from it, and reads back through the same validation as any configuration file.
import type { ResourceRoleGrant } from '../model/access.js';
import type { DesiredOrg } from '../model/desired-org.js';
import { escapeEnvReferences } from './substitute-env.js';

interface ConfigGrant {
  id: string;
  role: string;
}

interface ConfigMember {
  email: string;
  role: string;
  applications?: ConfigGrant[];
  dashboards?: ConfigGrant[];
  disallowTransfer?: boolean;
  expires?: string;
}

/** A version-1 configuration document (plain JSON) of one desired org. */
export interface OrgConfigDocument {
  version: 1;
  org: Record<string, string>;
  members?: ConfigMember[];
  policy: ConfigPolicy;
}

/** The policy as a file writes it: no limit on changes and any domain are written by leaving them out. */
type ConfigPolicy = Omit<DesiredOrg['policy'], 'maxChanges' | 'allowedEmailDomains'> & {
  maxChanges?: number;
  allowedEmailDomains?: string[];
};

function grants(list: readonly ResourceRoleGrant[]): ConfigGrant[] {
  return list.map((g) => ({ id: g.resourceId, role: g.role }));
}

/**
 * The configuration that loads back into `desired` (profiles already merged into each member).
 * Every value is literal: `${` is escaped, so no environment is read when it is loaded again.
 */
export function desiredOrgConfig(desired: DesiredOrg): OrgConfigDocument {
  const literal = escapeEnvReferences;
  const org: Record<string, string> = { id: desired.orgId };
  for (const [key, value] of Object.entries(desired.properties)) {
    if (typeof value === 'string') org[key] = literal(value);
  }
  const { maxChanges, allowedEmailDomains, ...rest } = desired.policy;
  const policy: ConfigPolicy = { ...rest, unmanaged: desired.policy.unmanaged.map(literal) };
  if (maxChanges !== null) policy.maxChanges = maxChanges;
  if (allowedEmailDomains.length > 0) policy.allowedEmailDomains = allowedEmailDomains.map(literal);
  const document: OrgConfigDocument = { version: 1, org, policy };
  if (desired.members !== undefined) {
    document.members = desired.members.map((m) => {
      const member: ConfigMember = { email: literal(m.email), role: m.access.role };
      if (m.access.applicationRoles.length > 0) {
        member.applications = grants(m.access.applicationRoles);
      }
      if (m.access.dashboardRoles.length > 0) member.dashboards = grants(m.access.dashboardRoles);
      if (m.disallowTransfer !== undefined) member.disallowTransfer = m.disallowTransfer;
      if (m.expires !== undefined) member.expires = m.expires.text;
      return member;
    });
  }
  return document;
}
