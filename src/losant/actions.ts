// The Org actions of Losant's API (schemas/losant/api-info.json) and the scopes each accepts (see below).

export const ORG_ACTIONS = [
  'delete',
  'deviceCounts',
  'get',
  'inviteMember',
  'modifyMember',
  'notebookMinuteCounts',
  'patch',
  'payloadCounts',
  'pendingInvites',
  'removeMember',
  'revokeInvite',
  'transferResources',
] as const;
export type OrgAction = (typeof ORG_ACTIONS)[number];

/** Every action the client speaks: the twelve Org actions and GET /me. */
export type ApiAction = `org.${OrgAction}` | 'me.get';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ActionSpec {
  action: ApiAction;
  method: HttpMethod;
  /** Path below the API root; `{orgId}` is replaced. */
  path: string;
  /** A token needs at least one of these scopes. */
  scopes: readonly string[];
  /** Query parameters the action accepts. */
  query: readonly string[];
  /** Losant's own one-line summary. */
  summary: string;
}

/*
 * The scopes each action accepts (a token needs one of them). Sources, in docs/emulator.md:
 * - Losant's seed document (the REST docs of API 1.30.0, ../seeds/): every action accepts
 *   all.Organization, all.User, org.* and org.<action>; read actions also all.Organization.read and
 *   all.User.read. schemas/losant/api-info.json lists org.<action> per action and org.* for the resource.
 * - API 1.30.0 also has the `.bounded` and `only.*` scopes (Losant's OAuth token documentation): a
 *   `.bounded` scope is read and write but excludes managing org members and invitations, resource
 *   transfer, tokens and credentials; `only.Organization*` covers orgs without their applications.
 *   Which org action accepts which of them follows the pattern of Losant's current REST docs for
 *   the user resources (reads: all of .bounded/.read/only.*; sensitive writes: only the unbounded ones).
 */
const BOUNDED_READ = [
  'all.Organization.bounded',
  'all.User.bounded',
  'only.Organization',
  'only.Organization.bounded',
  'only.Organization.read',
];
const READ_SCOPES = [
  'all.Organization',
  'all.Organization.read',
  'all.User',
  'all.User.read',
  'org.*',
  ...BOUNDED_READ,
];
/** Writes a `.bounded` scope allows: the org's own properties, and deleting it. */
const WRITE_SCOPES = [
  'all.Organization',
  'all.User',
  'org.*',
  'all.Organization.bounded',
  'all.User.bounded',
  'only.Organization',
  'only.Organization.bounded',
];
/** Members, invitations and resource transfer: excluded from every `.bounded` scope. */
const SENSITIVE_WRITE_SCOPES = ['all.Organization', 'all.User', 'org.*', 'only.Organization'];
const SENSITIVE: ReadonlySet<OrgAction> = new Set([
  'inviteMember',
  'modifyMember',
  'removeMember',
  'revokeInvite',
  'transferResources',
]);
const SUMMARY_QUERY = ['summaryExclude', 'summaryInclude'];
const RANGE_QUERY = ['start', 'end'];

function org(
  name: OrgAction,
  method: HttpMethod,
  suffix: string,
  query: string[],
  summary: string,
): ActionSpec {
  const scopes =
    method === 'GET' ? READ_SCOPES : SENSITIVE.has(name) ? SENSITIVE_WRITE_SCOPES : WRITE_SCOPES;
  return {
    action: `org.${name}`,
    method,
    path: `/orgs/{orgId}${suffix}`,
    scopes: [...scopes, `org.${name}`],
    query,
    summary,
  };
}

export const ACTIONS: Readonly<Record<ApiAction, ActionSpec>> = {
  'org.delete': org('delete', 'DELETE', '', [], 'Deletes an organization'),
  'org.deviceCounts': org(
    'deviceCounts',
    'GET',
    '/deviceCounts',
    RANGE_QUERY,
    'Returns device counts by day for the time range specified for this organization',
  ),
  'org.get': org('get', 'GET', '', SUMMARY_QUERY, 'Retrieves information on an organization'),
  'org.inviteMember': org(
    'inviteMember',
    'POST',
    '/invites',
    [],
    'Invites a person to an organization',
  ),
  'org.modifyMember': org(
    'modifyMember',
    'PATCH',
    '/member',
    SUMMARY_QUERY,
    "Modifies a current org member's role",
  ),
  'org.notebookMinuteCounts': org(
    'notebookMinuteCounts',
    'GET',
    '/notebookMinuteCounts',
    RANGE_QUERY,
    'Returns notebook execution usage by day for the time range specified for this organization',
  ),
  'org.patch': org(
    'patch',
    'PATCH',
    '',
    SUMMARY_QUERY,
    'Updates information about an organization',
  ),
  'org.payloadCounts': org(
    'payloadCounts',
    'GET',
    '/payloadCounts',
    [...RANGE_QUERY, 'asBytes'],
    'Returns payload counts for the time range specified for all applications this organization owns',
  ),
  'org.pendingInvites': org(
    'pendingInvites',
    'GET',
    '/invites',
    [],
    'Gets the current pending invites',
  ),
  'org.removeMember': org(
    'removeMember',
    'DELETE',
    '/member',
    ['userId', ...SUMMARY_QUERY],
    'Removes a member from the org',
  ),
  'org.revokeInvite': org(
    'revokeInvite',
    'DELETE',
    '/invites',
    ['inviteId'],
    'Revokes an existing invite',
  ),
  'org.transferResources': org(
    'transferResources',
    'PATCH',
    '/transferResources',
    [],
    'Moves resources to a new owner',
  ),
  'me.get': {
    action: 'me.get',
    method: 'GET',
    path: '/me',
    scopes: [
      'all.User',
      'all.User.read',
      'all.User.bounded',
      'only.User',
      'only.User.bounded',
      'only.User.read',
      'me.*',
      'me.get',
    ],
    query: ['includeRecent', 'summaryExclude', 'summaryInclude'],
    summary: 'Retrieves information on the current user',
  },
};

/** Losant's ids (orgId, userId, inviteId, resource ids): the orgId pattern of api-info.json. */
export const LOSANT_ID_PATTERN = /^[A-Fa-f\d]{24}$/;

/** Losant's API version these paths and schemas come from; sent as Accept-Version. */
export const LOSANT_API_VERSION = '^1.30.0';
