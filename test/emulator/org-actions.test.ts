// Every Org action and GET /me succeed as Losant's do, with bodies of Losant's response schemas.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoSeed, DEMO_ORG_ID, DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import { INVITE_TTL_MS } from '../../src/emulator/emulator-seed.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { startEmulator } from '../../src/emulator/server.js';
import type { LosantOrg, LosantOrgInvite } from '../../src/losant/types.js';
import { call, DAY_MS, NOW, schemaErrors } from './emulator-fixtures.js';

const ORG = `/orgs/${DEMO_ORG_ID}`;
const GRACE = '6650f0c1a2b3c4d5e6f70a02';
const KEN = '6650f0c1a2b3c4d5e6f70a05';
const DENNIS_INVITE = '6650f0c1a2b3c4d5e6f70d01';
const APP = '6650f0c1a2b3c4d5e6f70b01';

const emulator: RunningEmulator = await startEmulator({ now: () => NOW });
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.setState(createDemoSeed(NOW));
  await emulator.control.setClock(NOW);
});

describe('emulator Org actions', () => {
  it('org.get returns the org with members from the seed', async () => {
    const response = await call(emulator, 'GET', ORG);

    expect(response.status).toBe(200);
    expect(schemaErrors('org', response.body)).toEqual([]);
    const org = response.body as LosantOrg;
    expect({ id: org.id, orgId: org.orgId, name: org.name, mfaMode: org.mfaMode }).toEqual({
      id: DEMO_ORG_ID,
      orgId: DEMO_ORG_ID,
      name: 'Acme IoT',
      mfaMode: 'adminRequired',
    });
    expect(org.members[3]).toEqual({
      userId: '6650f0c1a2b3c4d5e6f70a04',
      email: 'margaret@acme-iot.example',
      firstName: 'Margaret',
      lastName: 'Hamilton',
      role: 'collaborate',
      applicationRoles: [{ resourceId: APP, role: 'view' }],
      dashboardRoles: [{ resourceId: '6650f0c1a2b3c4d5e6f70c01', role: 'collaborate' }],
      twoFactorAuthEnabled: false,
    });
  });

  it('org.get honours summaryInclude', async () => {
    const response = await call(
      emulator,
      'GET',
      `${ORG}?summaryInclude=memberCount,pendingInviteCount`,
    );

    expect((response.body as LosantOrg).summary).toEqual({ memberCount: 5, pendingInviteCount: 2 });
  });

  it('org.patch changes only the given properties and returns the org', async () => {
    const response = await call(emulator, 'PATCH', ORG, {
      body: { name: 'Acme IoT Europe', mfaMode: 'required' },
    });

    expect(response.status).toBe(200);
    expect(schemaErrors('org', response.body)).toEqual([]);
    const org = response.body as LosantOrg;
    expect([org.name, org.mfaMode, org.description, org.lastUpdated]).toEqual([
      'Acme IoT Europe',
      'required',
      'Production fleet',
      new Date(NOW).toISOString(),
    ]);
  });

  it('org.delete removes the org', async () => {
    const response = await call(emulator, 'DELETE', ORG);

    expect([response.status, response.body]).toEqual([200, { success: true }]);
    expect(schemaErrors('success', response.body)).toEqual([]);
    expect((await call(emulator, 'GET', ORG)).status).toBe(404);
  });

  it('org.pendingInvites returns invites with ttl and hasExpired from the emulator clock', async () => {
    const response = await call(emulator, 'GET', `${ORG}/invites`);

    expect(response.status).toBe(200);
    expect(schemaErrors('orgInvites', response.body)).toEqual([]);
    expect(response.body).toEqual([
      {
        id: DENNIS_INVITE,
        email: 'dennis@acme-iot.example',
        role: 'view',
        applicationRoles: [],
        dashboardRoles: [],
        inviteDate: new Date(NOW - DAY_MS).toISOString(),
        ttl: INVITE_TTL_MS,
        hasExpired: false,
        disallowTransfer: false,
      },
      {
        id: '6650f0c1a2b3c4d5e6f70d02',
        email: 'barbara@acme-iot.example',
        role: 'collaborate',
        applicationRoles: [{ resourceId: APP, role: 'collaborate' }],
        dashboardRoles: [],
        inviteDate: new Date(NOW - 10 * DAY_MS).toISOString(),
        ttl: INVITE_TTL_MS,
        hasExpired: true,
        disallowTransfer: false,
      },
    ]);
  });

  it('org.inviteMember adds an invite with a new 24-hex id and returns the pending invites', async () => {
    const response = await call(emulator, 'POST', `${ORG}/invites`, {
      body: {
        email: 'Eve@Acme-IoT.example',
        role: 'edit',
        dashboardRoles: [{ resourceId: '6650f0c1a2b3c4d5e6f70c02', role: 'view' }],
      },
    });

    expect(response.status).toBe(200);
    expect(schemaErrors('orgInvites', response.body)).toEqual([]);
    const invites = response.body as LosantOrgInvite[];
    const added = invites[2];
    expect(invites.length).toBe(3);
    expect(added?.id).toMatch(/^[a-f\d]{24}$/);
    expect({ ...added, id: 'x' }).toEqual({
      id: 'x',
      email: 'Eve@Acme-IoT.example',
      role: 'edit',
      applicationRoles: [],
      dashboardRoles: [{ resourceId: '6650f0c1a2b3c4d5e6f70c02', role: 'view' }],
      inviteDate: new Date(NOW).toISOString(),
      ttl: INVITE_TTL_MS,
      hasExpired: false,
      disallowTransfer: false,
    });
  });

  it('org.inviteMember again for an invited email keeps both invites, as Losant does', async () => {
    const response = await call(emulator, 'POST', `${ORG}/invites`, {
      body: { email: 'dennis@acme-iot.example', role: 'view' },
    });

    const emails = (response.body as LosantOrgInvite[]).map((i) => i.email);
    expect(emails).toEqual([
      'dennis@acme-iot.example',
      'barbara@acme-iot.example',
      'dennis@acme-iot.example',
    ]);
  });

  it('org.revokeInvite removes the invite and returns the remaining ones', async () => {
    const response = await call(emulator, 'DELETE', `${ORG}/invites?inviteId=${DENNIS_INVITE}`);

    expect(response.status).toBe(200);
    expect(schemaErrors('orgInvites', response.body)).toEqual([]);
    expect((response.body as LosantOrgInvite[]).map((i) => i.id)).toEqual([
      '6650f0c1a2b3c4d5e6f70d02',
    ]);
  });

  it('org.modifyMember replaces the given parts of the access and returns the org', async () => {
    const response = await call(emulator, 'PATCH', `${ORG}/member`, {
      body: { userId: KEN, role: 'edit', applicationRoles: [{ resourceId: APP, role: 'view' }] },
    });

    expect(response.status).toBe(200);
    expect(schemaErrors('org', response.body)).toEqual([]);
    const ken = (response.body as LosantOrg).members.find((m) => m.userId === KEN);
    expect([ken?.role, ken?.applicationRoles, ken?.dashboardRoles]).toEqual([
      'edit',
      [{ resourceId: APP, role: 'view' }],
      [{ resourceId: '6650f0c1a2b3c4d5e6f70c02', role: 'view' }],
    ]);
  });

  it('org.removeMember removes the member and returns the org', async () => {
    const response = await call(emulator, 'DELETE', `${ORG}/member?userId=${GRACE}`);

    expect(response.status).toBe(200);
    expect(schemaErrors('org', response.body)).toEqual([]);
    expect((response.body as LosantOrg).members.map((m) => m.email)).toEqual([
      'ada@acme-iot.example',
      'linus@acme-iot.example',
      'margaret@acme-iot.example',
      'ken@acme-iot.example',
    ]);
  });

  it('org.transferResources to a user answers success', async () => {
    const response = await call(emulator, 'PATCH', `${ORG}/transferResources`, {
      body: { destinationId: DEMO_USER_ID, destinationType: 'user', applicationIds: [APP] },
    });

    expect([response.status, response.body]).toEqual([200, { success: true }]);
  });

  it('org.deviceCounts returns a day per count in the range', async () => {
    const start = Date.parse('2025-05-01T00:00:00.000Z');
    const end = Date.parse('2025-05-03T00:00:00.000Z');

    const response = await call(emulator, 'GET', `${ORG}/deviceCounts?start=${start}&end=${end}`);

    expect(response.status).toBe(200);
    expect(schemaErrors('deviceCounts', response.body)).toEqual([]);
    const body = response.body as { start: string; end: string; counts: { date: string }[] };
    expect([body.start, body.end, body.counts.map((c) => c.date)]).toEqual([
      '2025-05-01T00:00:00.000Z',
      '2025-05-03T00:00:00.000Z',
      ['2025-05-01T00:00:00.000Z', '2025-05-02T00:00:00.000Z', '2025-05-03T00:00:00.000Z'],
    ]);
  });

  it('org.notebookMinuteCounts defaults to the last 30 days', async () => {
    const response = await call(emulator, 'GET', `${ORG}/notebookMinuteCounts`);

    expect(response.status).toBe(200);
    expect(schemaErrors('notebookMinuteCounts', response.body)).toEqual([]);
    const body = response.body as { start: string; end: string; counts: unknown[] };
    expect([body.start, body.end, body.counts.length]).toEqual([
      new Date(NOW - 30 * DAY_MS).toISOString(),
      new Date(NOW).toISOString(),
      31,
    ]);
  });

  it('org.payloadCounts returns counts by type and source, in bytes with asBytes', async () => {
    const range = `start=${NOW - DAY_MS}&end=${NOW}`;
    const counts = await call(emulator, 'GET', `${ORG}/payloadCounts?${range}`);
    const bytes = await call(emulator, 'GET', `${ORG}/payloadCounts?${range}&asBytes=true`);

    expect(counts.status).toBe(200);
    expect(schemaErrors('payloadStats', counts.body)).toEqual([]);
    const mqtt = (counts.body as Record<string, Record<string, number>>)['mqttIn']?.['mqtt'] ?? -1;
    expect((bytes.body as Record<string, Record<string, number>>)['mqttIn']).toEqual({
      mqtt: mqtt * 310,
    });
    expect(mqtt).toBeGreaterThan(0);
  });

  it('me.get returns the token user', async () => {
    const response = await call(emulator, 'GET', '/me');

    expect(response.status).toBe(200);
    expect(schemaErrors('me', response.body)).toEqual([]);
    expect(response.body).toEqual({
      id: DEMO_USER_ID,
      userId: DEMO_USER_ID,
      email: 'ada@acme-iot.example',
      firstName: 'Ada',
      lastName: 'Lovelace',
      fullName: 'Ada Lovelace',
      emailVerified: true,
      needsToVerifyEmail: false,
      twoFactorAuthEnabled: false,
      summary: { orgCount: 1 },
    });
  });
});
