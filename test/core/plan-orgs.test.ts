// planOrgs: every org read at once (GET org and GET invites together), one plan per org, in file order.
import { afterEach, describe, expect, it } from 'vitest';
import { planOrgs } from '../../src/core/plan-orgs.js';
import { createDemoSeed, DEMO_ORG_ID, DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import type { EmulatorSeed } from '../../src/emulator/emulator-seed.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { LosantApi } from '../../src/losant/api.js';
import { createLosantClient, type LosantClient } from '../../src/losant/client.js';
import type { DesiredOrg } from '../../src/model/desired-org.js';
import { DEFAULT_POLICY } from '../../src/model/desired-org.js';

const ORG_IDS = [DEMO_ORG_ID, '6650f0c1a2b3c4d5e6f70802', '6650f0c1a2b3c4d5e6f70803'];

let emulator: RunningEmulator | undefined;
let client: LosantClient | undefined;

afterEach(async () => {
  await client?.close();
  await emulator?.close();
  client = undefined;
  emulator = undefined;
});

function threeOrgs(): EmulatorSeed {
  const seed = createDemoSeed(Date.now());
  for (const id of ORG_IDS.slice(1)) {
    seed.orgs.push({
      id,
      name: `Org ${id.slice(-3)}`,
      members: [{ userId: DEMO_USER_ID, role: 'admin' }],
    });
  }
  return seed;
}

function desired(orgId: string): DesiredOrg {
  return {
    orgId,
    file: `orgs/${orgId}.yaml`,
    properties: {},
    members: [
      {
        email: 'ada@acme-iot.example',
        access: { role: 'admin', applicationRoles: [], dashboardRoles: [] },
        source: { file: `orgs/${orgId}.yaml`, line: 1, col: 1 },
      },
    ],
    policy: { ...DEFAULT_POLICY, maxRemovals: 100 },
  };
}

/** The API with every read counted while in flight: the most seen at once. */
function countingReads(api: LosantApi): { api: LosantApi; most: () => number } {
  let now = 0;
  let most = 0;
  const counted =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      now += 1;
      most = Math.max(most, now);
      try {
        return await call(...args);
      } finally {
        now -= 1;
      }
    };
  return {
    api: {
      ...api,
      me: counted(api.me),
      get: counted(api.get),
      pendingInvites: counted(api.pendingInvites),
    },
    most: () => most,
  };
}

describe('planOrgs', () => {
  it('reads every org and its invites at once, and plans them in the order given', async () => {
    emulator = await startEmulator({ state: threeOrgs() });
    client = createLosantClient({ apiUrl: emulator.url, token: emulator.token });
    const reads = countingReads(client);

    const { plan, inputs } = await planOrgs(ORG_IDS.map(desired), {
      api: reads.api,
      now: Date.now(),
    });

    // GET /me, and GET org plus GET invites of each of the three orgs: all seven in flight together.
    expect(reads.most()).toBe(7);
    expect(plan.orgs.map((o) => o.orgId)).toEqual(ORG_IDS);
    expect(inputs.map((i) => i.live.id)).toEqual(ORG_IDS);
    const log = await emulator.control.log();
    expect(log.filter((e) => e.action === 'org.get').length).toBe(3);
    expect(log.filter((e) => e.action === 'org.pendingInvites').length).toBe(3);
  });
});
