// Mode drift on a schedule: a failing job with the plan in the summary when the live org differs.
import { afterEach, describe, expect, test } from 'vitest';
import { annotations, startActionWorld, type ActionWorld } from './action-fixtures.js';

let world: ActionWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const SCHEDULE = { eventName: 'schedule', event: { schedule: '17 6 * * 1-5' } };

describe('mode drift on a schedule', () => {
  test('fails with has-changes true and the plan in the summary when the org differs', async () => {
    // Arrange
    world = await startActionWorld();

    // Act
    const run = await world.run({ ...SCHEDULE, inputs: { mode: 'drift' } });

    // Assert
    expect(run.code).toBe(1);
    const { 'plan-json': planJson, ...rest } = run.outputs;
    expect(planJson).toMatch(/plan\.json$/);
    expect(rest).toEqual({
      'has-changes': 'true',
      additions: '1',
      changes: '2',
      removals: '1',
      'failure-reason': 'drift',
    });
    expect(run.summary).toContain('## losant-org drift check: the live org differs from the files');
    expect(run.summary).toContain('~ change linus@acme-iot.example: role edit -> collaborate');
    expect(annotations(run.stdout, 'error')[0]?.message).toMatch(
      /^drift: the live org differs from the files \(1 to invite, 2 to change, 1 to remove\)/,
    );
    expect(world.github.requests).toEqual([]);
  });
});
