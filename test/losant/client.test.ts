// The client against the emulator over loopback: every action, its success and its documented errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/losant/actions.js';
import type { ApiAction } from '../../src/losant/actions.js';
import { scopesToOffer, type LosantApiError } from '../../src/losant/api-error.js';
import { createLosantClient } from '../../src/losant/client.js';
import type { LosantClient } from '../../src/losant/client.js';
import { readLiveOrg, toLiveOrg } from '../../src/losant/read-live-org.js';
import { DEMO_APPLICATION_IDS, DEMO_ORG_ID, DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import { startEmulator } from '../../src/emulator/server.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { rejection } from './rejection.js';

const GRACE = '6650f0c1a2b3c4d5e6f70a02';
const LINUS = '6650f0c1a2b3c4d5e6f70a03';
const PENDING_INVITE = '6650f0c1a2b3c4d5e6f70d01';
const EXPIRED_INVITE = '6650f0c1a2b3c4d5e6f70d02';
const UNKNOWN_ID = '0123456789abcdef01234567';
const NOW = Date.parse('2024-05-01T12:00:00.000Z');

let emulator: RunningEmulator;
let client: LosantClient;

beforeEach(async () => {
  emulator = await startEmulator({ now: () => NOW });
  client = clientWith(emulator.token);
});

afterEach(async () => {
  await client.close();
  await emulator.close();
});

function clientWith(token: string): LosantClient {
  return createLosantClient({
    apiUrl: emulator.url,
    token,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5 },
  });
}

/** The facts of an error a caller relies on. */
function facts(error: LosantApiError) {
  return {
    action: error.action,
    orgId: error.orgId,
    status: error.status,
    losantType: error.losantType,
    ambiguous: error.ambiguous,
    attempts: error.attempts,
    message: error.message,
  };
}

async function callsMade(): Promise<string[]> {
  return (await emulator.control.log()).map((e) => `${e.method} ${e.path} ${e.status ?? 'reset'}`);
}

const people = (org: { members: { userId: string; email: string; role: string }[] }) =>
  org.members.map((m) => `${m.email} ${m.role}`);

describe('success, every action', () => {
  it('org.get reads the org with its members', async () => {
    const org = await client.get(DEMO_ORG_ID);

    expect({ id: org.id, orgId: org.orgId, name: org.name, people: people(org) }).toEqual({
      id: DEMO_ORG_ID,
      orgId: DEMO_ORG_ID,
      name: 'Acme IoT',
      people: [
        'ada@acme-iot.example admin',
        'grace@acme-iot.example admin',
        'linus@acme-iot.example edit',
        'margaret@acme-iot.example collaborate',
        'ken@acme-iot.example view',
      ],
    });
  });

  it('org.patch changes properties and returns the org', async () => {
    const org = await client.patch(DEMO_ORG_ID, { description: 'Staging', iconColor: '#000000' });

    expect([org.description, org.iconColor, org.name]).toEqual(['Staging', '#000000', 'Acme IoT']);
    expect(await callsMade()).toEqual([`PATCH /orgs/${DEMO_ORG_ID} 200`]);
  });

  it('org.delete deletes the org', async () => {
    const result = await client.delete(DEMO_ORG_ID);
    const after = await rejection(client.get(DEMO_ORG_ID));

    expect(result).toEqual({ success: true });
    expect(after.status).toBe(404);
  });

  it('org.pendingInvites lists the invites, expired ones flagged', async () => {
    const invites = await client.pendingInvites(DEMO_ORG_ID);

    expect(invites.map((i) => [i.id, i.email, i.role, i.hasExpired, i.ttl])).toEqual([
      [PENDING_INVITE, 'dennis@acme-iot.example', 'view', false, 604800000],
      [EXPIRED_INVITE, 'barbara@acme-iot.example', 'collaborate', true, 604800000],
    ]);
  });

  it('org.inviteMember invites and returns the pending invites', async () => {
    const invites = await client.inviteMember(DEMO_ORG_ID, {
      email: 'new@acme-iot.example',
      role: 'view',
      applicationRoles: [{ resourceId: DEMO_APPLICATION_IDS[0], role: 'view' }],
    });

    expect(invites.map((i) => `${i.email} ${i.role}`)).toEqual([
      'dennis@acme-iot.example view',
      'barbara@acme-iot.example collaborate',
      'new@acme-iot.example view',
    ]);
    expect((await emulator.control.log()).map((e) => [e.action, e.body])).toEqual([
      [
        'org.inviteMember',
        {
          email: 'new@acme-iot.example',
          role: 'view',
          applicationRoles: [{ resourceId: DEMO_APPLICATION_IDS[0], role: 'view' }],
        },
      ],
    ]);
  });

  it('org.revokeInvite revokes and returns the pending invites', async () => {
    const invites = await client.revokeInvite(DEMO_ORG_ID, EXPIRED_INVITE);

    expect(invites.map((i) => i.id)).toEqual([PENDING_INVITE]);
    expect((await emulator.control.log()).map((e) => [e.method, e.path, e.query])).toEqual([
      ['DELETE', `/orgs/${DEMO_ORG_ID}/invites`, { inviteId: EXPIRED_INVITE }],
    ]);
  });

  it('org.modifyMember changes access and returns the org', async () => {
    const org = await client.modifyMember(DEMO_ORG_ID, {
      userId: LINUS,
      role: 'view',
      applicationRoles: [],
    });

    const linus = org.members.find((m) => m.userId === LINUS);
    expect({
      email: linus?.email,
      role: linus?.role,
      applicationRoles: linus?.applicationRoles,
      dashboardRoles: linus?.dashboardRoles,
    }).toEqual({
      email: 'linus@acme-iot.example',
      role: 'view',
      applicationRoles: [],
      dashboardRoles: [],
    });
  });

  it('org.removeMember removes and returns the org', async () => {
    const org = await client.removeMember(DEMO_ORG_ID, LINUS);

    expect(org.members.map((m) => m.userId)).not.toContain(LINUS);
    expect(org.members).toHaveLength(4);
  });

  it('org.transferResources moves resources to a user', async () => {
    const result = await client.transferResources(DEMO_ORG_ID, {
      destinationId: GRACE,
      destinationType: 'user',
      applicationIds: [DEMO_APPLICATION_IDS[0]],
    });

    expect(result).toEqual({ success: true });
  });

  it('org.deviceCounts, notebookMinuteCounts and payloadCounts send the range', async () => {
    const range = { start: NOW - 3 * 86_400_000, end: NOW };

    const devices = await client.deviceCounts(DEMO_ORG_ID, range);
    const minutes = await client.notebookMinuteCounts(DEMO_ORG_ID, range);
    const payloads = await client.payloadCounts(DEMO_ORG_ID, { ...range, asBytes: true });

    expect([Array.isArray(devices.counts), Array.isArray(minutes.counts), typeof payloads]).toEqual(
      [true, true, 'object'],
    );
    expect((await emulator.control.log()).map((e) => [e.action, e.query])).toEqual([
      ['org.deviceCounts', { start: String(range.start), end: String(range.end) }],
      ['org.notebookMinuteCounts', { start: String(range.start), end: String(range.end) }],
      [
        'org.payloadCounts',
        { start: String(range.start), end: String(range.end), asBytes: 'true' },
      ],
    ]);
  });

  it('me.get says whose token this is', async () => {
    const me = await client.me();

    expect([me.id, me.email]).toEqual([DEMO_USER_ID, 'ada@acme-iot.example']);
  });
});

describe('documented errors', () => {
  it('400: a malformed body names the field, and is not retried', async () => {
    const error = await rejection(
      client.inviteMember(DEMO_ORG_ID, { email: 'not-an-email', role: 'view' }),
    );

    expect(facts(error)).toMatchObject({
      action: 'org.inviteMember',
      orgId: DEMO_ORG_ID,
      status: 400,
      losantType: 'Validation',
      ambiguous: false,
      attempts: 1,
    });
    expect(error.message).toMatch(
      new RegExp(
        `^Losant API org.inviteMember on org ${DEMO_ORG_ID} failed: HTTP 400 Validation ".*email.*": Losant refused the request as malformed; correct what it names and run again$`,
      ),
    );
    expect(await callsMade()).toEqual([`POST /orgs/${DEMO_ORG_ID}/invites 400`]);
  });

  it('400: inviting a current member', async () => {
    const error = await rejection(
      client.inviteMember(DEMO_ORG_ID, { email: 'GRACE@acme-iot.example', role: 'view' }),
    );

    expect([error.status, error.losantMessage]).toEqual([
      400,
      'GRACE@acme-iot.example is already a member of this organization',
    ]);
  });

  it('400: an org id that is not 24 hex characters', async () => {
    const error = await rejection(client.get('acme'));

    expect(facts(error)).toEqual({
      action: 'org.get',
      orgId: 'acme',
      status: 400,
      losantType: 'Validation',
      ambiguous: false,
      attempts: 1,
      message:
        'Losant API org.get on org acme failed: HTTP 400 Validation "orgId must be an id of 24 hex characters": Losant refused the request as malformed; correct what it names and run again',
    });
  });

  it('401: an unknown token, not retried', async () => {
    const stranger = clientWith('not-a-known-token');

    const error = await rejection(stranger.get(DEMO_ORG_ID));
    await stranger.close();

    expect(facts(error)).toEqual({
      action: 'org.get',
      orgId: DEMO_ORG_ID,
      status: 401,
      losantType: 'Unauthorized',
      ambiguous: false,
      attempts: 1,
      message: `Losant API org.get on org ${DEMO_ORG_ID} failed: HTTP 401 Unauthorized "Invalid or expired access token": the token was rejected: check LOSANT_API_TOKEN`,
    });
    expect(await callsMade()).toEqual([`GET /orgs/${DEMO_ORG_ID} 401`]);
  });

  it('403: a token without the scope names the scopes the action accepts, not retried', async () => {
    await emulator.control.addToken({
      token: 'read-only-token',
      userId: DEMO_USER_ID,
      scopes: ['org.get'],
    });
    const reader = clientWith('read-only-token');

    const read = await reader.get(DEMO_ORG_ID);
    const error = await rejection(
      reader.inviteMember(DEMO_ORG_ID, { email: 'x@acme-iot.example', role: 'view' }),
    );
    await reader.close();

    expect(read.id).toBe(DEMO_ORG_ID);
    expect(facts(error)).toMatchObject({
      status: 403,
      losantType: 'Forbidden',
      attempts: 1,
      ambiguous: false,
    });
    expect(error.message).toContain(
      ': the token may not call org.inviteMember: give it one of the scopes org.inviteMember, org.*, all.Organization, all.User',
    );
    expect(await callsMade()).toEqual([
      `GET /orgs/${DEMO_ORG_ID} 200`,
      `POST /orgs/${DEMO_ORG_ID}/invites 403`,
    ]);
  });

  it('403: a read action names the read scopes too', async () => {
    await emulator.control.addToken({ token: 'me-only', userId: DEMO_USER_ID, scopes: ['me.get'] });
    const meOnly = clientWith('me-only');

    const error = await rejection(meOnly.pendingInvites(DEMO_ORG_ID));
    await meOnly.close();

    expect(error.message).toContain(
      ': the token may not call org.pendingInvites: give it one of the scopes org.pendingInvites, org.*, all.Organization, all.Organization.read, all.User, all.User.read',
    );
  });

  it('404: an unknown org, not retried', async () => {
    const error = await rejection(client.get(UNKNOWN_ID));

    expect(facts(error)).toEqual({
      action: 'org.get',
      orgId: UNKNOWN_ID,
      status: 404,
      losantType: 'NotFound',
      ambiguous: false,
      attempts: 1,
      message: `Losant API org.get on org ${UNKNOWN_ID} failed: HTTP 404 NotFound "Organization was not found": the org ${UNKNOWN_ID} was not found: check the org id and that this token's user belongs to it`,
    });
    expect(await callsMade()).toEqual([`GET /orgs/${UNKNOWN_ID} 404`]);
  });

  it('404: an unknown member', async () => {
    const removed = await rejection(client.removeMember(DEMO_ORG_ID, UNKNOWN_ID));
    const modified = await rejection(
      client.modifyMember(DEMO_ORG_ID, { userId: UNKNOWN_ID, role: 'view' }),
    );

    const expected = `Losant API org.removeMember on org ${DEMO_ORG_ID} failed: HTTP 404 NotFound "Member was not found": the member ${UNKNOWN_ID} was not found in the org ${DEMO_ORG_ID}: they may have left or been removed already; run plan again`;
    expect([removed.message, modified.message]).toEqual([
      expected,
      expected.replace('org.removeMember', 'org.modifyMember'),
    ]);
    expect(await callsMade()).toHaveLength(2);
  });

  it('404: an unknown invite', async () => {
    const error = await rejection(client.revokeInvite(DEMO_ORG_ID, UNKNOWN_ID));

    expect(error.message).toBe(
      `Losant API org.revokeInvite on org ${DEMO_ORG_ID} failed: HTTP 404 NotFound "Invite was not found": the invite ${UNKNOWN_ID} was not found in the org ${DEMO_ORG_ID}: it may have been accepted, revoked or never existed; run plan again`,
    );
  });

  it('404 on every org action for an unknown org', async () => {
    const calls: [string, () => Promise<unknown>][] = [
      ['org.get', () => client.get(UNKNOWN_ID)],
      ['org.patch', () => client.patch(UNKNOWN_ID, { name: 'x' })],
      ['org.delete', () => client.delete(UNKNOWN_ID)],
      ['org.deviceCounts', () => client.deviceCounts(UNKNOWN_ID)],
      ['org.notebookMinuteCounts', () => client.notebookMinuteCounts(UNKNOWN_ID)],
      ['org.payloadCounts', () => client.payloadCounts(UNKNOWN_ID)],
      ['org.pendingInvites', () => client.pendingInvites(UNKNOWN_ID)],
      [
        'org.inviteMember',
        () => client.inviteMember(UNKNOWN_ID, { email: 'a@b.example', role: 'view' }),
      ],
      ['org.revokeInvite', () => client.revokeInvite(UNKNOWN_ID, PENDING_INVITE)],
      ['org.modifyMember', () => client.modifyMember(UNKNOWN_ID, { userId: LINUS, role: 'view' })],
      ['org.removeMember', () => client.removeMember(UNKNOWN_ID, LINUS)],
      [
        'org.transferResources',
        () =>
          client.transferResources(UNKNOWN_ID, { destinationId: GRACE, destinationType: 'user' }),
      ],
    ];

    const errors = await Promise.all(calls.map(([, call]) => rejection(call())));

    expect(
      errors.map((e) => [
        e.action,
        e.status,
        e.losantType,
        e.message.endsWith(
          `the org ${UNKNOWN_ID} was not found: check the org id and that this token's user belongs to it`,
        ),
      ]),
    ).toEqual(calls.map(([action]) => [action, 404, 'NotFound', true]));
  });
});

/** One call per action, on a given org id: what the error matrix below runs. */
const EVERY_ACTION: [ApiAction, (c: LosantClient, orgId: string) => Promise<unknown>][] = [
  ['org.get', (c, o) => c.get(o)],
  ['org.patch', (c, o) => c.patch(o, { description: 'x' })],
  ['org.delete', (c, o) => c.delete(o)],
  ['org.deviceCounts', (c, o) => c.deviceCounts(o)],
  ['org.notebookMinuteCounts', (c, o) => c.notebookMinuteCounts(o)],
  ['org.payloadCounts', (c, o) => c.payloadCounts(o)],
  ['org.pendingInvites', (c, o) => c.pendingInvites(o)],
  ['org.inviteMember', (c, o) => c.inviteMember(o, { email: 'n@acme-iot.example', role: 'view' })],
  ['org.revokeInvite', (c, o) => c.revokeInvite(o, PENDING_INVITE)],
  ['org.modifyMember', (c, o) => c.modifyMember(o, { userId: LINUS, role: 'view' })],
  ['org.removeMember', (c, o) => c.removeMember(o, LINUS)],
  [
    'org.transferResources',
    (c, o) => c.transferResources(o, { destinationId: GRACE, destinationType: 'user' }),
  ],
  ['me.get', (c) => c.me()],
];
const EVERY_ORG_ACTION = EVERY_ACTION.filter(([action]) => action !== 'me.get');

describe('documented errors, every action', () => {
  it.each(EVERY_ACTION)(
    '%s: 401 says to check LOSANT_API_TOKEN, one attempt',
    async (action, run) => {
      const stranger = clientWith('not-a-known-token');

      const error = await rejection(run(stranger, DEMO_ORG_ID));
      await stranger.close();

      expect([
        error.action,
        error.status,
        error.losantType,
        error.attempts,
        error.ambiguous,
      ]).toEqual([action, 401, 'Unauthorized', 1, false]);
      expect(error.message).toContain(': the token was rejected: check LOSANT_API_TOKEN');
    },
  );

  it.each(EVERY_ACTION)('%s: 403 names the scopes the action accepts', async (action, run) => {
    await emulator.control.addToken({
      token: 'device-only',
      userId: DEMO_USER_ID,
      scopes: ['device.get'],
    });
    const unscoped = clientWith('device-only');

    const error = await rejection(run(unscoped, DEMO_ORG_ID));
    await unscoped.close();

    const adminNote =
      ACTIONS[action].method === 'GET' ? '' : ' (and its user must be an admin of the org)';
    expect([error.action, error.status, error.losantType, error.attempts]).toEqual([
      action,
      403,
      'Forbidden',
      1,
    ]);
    expect(error.message).toContain(
      `: the token may not call ${action}: give it one of the scopes ${scopesToOffer(action).join(', ')}${adminNote}`,
    );
    expect(scopesToOffer(action)[0]).toBe(action);
  });

  it.each(EVERY_ORG_ACTION)('%s: 400 for a malformed org id names it', async (action, run) => {
    const error = await rejection(run(client, 'acme'));

    expect([
      error.action,
      error.status,
      error.losantType,
      error.losantMessage,
      error.attempts,
    ]).toEqual([action, 400, 'Validation', 'orgId must be an id of 24 hex characters', 1]);
  });
});

describe('optional query parameters', () => {
  it('sends summaryInclude and summaryExclude comma-separated, and includeRecent for /me', async () => {
    const org = await client.get(DEMO_ORG_ID, {
      summaryInclude: ['memberCount', 'pendingInviteCount'],
    });
    const patched = await client.patch(
      DEMO_ORG_ID,
      { description: 'x' },
      { summaryExclude: ['deviceCount'] },
    );
    await client.modifyMember(
      DEMO_ORG_ID,
      { userId: LINUS, role: 'view' },
      { summaryInclude: ['memberCount'] },
    );
    await client.removeMember(DEMO_ORG_ID, LINUS, { summaryInclude: ['memberCount'] });
    await client.me({ includeRecent: true, summaryExclude: ['payloadCount'] });

    expect(org.summary).toEqual({ memberCount: 5, pendingInviteCount: 2 });
    expect(Object.keys(patched.summary ?? {})).not.toContain('deviceCount');
    expect((await emulator.control.log()).map((e) => [e.action, e.query])).toEqual([
      ['org.get', { summaryInclude: 'memberCount,pendingInviteCount' }],
      ['org.patch', { summaryExclude: 'deviceCount' }],
      ['org.modifyMember', { summaryInclude: 'memberCount' }],
      ['org.removeMember', { userId: LINUS, summaryInclude: 'memberCount' }],
      ['me.get', { includeRecent: 'true', summaryExclude: 'payloadCount' }],
    ]);
  });
});

describe('readLiveOrg', () => {
  it('reads org and invites together and converts them to the model', async () => {
    const read = await readLiveOrg(client, DEMO_ORG_ID);
    const live = toLiveOrg(read.org, read.invites);

    expect({
      id: live.id,
      properties: live.properties,
      members: live.members.map((m) => [m.email, m.access.role, m.access.applicationRoles.length]),
      invites: live.invites.map((i) => [i.id, i.access.role, i.hasExpired]),
    }).toEqual({
      id: DEMO_ORG_ID,
      properties: {
        name: 'Acme IoT',
        description: 'Production fleet',
        iconColor: '#2d7ff9',
        mfaMode: 'adminRequired',
        billingEmail: 'billing@acme-iot.example',
      },
      members: [
        ['ada@acme-iot.example', 'admin', 0],
        ['grace@acme-iot.example', 'admin', 0],
        ['linus@acme-iot.example', 'edit', 1],
        ['margaret@acme-iot.example', 'collaborate', 1],
        ['ken@acme-iot.example', 'view', 0],
      ],
      invites: [
        [PENDING_INVITE, 'view', false],
        [EXPIRED_INVITE, 'collaborate', true],
      ],
    });
    expect((await emulator.control.log()).map((e) => e.action).sort()).toEqual([
      'org.get',
      'org.pendingInvites',
    ]);
  });

  it('fails with the client error when either read fails, never an empty org', async () => {
    await emulator.control.addFaults([
      { action: 'org.pendingInvites', kind: 'status', status: 500, count: 0 },
    ]);

    const error = await rejection(readLiveOrg(client, DEMO_ORG_ID));

    expect(facts(error)).toMatchObject({ action: 'org.pendingInvites', status: 500, attempts: 3 });
  });
});
