// Every action's answers, success and each error, conform to the schema api-info.json names for
// that status (401 and 403, which api-info.json does not list per action, to error.json).
import { readFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoSeed, DEMO_ORG_ID, DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { startEmulator } from '../../src/emulator/server.js';
import type { ApiAction } from '../../src/losant/actions.js';
import { ACTIONS } from '../../src/losant/actions.js';
import type { LosantSchemaName, RawResponse } from './emulator-fixtures.js';
import { call, NOW, schemaErrors } from './emulator-fixtures.js';

const GRACE = '6650f0c1a2b3c4d5e6f70a02';
const KEN = '6650f0c1a2b3c4d5e6f70a05';
const DENNIS_INVITE = '6650f0c1a2b3c4d5e6f70d01';
const UNKNOWN_ID = '0123456789abcdef01234567';
const NO_SCOPE_TOKEN = 'token-with-an-unrelated-scope';

interface Request {
  /** Path and query below the org (or the whole path for /me). */
  suffix: string;
  body?: unknown;
}

/** A request that succeeds on the demo org, per action. */
const SUCCEEDS: Record<ApiAction, Request> = {
  'org.get': { suffix: '' },
  'org.patch': { suffix: '', body: { description: 'Staging' } },
  'org.delete': { suffix: '' },
  'org.deviceCounts': { suffix: '/deviceCounts?start=0&end=86400000' },
  'org.notebookMinuteCounts': { suffix: '/notebookMinuteCounts' },
  'org.payloadCounts': { suffix: '/payloadCounts?asBytes=true' },
  'org.pendingInvites': { suffix: '/invites' },
  'org.inviteMember': { suffix: '/invites', body: { email: 'zoe@acme-iot.example', role: 'view' } },
  'org.revokeInvite': { suffix: `/invites?inviteId=${DENNIS_INVITE}` },
  'org.modifyMember': { suffix: '/member', body: { userId: KEN, role: 'edit' } },
  'org.removeMember': { suffix: `/member?userId=${KEN}` },
  'org.transferResources': {
    suffix: '/transferResources',
    body: { destinationId: GRACE, destinationType: 'user' },
  },
  'me.get': { suffix: '' },
};

const ALL = Object.keys(ACTIONS) as ApiAction[];
const ORG_ACTIONS = ALL.filter((a) => a !== 'me.get');

interface ApiInfoAction {
  responses: Record<string, { schema: { $ref: string } }>;
}
const API_INFO = JSON.parse(readFileSync('schemas/losant/api-info.json', 'utf8')) as Record<
  'org' | 'me',
  { actions: Record<string, ApiInfoAction> }
>;

/** The response schema api-info.json gives for this action and status. */
function documentedSchema(action: ApiAction, status: number): LosantSchemaName {
  const [resource, name] = action.split('.') as ['org' | 'me', string];
  const ref = API_INFO[resource].actions[name]?.responses[String(status)]?.schema.$ref;
  if (ref === undefined) {
    if (status === 401 || status === 403) return 'error';
    throw new Error(`api-info.json documents no ${status} for ${action}`);
  }
  return ref.replace('#/definitions/', '') as LosantSchemaName;
}

const emulator: RunningEmulator = await startEmulator({ now: () => NOW });
afterAll(() => emulator.close());
/** The demo org, plus a token whose only scope no Org action accepts. */
async function resetState(): Promise<void> {
  const seed = createDemoSeed(NOW);
  seed.tokens?.push({ token: NO_SCOPE_TOKEN, userId: DEMO_USER_ID, scopes: ['device.get'] });
  await emulator.control.setState(seed);
}
beforeEach(resetState);

function send(
  action: ApiAction,
  options: {
    orgId?: string;
    token?: string | null;
    query?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<RawResponse> {
  const { suffix, body } = SUCCEEDS[action];
  const base = action === 'me.get' ? '/me' : `/orgs/${options.orgId ?? DEMO_ORG_ID}`;
  const [path = '', query] = `${base}${suffix}`.split('?');
  const search = [query, options.query].filter((q) => q !== undefined).join('&');
  return call(emulator, ACTIONS[action].method, search === '' ? path : `${path}?${search}`, {
    ...(body !== undefined ? { body } : {}),
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(options.headers !== undefined ? { headers: options.headers } : {}),
  });
}

/** Status, and the schema problems of the body against what api-info.json documents for it. */
function conformance(action: ApiAction, response: RawResponse) {
  return {
    status: response.status,
    problems: schemaErrors(documentedSchema(action, response.status), response.body),
  };
}

describe('emulator answers conform to the documented schemas', () => {
  it.each(ALL)('%s: 200', async (action) => {
    const response = await send(action);

    expect(conformance(action, response)).toEqual({ status: 200, problems: [] });
  });

  it.each(ORG_ACTIONS)('%s: 400 for an org id that is not 24 hex', async (action) => {
    const response = await send(action, { orgId: 'not-an-org-id' });

    expect(conformance(action, response)).toEqual({ status: 400, problems: [] });
    expect(response.body).toEqual({
      type: 'Validation',
      message: 'orgId must be an id of 24 hex characters',
    });
  });

  it.each(ALL)('%s: 401 without a token', async (action) => {
    const response = await send(action, { token: null });

    expect(conformance(action, response)).toEqual({ status: 401, problems: [] });
  });

  it.each(ALL)('%s: 403 for a token with none of its scopes, naming them', async (action) => {
    const response = await send(action, { token: NO_SCOPE_TOKEN });

    expect(conformance(action, response)).toEqual({ status: 403, problems: [] });
    expect(response.body).toEqual({
      type: 'Forbidden',
      message: `The access token does not allow ${action}: it needs one of the scopes ${ACTIONS[action].scopes.join(', ')}`,
    });
  });

  it.each(ORG_ACTIONS)('%s: 404 NotFound for an unknown org', async (action) => {
    const response = await send(action, { orgId: UNKNOWN_ID });

    expect(conformance(action, response)).toEqual({ status: 404, problems: [] });
    expect(response.body).toEqual({ type: 'NotFound', message: 'Organization was not found' });
  });
});

describe('global parameters (schemas/losant/global-params.json)', () => {
  it.each(ALL)('%s tolerates _actions, _links, _embedded and losantdomain', async (action) => {
    const plain = await send(action);
    await resetState();

    const decorated = await send(action, {
      query: '_actions=true&_links=false&_embedded=true',
      headers: { losantdomain: 'example.com' },
    });

    expect(conformance(action, decorated)).toEqual({ status: 200, problems: [] });
    if (ACTIONS[action].method === 'GET') expect(decorated.body).toEqual(plain.body);
  });
});
