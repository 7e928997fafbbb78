// The emulator's state as a seed file (YAML or JSON) describes it; GET /_emulator/state returns the same shape.
import type { OrgRole, ResourceRoleGrant } from '../model/access.js';
import type { MfaMode } from '../model/desired-org.js';
import type { LosantOrgInvite } from '../losant/types.js';

export interface SeedUser {
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
}

export interface SeedToken {
  token: string;
  userId: string;
  scopes: string[];
}

export interface SeedMember {
  userId: string;
  role: OrgRole;
  applicationRoles?: ResourceRoleGrant[];
  dashboardRoles?: ResourceRoleGrant[];
}

/** A pending invite as Losant returns it, less what the emulator derives (hasExpired) or defaults (ttl). */
export type SeedInvite = Omit<LosantOrgInvite, 'ttl' | 'hasExpired'> & {
  /** Lifetime in ms; Losant's is 7 days. */
  ttl?: number;
};

export interface SeedOrg {
  id: string;
  name: string;
  description?: string;
  iconColor?: string;
  mfaMode?: MfaMode;
  billingEmail?: string;
  planId?: string;
  creationDate?: string;
  lastUpdated?: string;
  /** Over the emulator's default limits (`limits` of schemas/losant/org.json), e.g. { member: 8 }. */
  limits?: Record<string, number>;
  /** Ids of the applications and dashboards the org owns: what transferResources may move. */
  applications?: string[];
  dashboards?: string[];
  members: SeedMember[];
  invites?: SeedInvite[];
  /** The fleet behind the usage actions and the org's summary; default: a small fleet. */
  usage?: SeedUsage;
}

/** What the org's devices, payloads and notebooks look like: daily series are drawn around these. */
export interface SeedUsage {
  /** Devices today (summary.deviceCount, the last total of deviceCounts). */
  devices?: number;
  /** Devices created on an average day (some are deleted too). */
  devicesCreatedPerDay?: number;
  /** Payloads on an average weekday, by payload type (payloadStats' keys: deviceState, mqttIn, ...). */
  payloadsPerDay?: Record<string, number>;
  /** Notebook minutes on an average day. */
  notebookMinutesPerDay?: number;
  /** Other summary counts, e.g. { appCount: 12, dashCount: 30, experienceUserCount: 900 }. */
  resources?: Record<string, number>;
}

export interface EmulatorSeed {
  users: SeedUser[];
  /** Default: one token for users[0] with scope all.User. */
  tokens?: SeedToken[];
  orgs: SeedOrg[];
}

/** Losant's invite lifetime: 7 days in ms. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Grants are flat { resourceId, role } pairs: a plain copy is what structuredClone did, much faster. */
export function copyGrants(grants: readonly ResourceRoleGrant[] | undefined): ResourceRoleGrant[] {
  return grants === undefined
    ? []
    : grants.map((g) => ({ resourceId: g.resourceId, role: g.role }));
}
