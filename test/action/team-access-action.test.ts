// The Action with issue 13's policies: maxChanges and its allow-changes input.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  emulatorWrites,
  MERGE_SHA,
  PUSH_EVENT,
  SMALL_TEAM_CONFIG,
  startActionWorld,
  type ActionWorld,
} from './action-fixtures.js';

let world: ActionWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('the Action and policy.maxChanges', () => {
  test('a plan over maxChanges fails with plan-refused; allow-changes covering it passes', async () => {
    // Arrange: the small team's plan has one role change and one re-sent invite.
    const text = await readFile(SMALL_TEAM_CONFIG, 'utf8');
    world = await startActionWorld({
      configText: text.replace('  maxRemovals: 2\n', '  maxRemovals: 2\n  maxChanges: 1\n'),
    });

    // Act
    const refused = await world.run({ inputs: { mode: 'plan' } });
    const allowed = await world.run({ inputs: { mode: 'plan', 'allow-changes': '2' } });
    const badInput = await world.run({ inputs: { mode: 'plan', 'allow-changes': 'two' } });

    // Assert
    expect([refused.code, refused.outputs['failure-reason']]).toEqual([1, 'plan-refused']);
    expect(refused.summary).toContain(
      'guard `maxChanges`: 2 changes to existing members and invites (1 member changed, 1 invite re-sent): more than policy.maxChanges (1)',
    );
    expect(allowed.code).toBe(0);
    expect(allowed.outputs['changes']).toBe('2');
    expect([badInput.code, badInput.outputs['failure-reason']]).toEqual([1, 'input-invalid']);
    expect(badInput.stdout).toContain(
      'the input allow-changes must be a whole number from 0 to 1000000, not "two": write allow-changes: 12, or leave it out to keep the file\'s maxChanges',
    );
  });

  test('mode apply: refused over maxChanges, applied with allow-changes', async () => {
    // Arrange
    const text = await readFile(SMALL_TEAM_CONFIG, 'utf8');
    world = await startActionWorld({
      configText: text.replace('  maxRemovals: 2\n', '  maxRemovals: 2\n  maxChanges: 1\n'),
    });
    const push = (inputs: Record<string, string>) => ({
      eventName: 'push',
      event: PUSH_EVENT,
      sha: MERGE_SHA,
      inputs: { mode: 'apply', 'require-reviewed-plan': 'false', comment: 'false', ...inputs },
    });

    // Act
    const refused = await world.run(push({}));
    const writesWhenRefused = await emulatorWrites(world.emulator);
    const applied = await world.run(push({ 'allow-changes': '2' }));

    // Assert
    expect([refused.code, refused.outputs['failure-reason']]).toEqual([1, 'plan-refused']);
    expect(writesWhenRefused).toEqual([]);
    expect(applied.code).toBe(0);
    expect((await emulatorWrites(world.emulator)).length).toBe(5);
  });
});

describe('the Action and expires', () => {
  test('a scheduled drift run reports expired access as drift', async () => {
    // Arrange: the org matches the file; then Linus's access is declared to have ended.
    world = await startActionWorld();
    const applied = await world.run({
      eventName: 'push',
      event: PUSH_EVENT,
      sha: MERGE_SHA,
      inputs: { mode: 'apply', 'require-reviewed-plan': 'false', comment: 'false' },
    });
    const past = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const text = await readFile(SMALL_TEAM_CONFIG, 'utf8');
    await writeFile(
      join(world.workspace, 'losant', 'acme.yaml'),
      text.replace(
        '  - email: linus@acme-iot.example\n',
        `  - email: linus@acme-iot.example\n    expires: ${past}\n`,
      ),
    );

    // Act
    const drift = await world.run({ eventName: 'schedule', event: {}, inputs: { mode: 'drift' } });

    // Assert
    expect(applied.code).toBe(0);
    expect([drift.code, drift.outputs['failure-reason']]).toEqual([1, 'drift']);
    expect(drift.summary).toContain(
      `remove linus@acme-iot.example (collaborate): access expired on ${past}`,
    );
  });
});

describe('the Action and one org across several files', () => {
  test('a team file of the same org is planned with the main one; the comment names its file and line', async () => {
    // Arrange: losant/acme.yaml is the demo org; losant/team.yaml adds one person to the same org.
    world = await startActionWorld({
      extraConfig: {
        'team.yaml':
          'version: 1\norg:\n  id: 6650F0C1A2B3C4D5E6F70801\nmembers:\n  - { email: newhire@acme-iot.example, role: view }\n',
      },
    });

    // Act
    const plan = await world.run({ inputs: { mode: 'plan' } });

    // Assert
    expect(plan.code).toBe(0);
    const comment = world.github.comments.at(-1)?.body ?? '';
    expect(comment).toContain('`losant/acme.yaml` `losant/team.yaml`');
    expect(comment).toContain(
      '+ invite newhire@acme-iot.example as view: not a member yet  [losant/team.yaml:5]',
    );
    expect(comment).toMatch(/\[losant\/acme\.yaml:\d+\]/);
  });
});
