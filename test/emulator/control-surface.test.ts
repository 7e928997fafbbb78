// The control surface under /_emulator/ and its typed client EmulatorControl.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControlError } from '../../src/emulator/emulator-errors.js';
import { createDemoSeed, DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import type { EmulatorSeed } from '../../src/emulator/emulator-seed.js';
import { INVITE_TTL_MS } from '../../src/emulator/emulator-seed.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { startEmulator } from '../../src/emulator/server.js';
import type { LosantOrg, LosantOrgInvite } from '../../src/losant/types.js';
import { call, DAY_MS, NOW } from './emulator-fixtures.js';

const ORG = `/orgs/${DEMO_ORG_ID}`;
const DENNIS_INVITE = '6650f0c1a2b3c4d5e6f70d01';
const BARBARA_INVITE = '6650f0c1a2b3c4d5e6f70d02';

const SMALL_SEED: EmulatorSeed = {
  users: [{ id: 'aaaaaaaaaaaaaaaaaaaaaaaa', email: 'owner@example.com', firstName: 'Owner' }],
  orgs: [
    {
      id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
      name: 'Small',
      members: [{ userId: 'aaaaaaaaaaaaaaaaaaaaaaaa', role: 'admin' }],
      invites: [
        {
          id: 'cccccccccccccccccccccccc',
          email: 'new@example.com',
          role: 'view',
          inviteDate: new Date(NOW).toISOString(),
        },
      ],
    },
  ],
};

const emulator: RunningEmulator = await startEmulator({ now: () => NOW });
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.setState(createDemoSeed(NOW));
  await emulator.control.setClock(NOW);
  await emulator.control.clearLog();
});

async function expiredFlags(): Promise<Record<string, boolean>> {
  const invites = (await call(emulator, 'GET', `${ORG}/invites`)).body as LosantOrgInvite[];
  return Object.fromEntries(invites.map((i) => [i.email, i.hasExpired]));
}

describe('emulator control surface', () => {
  it('state() returns the seed shape; setState() replaces it and fills defaults', async () => {
    const before = await emulator.control.state();

    const after = await emulator.control.setState(SMALL_SEED);

    expect(before.orgs.map((o) => o.id)).toEqual([DEMO_ORG_ID]);
    expect(
      after.tokens?.map((t) => [t.userId, t.scopes, /^emu_[a-f\d]{32}$/.test(t.token)]),
    ).toEqual([['aaaaaaaaaaaaaaaaaaaaaaaa', ['all.User'], true]]);
    expect(after.orgs[0]).toEqual({
      ...SMALL_SEED.orgs[0],
      creationDate: new Date(NOW).toISOString(),
      lastUpdated: new Date(NOW).toISOString(),
      invites: [{ ...SMALL_SEED.orgs[0]?.invites?.[0], ttl: INVITE_TTL_MS }],
    });
    expect(await emulator.control.state()).toEqual(after);
  });

  it('setState() takes back any state state() gave, however large (an org of 10,000 members)', async () => {
    const seed = createDemoSeed(NOW);
    const org = seed.orgs[0];
    if (org === undefined) throw new Error('no demo org');
    for (let n = 0; n < 10_000; n += 1) {
      const id = (0xa0000000 + n).toString(16).padStart(24, '0');
      seed.users.push({ id, email: `member-${n}@large.example`, firstName: `Member ${n}` });
      org.members.push({ userId: id, role: 'view' });
    }
    org.limits = { ...org.limits, member: 20_000 };
    const large = await emulator.control.setState(seed);
    expect(JSON.stringify(large).length).toBeGreaterThan(1024 * 1024);
    await emulator.control.setState(createDemoSeed(NOW));

    const again = await emulator.control.setState(large);

    expect(again.orgs[0]?.members).toHaveLength(org.members.length);
    expect(again).toEqual(large);
  });

  it('setState() refuses an invalid state, naming each problem', async () => {
    const bad = {
      users: [{ id: 'aaaaaaaaaaaaaaaaaaaaaaaa', email: 'owner@example.com' }],
      orgs: [
        {
          id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
          name: 'Bad',
          members: [{ userId: 'dddddddddddddddddddddddd', role: 'admin' }],
        },
      ],
    };

    const refused = emulator.control.setState(bad as EmulatorSeed);

    await expect(refused).rejects.toThrow(EmulatorControlError);
    await expect(refused).rejects.toThrow(
      'orgs[0].members[0].userId is not the id of a user in users',
    );
  });

  it('acceptInvite() makes the invitee a member with the invite access and removes the invite', async () => {
    const accepted = await emulator.control.acceptInvite(DENNIS_INVITE);

    const org = (await call(emulator, 'GET', ORG)).body as LosantOrg;
    const invites = (await call(emulator, 'GET', `${ORG}/invites`)).body as LosantOrgInvite[];
    expect(accepted.orgId).toBe(DEMO_ORG_ID);
    expect(org.members.find((m) => m.userId === accepted.userId)).toEqual({
      userId: accepted.userId,
      email: 'dennis@acme-iot.example',
      firstName: 'dennis',
      role: 'view',
      applicationRoles: [],
      dashboardRoles: [],
      twoFactorAuthEnabled: false,
    });
    expect(invites.map((i) => i.id)).toEqual([BARBARA_INVITE]);
  });

  it('acceptInvite() refuses an expired invite and an unknown one', async () => {
    await expect(emulator.control.acceptInvite(BARBARA_INVITE)).rejects.toThrow('has expired');
    await expect(emulator.control.acceptInvite('0123456789abcdef01234567')).rejects.toThrow(
      'Invite was not found',
    );
  });

  it('expireInvites() expires the given invites, or all of them', async () => {
    const some = await emulator.control.expireInvites([DENNIS_INVITE]);
    const flags = await expiredFlags();

    expect(some).toEqual([DENNIS_INVITE]);
    expect(flags).toEqual({ 'dennis@acme-iot.example': true, 'barbara@acme-iot.example': true });
    expect(await emulator.control.expireInvites()).toEqual([DENNIS_INVITE, BARBARA_INVITE]);
  });

  it('setClock() and advanceClock() drive hasExpired', async () => {
    const sent = NOW - DAY_MS;

    await emulator.control.setClock(sent + INVITE_TTL_MS);
    const atTtl = await expiredFlags();
    const now = await emulator.control.advanceClock(1);
    const pastTtl = await expiredFlags();

    expect(now).toBe(sent + INVITE_TTL_MS + 1);
    expect(atTtl['dennis@acme-iot.example']).toBe(false);
    expect(pastTtl['dennis@acme-iot.example']).toBe(true);
  });

  it('log() lists the calls received with action, method, path, query, body and status', async () => {
    await call(emulator, 'DELETE', `${ORG}/invites?inviteId=${DENNIS_INVITE}`);
    await call(emulator, 'POST', `${ORG}/invites`, {
      body: { email: 'zoe@acme-iot.example', role: 'view' },
    });
    await call(emulator, 'GET', '/nowhere');

    const log = await emulator.control.log();
    await emulator.control.clearLog();

    expect(log.map((entry) => ({ ...entry, seq: 0 }))).toEqual([
      {
        seq: 0,
        action: 'org.revokeInvite',
        method: 'DELETE',
        path: `${ORG}/invites`,
        query: { inviteId: DENNIS_INVITE },
        body: null,
        status: 200,
      },
      {
        seq: 0,
        action: 'org.inviteMember',
        method: 'POST',
        path: `${ORG}/invites`,
        query: {},
        body: { email: 'zoe@acme-iot.example', role: 'view' },
        status: 200,
      },
      { seq: 0, action: null, method: 'GET', path: '/nowhere', query: {}, body: null, status: 404 },
    ]);
    expect(log.map((e) => e.seq)).toEqual([
      log[0]?.seq,
      (log[0]?.seq ?? 0) + 1,
      (log[0]?.seq ?? 0) + 2,
    ]);
    expect(await emulator.control.log()).toEqual([]);
  });

  it('addToken() adds a token that the API then accepts', async () => {
    await emulator.control.addToken({
      token: 'second',
      userId: '6650f0c1a2b3c4d5e6f70a02',
      scopes: ['org.get'],
    });

    const response = await call(emulator, 'GET', ORG, { token: 'second' });

    expect(response.status).toBe(200);
  });

  it('an unknown control route is a 404', async () => {
    const response = await fetch(`${emulator.url}/_emulator/nothing`);

    expect([response.status, await response.json()]).toEqual([
      404,
      { type: 'NotFound', message: 'No control route GET /_emulator/nothing' },
    ]);
  });
});
