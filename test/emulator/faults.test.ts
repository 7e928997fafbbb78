// Injected faults: latency, 429 with Retry-After, 5xx, reset, and failure after the write was committed.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoSeed, DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import type { EmulatorSeed } from '../../src/emulator/emulator-seed.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { startEmulator } from '../../src/emulator/server.js';
import type { ApiAction } from '../../src/losant/actions.js';
import { ACTIONS } from '../../src/losant/actions.js';
import type { LosantOrgInvite } from '../../src/losant/types.js';
import { call, NOW } from './emulator-fixtures.js';

const ORG = `/orgs/${DEMO_ORG_ID}`;
const INVITE = { email: 'zoe@acme-iot.example', role: 'view' };
const KEN = '6650f0c1a2b3c4d5e6f70a05';
const DENNIS_INVITE = '6650f0c1a2b3c4d5e6f70d01';

interface WriteCase {
  suffix: string;
  body?: unknown;
  /** What the write changes in the state: differs before the call, equals `done` after it. */
  observe: (state: EmulatorSeed) => unknown;
  done: unknown;
}

const demoOrg = (state: EmulatorSeed) => state.orgs.find((o) => o.id === DEMO_ORG_ID);

/** Every writing action, with a request that succeeds and how to see that it was committed. */
const WRITES: [ApiAction, WriteCase][] = [
  [
    'org.patch',
    {
      suffix: '',
      body: { description: 'Staging' },
      observe: (s) => demoOrg(s)?.description,
      done: 'Staging',
    },
  ],
  [
    'org.inviteMember',
    {
      suffix: '/invites',
      body: INVITE,
      observe: (s) => demoOrg(s)?.invites?.some((i) => i.email === INVITE.email),
      done: true,
    },
  ],
  [
    'org.modifyMember',
    {
      suffix: '/member',
      body: { userId: KEN, role: 'edit' },
      observe: (s) => demoOrg(s)?.members.find((m) => m.userId === KEN)?.role,
      done: 'edit',
    },
  ],
  [
    'org.removeMember',
    {
      suffix: `/member?userId=${KEN}`,
      observe: (s) => demoOrg(s)?.members.some((m) => m.userId === KEN),
      done: false,
    },
  ],
  [
    'org.revokeInvite',
    {
      suffix: `/invites?inviteId=${DENNIS_INVITE}`,
      observe: (s) => demoOrg(s)?.invites?.some((i) => i.id === DENNIS_INVITE),
      done: false,
    },
  ],
  ['org.delete', { suffix: '', observe: (s) => demoOrg(s) !== undefined, done: false }],
  [
    'org.transferResources',
    {
      suffix: '/transferResources',
      body: { destinationId: KEN, destinationType: 'user' },
      // The emulator models no resources: a transfer shows as the org's lastUpdated.
      observe: (s) => demoOrg(s)?.lastUpdated,
      done: new Date(NOW).toISOString(),
    },
  ],
];

const emulator: RunningEmulator = await startEmulator({ now: () => NOW });
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.setState(createDemoSeed(NOW));
  await emulator.control.clearFaults();
  await emulator.control.clearLog();
});

async function invitedEmails(): Promise<string[]> {
  const response = await call(emulator, 'GET', `${ORG}/invites`);
  return (response.body as LosantOrgInvite[]).map((i) => i.email);
}

describe('emulator faults', () => {
  it('429 with Retry-After in seconds hits only the next matching call', async () => {
    await emulator.control.addFaults([
      { action: 'org.get', kind: 'status', status: 429, retryAfter: '2' },
    ]);

    const first = await call(emulator, 'GET', ORG);
    const second = await call(emulator, 'GET', ORG);

    expect([first.status, first.headers.get('retry-after'), first.body]).toEqual([
      429,
      '2',
      {
        type: 'TooManyRequests',
        message: 'Rate limit exceeded; retry after the time in the Retry-After header',
      },
    ]);
    expect(second.status).toBe(200);
  });

  it('Retry-After may be an HTTP date, and 503 carries it too', async () => {
    const date = new Date(NOW + 3000).toUTCString();
    await emulator.control.addFaults([
      { action: '*', kind: 'status', status: 503, retryAfter: date },
    ]);

    const response = await call(emulator, 'GET', '/me');

    expect([response.status, response.headers.get('retry-after'), response.body]).toEqual([
      503,
      date,
      {
        type: 'ServiceUnavailable',
        message: 'The service failed to handle me.get (injected by the emulator)',
      },
    ]);
  });

  it('5xx before the call writes nothing', async () => {
    await emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'status', status: 502, count: 2 },
    ]);

    const responses = [
      await call(emulator, 'POST', `${ORG}/invites`, { body: INVITE }),
      await call(emulator, 'POST', `${ORG}/invites`, { body: INVITE }),
    ];

    expect(responses.map((r) => r.status)).toEqual([502, 502]);
    expect(await invitedEmails()).toEqual(['dennis@acme-iot.example', 'barbara@acme-iot.example']);
  });

  it('reset destroys the connection before anything is done', async () => {
    await emulator.control.addFaults([{ action: 'org.inviteMember', kind: 'reset' }]);

    await expect(call(emulator, 'POST', `${ORG}/invites`, { body: INVITE })).rejects.toThrow();

    expect(await invitedEmails()).toEqual(['dennis@acme-iot.example', 'barbara@acme-iot.example']);
  });

  it('after-commit reset: the client sees a reset but the invite was written', async () => {
    await emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'after-commit', then: 'reset' },
    ]);

    await expect(call(emulator, 'POST', `${ORG}/invites`, { body: INVITE })).rejects.toThrow();

    expect(await invitedEmails()).toEqual([
      'dennis@acme-iot.example',
      'barbara@acme-iot.example',
      'zoe@acme-iot.example',
    ]);
  });

  it('after-commit status: the client sees a 500 but the invite was written', async () => {
    await emulator.control.addFaults([
      { action: 'org.inviteMember', kind: 'after-commit', then: 'status', status: 500 },
    ]);

    const response = await call(emulator, 'POST', `${ORG}/invites`, { body: INVITE });

    expect(response.status).toBe(500);
    expect(await invitedEmails()).toContain('zoe@acme-iot.example');
  });

  it('latency (fixed or a range) delays the call, which then succeeds; the log names the faults', async () => {
    await emulator.control.addFaults([
      { action: '*', kind: 'latency', ms: 5, count: 0 },
      { action: 'org.get', kind: 'latency', ms: [1, 3] },
      { action: 'org.get', kind: 'reset' },
    ]);

    await expect(call(emulator, 'GET', ORG)).rejects.toThrow();
    const me = await call(emulator, 'GET', '/me');

    expect(me.status).toBe(200);
    expect((await emulator.control.log()).map((e) => [e.action, e.status, e.fault])).toEqual([
      ['org.get', null, 'latency-5+latency-1-3+reset'],
      ['me.get', 200, 'latency-5'],
    ]);
    expect(await emulator.control.faults()).toEqual([
      { action: '*', kind: 'latency', ms: 5, count: 0 },
    ]);
  });

  it('count 0 hits every matching call until the faults are cleared', async () => {
    await emulator.control.addFaults([
      { action: 'org.pendingInvites', kind: 'status', status: 504, count: 0 },
    ]);

    const before = [
      await call(emulator, 'GET', `${ORG}/invites`),
      await call(emulator, 'GET', `${ORG}/invites`),
    ];
    await emulator.control.clearFaults();
    const after = await call(emulator, 'GET', `${ORG}/invites`);

    expect([...before.map((r) => r.status), after.status]).toEqual([504, 504, 200]);
  });

  it('the global latency option delays every call without changing answers', async () => {
    const slow = await startEmulator({ now: () => NOW, latencyMs: [1, 2] });
    try {
      const response = await call(slow, 'GET', `/orgs/${slow.orgId}`);

      expect(response.status).toBe(200);
    } finally {
      await slow.close();
    }
  });

  it('under latency a write is made on arrival and its answer follows; a failure before the write makes none', async () => {
    const slow = await startEmulator({ now: () => NOW, latencyMs: 1500 });
    try {
      const description = async (): Promise<unknown> =>
        (await slow.control.state()).orgs.find((o) => o.id === DEMO_ORG_ID)?.description;
      const answered: string[] = [];
      const write = call(slow, 'PATCH', ORG, { body: { description: 'Staging' } }).then((r) => {
        answered.push('patch');
        return r;
      });
      // The control surface has no latency: it sees the org while the answer is still on its way.
      let seen: unknown;
      for (let tries = 0; tries < 100 && seen !== 'Staging'; tries += 1) {
        seen = await description();
        if (seen !== 'Staging') await new Promise((r) => setTimeout(r, 2));
      }
      expect([seen, answered]).toEqual(['Staging', []]);
      expect((await write).status).toBe(200);

      await slow.control.addFaults([{ action: 'org.patch', kind: 'status', status: 503 }]);
      const refused = await call(slow, 'PATCH', ORG, { body: { description: 'Production' } });
      expect([refused.status, await description()]).toEqual([503, 'Staging']);
    } finally {
      await slow.close();
    }
  });

  it('a malformed fault is refused with 400 naming the field', async () => {
    const response = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify([{ action: 'org.get', kind: 'status', status: 418 }]),
    });

    expect([response.status, await response.json()]).toEqual([
      400,
      { type: 'Validation', message: 'faults[0].status must be one of: 429, 500, 502, 503, 504' },
    ]);
  });

  describe.each(WRITES)('after-commit on %s', (action, write) => {
    const send = () =>
      call(emulator, ACTIONS[action].method, `${ORG}${write.suffix}`, {
        ...(write.body !== undefined ? { body: write.body } : {}),
      });

    it('then reset: the connection is destroyed, the write is in the state', async () => {
      await emulator.control.addFaults([{ action, kind: 'after-commit', then: 'reset' }]);
      const before = write.observe(await emulator.control.state());

      await expect(send()).rejects.toThrow();

      expect(before).not.toEqual(write.done);
      expect(write.observe(await emulator.control.state())).toEqual(write.done);
      expect((await emulator.control.log()).map((e) => [e.action, e.status, e.fault])).toEqual([
        [action, null, 'after-commit-reset'],
      ]);
    });

    it('then status: the client gets the error status, the write is in the state', async () => {
      await emulator.control.addFaults([
        { action, kind: 'after-commit', then: 'status', status: 503 },
      ]);

      const response = await send();

      expect([response.status, response.body]).toEqual([
        503,
        {
          type: 'ServiceUnavailable',
          message: `The service failed to handle ${action} (injected by the emulator)`,
        },
      ]);
      expect(write.observe(await emulator.control.state())).toEqual(write.done);
    });
  });
});
