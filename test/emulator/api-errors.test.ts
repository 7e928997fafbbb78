// The emulator refuses calls as Losant does: status, `{ type, message }` naming the field or the thing.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoSeed, DEMO_ORG_ID, DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { startEmulator } from '../../src/emulator/server.js';
import { call, NOW, schemaErrors } from './emulator-fixtures.js';

const ORG = `/orgs/${DEMO_ORG_ID}`;
const GRACE = '6650f0c1a2b3c4d5e6f70a02';
const KEN = '6650f0c1a2b3c4d5e6f70a05';
const UNKNOWN_ID = '0123456789abcdef01234567';

const emulator: RunningEmulator = await startEmulator({ now: () => NOW });
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.setState(createDemoSeed(NOW));
});

describe('emulator errors', () => {
  it('400 Validation names the invalid fields of an invite', async () => {
    const response = await call(emulator, 'POST', `${ORG}/invites`, {
      body: { email: 'not-an-email', role: 'owner' },
    });

    expect([response.status, response.body]).toEqual([
      400,
      {
        type: 'Validation',
        message:
          'invite.email must match format "email"; invite.role must be one of: admin, edit, collaborate, view, none',
      },
    ]);
    expect(schemaErrors('error', response.body)).toEqual([]);
  });

  it('400 Validation names a missing required field and an unknown one', async () => {
    const member = await call(emulator, 'PATCH', `${ORG}/member`, { body: { role: 'view' } });
    const patch = await call(emulator, 'PATCH', ORG, { body: { colour: 'red' } });

    expect([member.status, member.body]).toEqual([
      400,
      { type: 'Validation', message: 'member.userId is required' },
    ]);
    expect([patch.status, patch.body]).toEqual([
      400,
      { type: 'Validation', message: 'organization.colour is not an allowed property' },
    ]);
  });

  it('400 Validation names a resource role out of range and an invalid transfer', async () => {
    const member = await call(emulator, 'PATCH', `${ORG}/member`, {
      body: { userId: KEN, applicationRoles: [{ resourceId: 'abc', role: 'admin' }] },
    });
    const transfer = await call(emulator, 'PATCH', `${ORG}/transferResources`, {
      body: { destinationType: 'team' },
    });

    expect(member.body).toEqual({
      type: 'Validation',
      message:
        'member.applicationRoles[0].resourceId must be an id of 24 hex characters; ' +
        'member.applicationRoles[0].role must be one of: collaborate, view, none',
    });
    expect(transfer.body).toEqual({
      type: 'Validation',
      message:
        'transfer.destinationId is required; transfer.destinationType must be one of: user, organization',
    });
  });

  it('400 for a missing body, invalid JSON, and ids that are not 24 hex', async () => {
    const noBody = await call(emulator, 'POST', `${ORG}/invites`);
    const badJson = await call(emulator, 'PATCH', ORG, { rawBody: '{"name": ' });
    const badOrg = await call(emulator, 'GET', '/orgs/not-an-id');
    const badUser = await call(emulator, 'DELETE', `${ORG}/member?userId=42`);
    const noInvite = await call(emulator, 'DELETE', `${ORG}/invites`);

    expect([noBody, badJson, badOrg, badUser, noInvite].map((r) => [r.status, r.body])).toEqual([
      [400, { type: 'Validation', message: 'invite is required' }],
      [400, { type: 'Validation', message: 'The request body is not valid JSON' }],
      [400, { type: 'Validation', message: 'orgId must be an id of 24 hex characters' }],
      [400, { type: 'Validation', message: 'userId must be an id of 24 hex characters' }],
      [400, { type: 'Validation', message: 'inviteId is required' }],
    ]);
  });

  it('413 for an API request body over 1 MB, and nothing written', async () => {
    const before = await emulator.control.state();
    const description = 'x'.repeat(1024 * 1024);

    const response = await call(emulator, 'PATCH', ORG, { body: { description } });

    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      type: 'PayloadTooLarge',
      message: 'The request body is larger than 1 MB',
    });
    expect(await emulator.control.state()).toEqual(before);
  });

  it('401 without a token or with an unknown token', async () => {
    const missing = await call(emulator, 'GET', ORG, { token: null });
    const unknown = await call(emulator, 'GET', ORG, { token: 'not-a-token' });

    expect([missing.status, missing.body]).toEqual([
      401,
      { type: 'Unauthorized', message: 'Authorization header with a Bearer token is required' },
    ]);
    expect([unknown.status, unknown.body]).toEqual([
      401,
      { type: 'Unauthorized', message: 'Invalid or expired access token' },
    ]);
  });

  it('403 when the token has none of the scopes the action accepts', async () => {
    await emulator.control.addToken({
      token: 'read-only',
      userId: DEMO_USER_ID,
      scopes: ['all.User.read'],
    });

    const read = await call(emulator, 'GET', ORG, { token: 'read-only' });
    const write = await call(emulator, 'PATCH', ORG, { token: 'read-only', body: { name: 'x' } });

    expect(read.status).toBe(200);
    expect([write.status, write.body]).toEqual([
      403,
      {
        type: 'Forbidden',
        message:
          'The access token does not allow org.patch: it needs one of the scopes all.Organization, all.User, org.*, all.Organization.bounded, all.User.bounded, only.Organization, only.Organization.bounded, org.patch',
      },
    ]);
  });

  it('403 when the token user is a member but not an admin of the org', async () => {
    await emulator.control.addToken({ token: 'ken', userId: KEN, scopes: ['all.User'] });

    const read = await call(emulator, 'GET', `${ORG}/invites`, { token: 'ken' });
    const write = await call(emulator, 'POST', `${ORG}/invites`, {
      token: 'ken',
      body: { email: 'zoe@acme-iot.example', role: 'view' },
    });

    expect(read.status).toBe(200);
    expect([write.status, write.body]).toEqual([
      403,
      { type: 'Forbidden', message: 'Only admins of the organization may call org.inviteMember' },
    ]);
  });

  it('404 says which thing was not found: org, member, invite', async () => {
    const org = await call(emulator, 'GET', `/orgs/${UNKNOWN_ID}`);
    const member = await call(emulator, 'DELETE', `${ORG}/member?userId=${UNKNOWN_ID}`);
    const modify = await call(emulator, 'PATCH', `${ORG}/member`, {
      body: { userId: UNKNOWN_ID, role: 'view' },
    });
    const invite = await call(emulator, 'DELETE', `${ORG}/invites?inviteId=${UNKNOWN_ID}`);

    expect([org, member, modify, invite].map((r) => [r.status, r.body])).toEqual([
      [404, { type: 'NotFound', message: 'Organization was not found' }],
      [404, { type: 'NotFound', message: 'Member was not found' }],
      [404, { type: 'NotFound', message: 'Member was not found' }],
      [404, { type: 'NotFound', message: 'Invite was not found' }],
    ]);
  });

  it('404 for an org the token user is not a member of, as Losant hides it', async () => {
    const seed = createDemoSeed(NOW);
    seed.users.push({ id: UNKNOWN_ID, email: 'outsider@example.com' });
    seed.tokens?.push({ token: 'outsider', userId: UNKNOWN_ID, scopes: ['all.User'] });
    await emulator.control.setState(seed);

    const response = await call(emulator, 'GET', ORG, { token: 'outsider' });

    expect([response.status, response.body]).toEqual([
      404,
      { type: 'NotFound', message: 'Organization was not found' },
    ]);
  });

  it('404 for an unknown route, 405 with Allow for a known path with another method', async () => {
    const route = await call(emulator, 'GET', `${ORG}/applications`);
    const method = await call(emulator, 'POST', ORG, { body: {} });

    expect([route.status, route.body]).toEqual([
      404,
      { type: 'NotFound', message: `No API route GET ${ORG}/applications` },
    ]);
    expect([method.status, method.headers.get('allow'), method.body]).toEqual([
      405,
      'DELETE, GET, PATCH',
      {
        type: 'MethodNotAllowed',
        message: 'POST is not allowed on /orgs/{orgId}; use DELETE, GET, PATCH',
      },
    ]);
  });

  it('400 when inviting a current member, whatever the case of the email', async () => {
    const response = await call(emulator, 'POST', `${ORG}/invites`, {
      body: { email: 'Grace@ACME-iot.example', role: 'view' },
    });

    expect([response.status, response.body]).toEqual([
      400,
      {
        type: 'Validation',
        message: 'Grace@ACME-iot.example is already a member of this organization',
      },
    ]);
  });

  it('400 when removing or demoting the last admin', async () => {
    const removed = await call(emulator, 'DELETE', `${ORG}/member?userId=${GRACE}`);

    const demote = await call(emulator, 'PATCH', `${ORG}/member`, {
      body: { userId: DEMO_USER_ID, role: 'edit' },
    });
    const remove = await call(emulator, 'DELETE', `${ORG}/member?userId=${DEMO_USER_ID}`);

    expect(removed.status).toBe(200);
    expect([demote, remove].map((r) => [r.status, r.body])).toEqual([
      [
        400,
        {
          type: 'Validation',
          message:
            'Cannot demote the last admin of the organization: an organization must have at least one admin',
        },
      ],
      [
        400,
        {
          type: 'Validation',
          message:
            'Cannot remove the last admin of the organization: an organization must have at least one admin',
        },
      ],
    ]);
  });

  it('400 for a counts range that is not ms since epoch or runs backwards', async () => {
    const text = await call(emulator, 'GET', `${ORG}/deviceCounts?start=yesterday`);
    const backwards = await call(emulator, 'GET', `${ORG}/payloadCounts?start=2000&end=1000`);

    expect([text.body, backwards.body]).toEqual([
      { type: 'Validation', message: 'start must be a time in ms since epoch' },
      { type: 'Validation', message: 'start must not be after end' },
    ]);
  });

  it('the invite schema check of these tests does reject a malformed invite', () => {
    expect(schemaErrors('orgInvites', [{ id: 'short', email: 'x', ttl: 'long' }]).length).toBe(3);
  });
});
