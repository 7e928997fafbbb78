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
}

/** A version-1 configuration document (plain JSON) of one desired org. */
export interface OrgConfigDocument {
  version: 1;
  org: Record<string, string>;
  members?: ConfigMember[];
  policy: DesiredOrg['policy'];
}

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
  const document: OrgConfigDocument = {
    version: 1,
    org,
    policy: {
      ...desired.policy,
      unmanaged: desired.policy.unmanaged.map(literal),
    },
  };
  if (desired.members !== undefined) {
    document.members = desired.members.map((m) => {
      const member: ConfigMember = { email: literal(m.email), role: m.access.role };
      if (m.access.applicationRoles.length > 0) {
        member.applications = grants(m.access.applicationRoles);
      }
      if (m.access.dashboardRoles.length > 0) member.dashboards = grants(m.access.dashboardRoles);
      if (m.disallowTransfer !== undefined) member.disallowTransfer = m.disallowTransfer;
      return member;
    });
  }
  return document;
}
