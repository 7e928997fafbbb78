// The desired org, as the configuration file declares it, after loading and validation.
import type { Access } from './access.js';
import type { Expiry } from './expiry.js';

export const MFA_MODES = ['notRequired', 'adminRequired', 'required'] as const;
export type MfaMode = (typeof MFA_MODES)[number];

/** Org properties that losant-org manages; a property left out of the file is left alone. */
export const MANAGED_ORG_PROPERTIES = [
  'name',
  'description',
  'iconColor',
  'mfaMode',
  'billingEmail',
] as const;
export type ManagedOrgProperty = (typeof MANAGED_ORG_PROPERTIES)[number];

export interface OrgProperties {
  name?: string;
  description?: string;
  iconColor?: string;
  mfaMode?: MfaMode;
  billingEmail?: string;
}

/** Where something was written: 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

export interface DesiredMember {
  /** The address as written (trimmed); matched case-insensitively. */
  email: string;
  access: Access;
  /** Invite option: the invitee may not be transferred resources. */
  disallowTransfer?: boolean;
  /** The profile the access came from, if any (for readers of the plan). */
  profile?: string;
  /** When the access ends: the member's own `expires`, else its profile's. */
  expires?: Expiry;
  source: SourceLocation;
}

export interface Policy {
  removeUndeclaredMembers: boolean;
  revokeUndeclaredInvites: boolean;
  resendExpiredInvites: boolean;
  maxRemovals: number;
  /** Most changes to existing members and invites in one plan; null: no limit. */
  maxChanges: number | null;
  minAdmins: number;
  /** Email globs (`*` matches any run of characters) that losant-org never touches. */
  unmanaged: string[];
  /** Days before an `expires` from which the plan lists the person as expiring soon (0 to 365). */
  expiryWarningDays: number;
  /** Domains (`acme.com`, `*.acme.com` for subdomains) every declared email must be at; [] allows any. */
  allowedEmailDomains: string[];
}

export const DEFAULT_POLICY: Policy = {
  removeUndeclaredMembers: true,
  revokeUndeclaredInvites: true,
  resendExpiredInvites: true,
  maxRemovals: 5,
  maxChanges: null,
  minAdmins: 1,
  unmanaged: [],
  expiryWarningDays: 14,
  allowedEmailDomains: [],
};

/** Where settings are written, by configuration pointer (see DesiredOrg.sources). */
export type OrgSources = Partial<Record<string, SourceLocation>>;

export interface DesiredOrg {
  orgId: string;
  /** The file that declares this org (of several: the one with its policy, else its properties). */
  file: string;
  /** Every file of the org, in the order given, when it is declared across more than one. */
  files?: string[];
  /**
   * Where the org-level settings a plan acts on are written, by configuration pointer: `/org/id`,
   * `/org/<property>`, `/members`, `/policy/removeUndeclaredMembers`, `/policy/revokeUndeclaredInvites`.
   */
  sources?: OrgSources;
  properties: OrgProperties;
  /** Undefined when the file has no `members` key: membership is then not managed at all. */
  members: DesiredMember[] | undefined;
  policy: Policy;
}
