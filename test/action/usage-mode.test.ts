// Mode usage on a schedule: the report in the job summary, usage-json and near-limit, read scopes only.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import type { UsageReport } from '../../src/usage/usage-report.js';
import {
  annotations,
  emulatorWrites,
  everythingPrinted,
  LOSANT_TOKEN,
  startActionWorld,
  type ActionWorld,
} from './action-fixtures.js';

let world: ActionWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const SCHEDULE = { eventName: 'schedule', event: { schedule: '23 7 * * 1' } };
const HIDDEN_ORG = '6650f0c1a2b3c4d5e6f70899';

describe('mode usage on a schedule', () => {
  test('writes the report with charts to the summary, usage-json, and near-limit true at 80%', async () => {
    // Arrange
    world = await startActionWorld();

    // Act
    const run = await world.run({ ...SCHEDULE, inputs: { mode: 'usage' } });

    // Assert
    expect(run.code).toBe(0);
    expect(run.outputs['near-limit']).toBe('true');
    const report = JSON.parse(
      await readFile(run.outputs['usage-json'] ?? '', 'utf8'),
    ) as UsageReport;
    expect(report.orgs.map((o) => o.id)).toEqual([DEMO_ORG_ID]);
    expect(run.summary).toContain('## losant-org usage: 1 org, 1 figure at 80% of a limit or more');
    expect(run.summary).toContain('| **devices** | 1,236 | 1,500 | **82%** |');
    expect(run.summary).toContain('```mermaid\nxychart-beta\n  title "Devices per day"');
    expect(run.summary).toContain('```mermaid\npie title Payloads by type');
    expect(annotations(run.stdout, 'warning').map((a) => a.message)).toEqual([
      `Acme IoT (${DEMO_ORG_ID}): devices at 82% of the limit (1,236 of 1,500)`,
    ]);
    expect(await emulatorWrites(world.emulator)).toEqual([]);
    expect(world.github.requests).toEqual([]);
    expect(everythingPrinted(world)).not.toContain(LOSANT_TOKEN);
  });

  test('warn-at-percent 90: near-limit false, no warning', async () => {
    // Arrange
    world = await startActionWorld();

    // Act
    const run = await world.run({
      ...SCHEDULE,
      inputs: { mode: 'usage', 'warn-at-percent': '90' },
    });

    // Assert
    expect([run.code, run.outputs['near-limit']]).toEqual([0, 'false']);
    expect(annotations(run.stdout, 'warning')).toEqual([]);
    expect(run.summary).toContain('## losant-org usage: 1 org\n');
  });

  test('an org that cannot be read fails the step with api-error; the others are in the summary', async () => {
    // Arrange
    const hidden = (await readFile('examples/small-team.yaml', 'utf8')).replace(
      new RegExp(DEMO_ORG_ID, 'g'),
      HIDDEN_ORG,
    );
    world = await startActionWorld({ extraConfig: { 'hidden.yaml': hidden } });

    // Act
    const run = await world.run({ ...SCHEDULE, inputs: { mode: 'usage' } });

    // Assert
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('api-error');
    expect(run.outputs['near-limit']).toBe('true');
    expect(run.summary).toContain('### Acme IoT');
    expect(run.summary).toContain(`### \`${HIDDEN_ORG}\`\n\n> [!CAUTION]`);
    expect(annotations(run.stdout, 'error')[0]?.message).toMatch(/^1 of 2 orgs could not be read/);
  });

  test('a warn-at-percent that is not a number is an input error', async () => {
    // Arrange
    world = await startActionWorld();

    // Act
    const run = await world.run({
      ...SCHEDULE,
      inputs: { mode: 'usage', 'warn-at-percent': 'lots' },
    });

    // Assert
    expect([run.code, run.outputs['failure-reason']]).toEqual([1, 'input-invalid']);
    expect(annotations(run.stdout, 'error')[0]?.message).toBe(
      'the input warn-at-percent must be a whole number from 1 to 1000, not "lots": write warn-at-percent: 80',
    );
    expect(await world.emulator.control.log()).toEqual([]);
  });
});
