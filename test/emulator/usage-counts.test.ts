// The usage actions look like a real fleet's: deterministic daily series, payloads by type, seeded by --state.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoSeed, DEMO_ORG_ID, DEMO_USAGE } from '../../src/emulator/demo-state.js';
import type { EmulatorSeed } from '../../src/emulator/emulator-seed.js';
import { parseSeed } from '../../src/emulator/load-seed.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { startEmulator } from '../../src/emulator/server.js';
import type {
  LosantDeviceCounts,
  LosantNotebookMinuteCounts,
  LosantOrg,
  LosantPayloadStats,
} from '../../src/losant/types.js';
import { call, DAY_MS, NOW, schemaErrors } from './emulator-fixtures.js';

const ORG = `/orgs/${DEMO_ORG_ID}`;
const emulator: RunningEmulator = await startEmulator({ now: () => NOW });
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control.setState(createDemoSeed(NOW));
  await emulator.control.setClock(NOW);
});

async function get<T>(path: string): Promise<T> {
  const response = await call(emulator, 'GET', path);
  expect(response.status).toBe(200);
  return response.body as T;
}

const total = (stats: LosantPayloadStats, type: string): number =>
  Object.values(stats[type] ?? {}).reduce((sum, n) => sum + n, 0);

describe('emulator usage of the demo fleet', () => {
  it('device totals end at the summary deviceCount and follow created minus deleted', async () => {
    const devices = await get<LosantDeviceCounts>(`${ORG}/deviceCounts`);
    const org = await get<LosantOrg>(ORG);

    const counts = devices.counts ?? [];
    expect(counts.length).toBe(31);
    expect(counts.at(-1)?.total).toBe(DEMO_USAGE.devices);
    expect(org.summary?.['deviceCount']).toBe(DEMO_USAGE.devices);
    for (let i = 1; i < counts.length; i += 1) {
      const [before, day] = [counts[i - 1], counts[i]];
      expect(day?.total).toBe((before?.total ?? 0) + (day?.created ?? 0) - (day?.deleted ?? 0));
    }
    expect(new Set(counts.map((c) => c.created)).size).toBeGreaterThan(2);
  });

  it('any two ranges agree on the days they share, and repeated calls give the same answer', async () => {
    const wide = await get<LosantDeviceCounts>(
      `${ORG}/deviceCounts?start=${NOW - 20 * DAY_MS}&end=${NOW}`,
    );
    const narrow = await get<LosantDeviceCounts>(
      `${ORG}/deviceCounts?start=${NOW - 5 * DAY_MS}&end=${NOW - 2 * DAY_MS}`,
    );
    const minutesA = await get<LosantNotebookMinuteCounts>(`${ORG}/notebookMinuteCounts`);
    const minutesB = await get<LosantNotebookMinuteCounts>(`${ORG}/notebookMinuteCounts`);

    expect(narrow.counts).toEqual(wide.counts?.slice(15, 19));
    expect(minutesA).toEqual(minutesB);
  });

  it('payloads come by type and source, summed over the days of the range; asBytes weighs them', async () => {
    const oneDay = `start=${NOW - DAY_MS}&end=${NOW - DAY_MS}`;
    const day = await get<LosantPayloadStats>(`${ORG}/payloadCounts?${oneDay}`);
    const week = await get<LosantPayloadStats>(
      `${ORG}/payloadCounts?start=${NOW - 6 * DAY_MS}&end=${NOW}`,
    );
    const bytes = await get<LosantPayloadStats>(`${ORG}/payloadCounts?${oneDay}&asBytes=true`);
    const notBytes = await get<LosantPayloadStats>(`${ORG}/payloadCounts?${oneDay}&asBytes=false`);

    expect(schemaErrors('payloadStats', week)).toEqual([]);
    expect(Object.keys(week).sort()).toEqual(Object.keys(DEMO_USAGE.payloadsPerDay ?? {}).sort());
    expect(Object.keys(week['deviceState'] ?? {})).toEqual(['mqtt', 'rest', 'flow']);
    expect(total(day, 'deviceState')).toBeGreaterThan(100_000);
    expect(total(week, 'deviceState')).toBeGreaterThan(5 * total(day, 'deviceState'));
    expect(total(bytes, 'mqttIn')).toBe(total(day, 'mqttIn') * 310);
    expect(notBytes).toEqual(day);
  });

  it('start=0, the API description example, is accepted; history reaches back three years', async () => {
    const devices = await get<LosantDeviceCounts>(`${ORG}/deviceCounts?start=0&end=${NOW}`);

    expect(devices.counts?.length).toBe(1097);
    expect(devices.counts?.[0]?.date).toBe(
      new Date((Math.floor(NOW / DAY_MS) - 1096) * DAY_MS).toISOString(),
    );
  });

  it('the summary has payloads and notebook minutes of the billing period, and the seeded limits', async () => {
    const org = await get<LosantOrg>(ORG);
    const period = await get<LosantPayloadStats>(
      `${ORG}/payloadCounts?start=${Date.parse('2025-06-01T00:00:00.000Z')}&end=${NOW}`,
    );
    const minutes = await get<LosantNotebookMinuteCounts>(
      `${ORG}/notebookMinuteCounts?start=${Date.parse('2025-06-01T00:00:00.000Z')}&end=${NOW}`,
    );

    expect(schemaErrors('org', org)).toEqual([]);
    expect(org.summary?.['payloadCount']).toEqual(period);
    expect(org.summary?.['notebookStats']).toEqual({
      awaitingCompletion: 0,
      minutesThisPeriod: minutes.counts?.[0]?.minutes,
      runsThisPeriod: expect.any(Number) as number,
    });
    expect([org.summary?.['appCount'], org.summary?.['experienceUserCount']]).toEqual([4, 310]);
    expect(org.limits).toMatchObject({ device: 1500, member: 8, payload: 10_000_000 });
  });
});

describe('emulator usage from a seed', () => {
  const SEED_YAML = `users:
  - { id: aaaaaaaaaaaaaaaaaaaaaaaa, email: owner@example.com }
orgs:
  - id: bbbbbbbbbbbbbbbbbbbbbbbb
    name: Tiny
    members: [{ userId: aaaaaaaaaaaaaaaaaaaaaaaa, role: admin }]
    limits: { device: 10 }
    usage:
      devices: 9
      devicesCreatedPerDay: 0
      payloadsPerDay: { webhook: 100 }
      notebookMinutesPerDay: 0
      resources: { appCount: 1 }
`;

  it('seeds the devices, payloads, minutes, resources and limits', async () => {
    const seed: EmulatorSeed = parseSeed(SEED_YAML, 'state.yaml');
    await emulator.control.setState(seed);
    const token = (await emulator.control.state()).tokens?.[0]?.token ?? '';
    const tiny = '/orgs/bbbbbbbbbbbbbbbbbbbbbbbb';

    const [devices, payloads, minutes, org] = await Promise.all(
      ['/deviceCounts', '/payloadCounts', '/notebookMinuteCounts', ''].map(
        async (suffix) => (await call(emulator, 'GET', `${tiny}${suffix}`, { token })).body,
      ),
    );

    expect(new Set((devices as LosantDeviceCounts).counts?.map((c) => c.total))).toEqual(
      new Set([9]),
    );
    expect(Object.keys(payloads as LosantPayloadStats)).toEqual(['webhook']);
    expect(new Set((minutes as LosantNotebookMinuteCounts).counts?.map((c) => c.minutes))).toEqual(
      new Set([0]),
    );
    expect((org as LosantOrg).limits?.['device']).toBe(10);
    expect((org as LosantOrg).summary).toMatchObject({ appCount: 1, deviceCount: 9 });
  });

  it('refuses an unknown payload type or a negative count, naming the line', () => {
    const bad = SEED_YAML.replace('webhook: 100', 'teleport: 100').replace(
      'devices: 9',
      'devices: -1',
    );

    expect(() => parseSeed(bad, 'state.yaml')).toThrow(/state\.yaml:9:\d+.*devices[\s\S]*teleport/);
  });
});
