// Request and response bodies of the Losant Org API, from Losant's JSON Schemas (schemas/losant/).
import type { OrgRole, ResourceRoleGrant } from '../model/access.js';
import type { MfaMode } from '../model/desired-org.js';

/** schemas/losant/orgPatch.json */
export interface LosantOrgPatch {
  name?: string;
  description?: string;
  planId?: string;
  billingEmail?: string;
  cardToken?: string;
  iconColor?: string;
  mfaMode?: MfaMode;
}

/** An item of `members` in schemas/losant/org.json */
export interface LosantOrgMember {
  userId: string;
  firstName?: string;
  lastName?: string;
  email: string;
  avatarUrl?: string;
  role: OrgRole;
  applicationRoles?: ResourceRoleGrant[];
  dashboardRoles?: ResourceRoleGrant[];
  twoFactorAuthEnabled?: boolean;
  ssoLinked?: boolean;
}

/** schemas/losant/org.json (the parts losant-org reads, plus what the emulator returns) */
export interface LosantOrg {
  id: string;
  orgId: string;
  creationDate?: string;
  lastUpdated?: string;
  name: string;
  description?: string;
  members: LosantOrgMember[];
  limits?: Record<string, number>;
  summary?: Record<string, unknown>;
  planId?: string;
  billingEmail?: string;
  subscriptionStatus?: 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid';
  isEnterprise?: boolean;
  iconColor?: string;
  whitelistedEmailDomains?: string[];
  disabledAt?: false | string;
  isReadOnly?: boolean;
  mfaMode?: MfaMode;
  banner?: { message?: string; level?: 'info' | 'warning' | 'critical' };
}

/** schemas/losant/orgMemberPatch.json */
export interface LosantOrgMemberPatch {
  userId: string;
  role?: OrgRole;
  applicationRoles?: ResourceRoleGrant[];
  dashboardRoles?: ResourceRoleGrant[];
}

/** schemas/losant/orgInvitePost.json */
export interface LosantOrgInvitePost {
  email: string;
  role: OrgRole;
  applicationRoles?: ResourceRoleGrant[];
  dashboardRoles?: ResourceRoleGrant[];
  disallowTransfer?: boolean;
}

/** An item of schemas/losant/orgInvites.json */
export interface LosantOrgInvite {
  id: string;
  email: string;
  role: OrgRole;
  applicationRoles?: ResourceRoleGrant[];
  dashboardRoles?: ResourceRoleGrant[];
  inviteDate: string;
  ttl: number;
  hasExpired: boolean;
  disallowTransfer?: boolean;
}

/** schemas/losant/resourceTransfer.json */
export interface LosantResourceTransfer {
  destinationId: string;
  destinationType: 'user' | 'organization';
  applicationIds?: string[];
  dashboardIds?: string[];
  strict?: boolean;
}

/** schemas/losant/success.json */
export interface LosantSuccess {
  success: true;
}

/** schemas/losant/error.json */
export interface LosantErrorBody {
  type?: string;
  message?: string;
}

/** schemas/losant/deviceCounts.json */
export interface LosantDeviceCounts {
  start?: string;
  end?: string;
  counts?: { date?: string; created?: number; deleted?: number; total?: number }[];
}

/** schemas/losant/notebookMinuteCounts.json */
export interface LosantNotebookMinuteCounts {
  start?: string;
  end?: string;
  counts?: {
    date?: string;
    minutes?: number;
    completed?: number;
    canceled?: number;
    errored?: number;
    timeout?: number;
  }[];
}

/** schemas/losant/payloadStats.json: counts by payload type, then by source. */
export type LosantPayloadStats = Record<string, Record<string, number>>;

/** schemas/losant/me.json (the parts losant-org reads) */
export interface LosantMe {
  id: string;
  userId?: string;
  email: string;
  firstName?: string;
  lastName?: string;
  [key: string]: unknown;
}

/** summaryInclude / summaryExclude of the actions that answer with an org (or the user, for /me). */
export interface SummaryFields {
  /** Only these summary fields, e.g. ['memberCount']. */
  summaryInclude?: string[];
  /** All summary fields but these, e.g. ['payloadCount'] (the costly ones). */
  summaryExclude?: string[];
}

/** The query parameters of GET /me. */
export interface MeQuery extends SummaryFields {
  /** Include recently used applications and dashboards. */
  includeRecent?: boolean;
}

export interface TimeRange {
  /** ms since epoch */
  start?: number;
  /** ms since epoch */
  end?: number;
}
