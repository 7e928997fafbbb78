// One API call as Losant handles it: token, scopes, parameters, body, org, the caller's role, then the action.
import type { ApiAction } from '../losant/actions.js';
import { ACTIONS, LOSANT_ID_PATTERN } from '../losant/actions.js';
import type {
  LosantOrgInvitePost,
  LosantOrgMemberPatch,
  LosantOrgPatch,
  LosantResourceTransfer,
} from '../losant/types.js';
import { ApiFailure, validationFailure } from './api-failure.js';
import type { EmulatorState, SummaryFilter } from './emulator-state.js';
import type { ParsedBody } from './http-json.js';
import { JsonChunks } from './http-json.js';
import {
  deviceCounts,
  fleetOf,
  notebookMinuteCounts,
  parseUsageRange,
  payloadCounts,
} from './usage-counts.js';
import type { BodyKind } from './validate-request.js';
import { checkRequestBody } from './validate-request.js';

export interface ApiCall {
  action: ApiAction;
  orgId?: string;
  authorization: string | undefined;
  query: URLSearchParams;
  body: ParsedBody;
}

export interface ApiResult {
  status: number;
  body: unknown;
}

const BODY_KIND: Partial<Record<ApiAction, BodyKind>> = {
  'org.patch': 'organization',
  'org.modifyMember': 'member',
  'org.inviteMember': 'invite',
  'org.transferResources': 'transfer',
};

/** Runs the call against the state; a refusal is thrown as ApiFailure. */
export function executeAction(state: EmulatorState, call: ApiCall): ApiResult {
  const userId = authorize(state, call);
  if (call.action === 'me.get') return ok(state.me(userId));

  const orgId = requireId('orgId', call.orgId);
  const targetId = queryId(call);
  const body = checkBody(call);
  const org = state.orgForUser(orgId, userId);
  if (ACTIONS[call.action].method !== 'GET' && !state.isOrgAdmin(org, userId)) {
    throw new ApiFailure(
      403,
      'Forbidden',
      `Only admins of the organization may call ${call.action}`,
    );
  }
  const summary = summaryFilter(call.query);
  const now = state.now();

  switch (call.action) {
    case 'org.get':
      return ok(new JsonChunks(state.orgViewJson(org, summary)));
    case 'org.patch':
      state.patchOrg(org, body as LosantOrgPatch);
      return ok(new JsonChunks(state.orgViewJson(org, summary)));
    case 'org.delete':
      state.deleteOrg(org);
      return ok({ success: true });
    case 'org.pendingInvites':
      return ok(new JsonChunks(state.invitesViewJson(org)));
    case 'org.inviteMember':
      state.inviteMember(org, body as LosantOrgInvitePost);
      return ok(new JsonChunks(state.invitesViewJson(org)));
    case 'org.revokeInvite':
      state.revokeInvite(org, targetId ?? '');
      return ok(new JsonChunks(state.invitesViewJson(org)));
    case 'org.modifyMember':
      state.modifyMember(org, body as LosantOrgMemberPatch);
      return ok(new JsonChunks(state.orgViewJson(org, summary)));
    case 'org.removeMember':
      state.removeMember(org, targetId ?? '');
      return ok(new JsonChunks(state.orgViewJson(org, summary)));
    case 'org.transferResources':
      state.transferResources(org, body as LosantResourceTransfer, userId);
      return ok({ success: true });
    case 'org.deviceCounts':
      return ok(deviceCounts(fleetOf(org.id, org.usage), parseUsageRange(call.query, now), now));
    case 'org.notebookMinuteCounts': {
      const range = parseUsageRange(call.query, now);
      return ok(notebookMinuteCounts(fleetOf(org.id, org.usage), range, now));
    }
    case 'org.payloadCounts': {
      const range = parseUsageRange(call.query, now);
      // A string parameter, default false (api-info.json): only 'true' asks for bytes.
      const asBytes = call.query.get('asBytes') === 'true';
      return ok(payloadCounts(fleetOf(org.id, org.usage), range, now, asBytes));
    }
  }
}

function ok(body: unknown): ApiResult {
  return { status: 200, body };
}

/** The token's user, once the token is known and carries one of the action's scopes. */
function authorize(state: EmulatorState, call: ApiCall): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(call.authorization ?? '');
  if (match?.[1] === undefined) {
    throw new ApiFailure(
      401,
      'Unauthorized',
      'Authorization header with a Bearer token is required',
    );
  }
  const token = state.findToken(match[1]);
  if (token === undefined)
    throw new ApiFailure(401, 'Unauthorized', 'Invalid or expired access token');
  const accepted = ACTIONS[call.action].scopes;
  if (!token.scopes.some((scope) => accepted.includes(scope))) {
    throw new ApiFailure(
      403,
      'Forbidden',
      `The access token does not allow ${call.action}: it needs one of the scopes ${accepted.join(', ')}`,
    );
  }
  return token.userId;
}

function requireId(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw validationFailure(`${name} is required`);
  if (!LOSANT_ID_PATTERN.test(value))
    throw validationFailure(`${name} must be an id of 24 hex characters`);
  return value;
}

/** The id a query parameter names (userId of removeMember, inviteId of revokeInvite), checked before any lookup. */
function queryId(call: ApiCall): string | undefined {
  const name =
    call.action === 'org.removeMember'
      ? 'userId'
      : call.action === 'org.revokeInvite'
        ? 'inviteId'
        : undefined;
  return name === undefined ? undefined : requireId(name, call.query.get(name) ?? undefined);
}

function checkBody(call: ApiCall): unknown {
  const kind = BODY_KIND[call.action];
  if (kind === undefined) return undefined;
  if (call.body.kind === 'invalid') throw validationFailure('The request body is not valid JSON');
  const body = call.body.kind === 'json' ? call.body.value : undefined;
  const problem = checkRequestBody(kind, body);
  if (problem !== undefined) throw validationFailure(problem);
  return body;
}

function summaryFilter(query: URLSearchParams): SummaryFilter {
  const list = (name: string): string[] | undefined => {
    const raw = query.get(name);
    return raw === null
      ? undefined
      : raw
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  };
  const include = list('summaryInclude');
  const exclude = list('summaryExclude');
  return {
    ...(include !== undefined ? { include } : {}),
    ...(exclude !== undefined ? { exclude } : {}),
  };
}
