// The live org as read from the API, reduced to what reconciliation looks at.
import type { Access } from './access.js';
import type { OrgProperties } from './desired-org.js';

export interface LiveMember {
  userId: string;
  email: string;
  firstName?: string;
  lastName?: string;
  access: Access;
}

export interface LiveInvite {
  id: string;
  email: string;
  access: Access;
  /** ISO date-time the invite was sent. */
  inviteDate: string;
  /** Lifetime in milliseconds. */
  ttl: number;
  hasExpired: boolean;
  disallowTransfer?: boolean;
}

export interface LiveOrg {
  id: string;
  name: string;
  properties: OrgProperties;
  members: LiveMember[];
  invites: LiveInvite[];
  /** `limits.member` of the org read: members and pending (not expired) invites it may hold. */
  memberLimit?: number;
}

/** The user a token belongs to, when the token may call GET /me. */
export interface TokenUser {
  userId: string;
  email: string;
}
