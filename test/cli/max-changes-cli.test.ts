// policy.maxChanges and --allow-changes end to end: the built CLI against the emulator's demo org.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import { useCliSession } from './cli-session.js';

const session = useCliSession('max-changes');
const run = (args: string[]) => session.run(args);
const writes = async () => (await session.writes()).map((e) => e.action ?? e.path);

/** examples/small-team.yaml (one role change, one re-sent invite) with policy.maxChanges: 1. */
const smallTeamWithMaxChanges = () =>
  session.smallTeam('max-changes.yaml', (text) =>
    text.replace('  maxRemovals: 2\n', '  maxRemovals: 2\n  maxChanges: 1\n'),
  );

describe('policy.maxChanges through the built CLI', () => {
  it('refuses more changes than maxChanges, names --allow-changes, and applies with it', async () => {
    await session.start();
    const file = await smallTeamWithMaxChanges();

    const refused = await run(['plan', file]);
    const tooFew = await run(['apply', file, '--yes', '--allow-changes', '1']);
    const writesWhenRefused = await writes();
    const applied = await run(['apply', file, '--yes', '--allow-changes', '2']);
    const again = await run(['plan', file, '--detailed-exitcode']);

    const guard = (allowed: string): string =>
      [
        'error: the plan is refused by a guard, nothing was written:',
        `  org ${DEMO_ORG_ID} (${file}): guard maxChanges: 2 changes to existing members and invites (1 member changed, 1 invite re-sent): more than policy.maxChanges (1)${allowed}`,
        '    to proceed: if these changes are intended, rerun with --allow-changes 2, or set policy.maxChanges to 2 or more',
        '',
      ].join('\n');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(guard(''));
    expect(refused.stdout).toContain(
      '  refused by guard maxChanges: 2 changes to existing members and invites (1 member changed, 1 invite re-sent): more than policy.maxChanges (1)\n',
    );
    expect(tooFew.code).toBe(1);
    expect(tooFew.stderr).toBe(guard('; --allow-changes 1 does not cover them'));
    expect(writesWhenRefused).toEqual([]);
    expect(applied.code).toBe(0);
    expect(again.code).toBe(0);
  }, 120_000);

  it('an --allow-changes that is not a whole number is a usage error; a saved plan takes none', async () => {
    await session.start();
    const file = await smallTeamWithMaxChanges();

    const bad = await run(['plan', file, '--allow-changes', 'many']);
    const saved = await run(['apply', join(session.dir, 'plan.json'), '--allow-changes', '3']);

    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      "error: --allow-changes takes a whole number from 0 to 1000000, not 'many'",
    );
    expect(saved.code).toBe(1);
    expect(saved.stderr).toContain(
      `error: --allow-changes is decided when planning: plan again with --allow-changes 3 --out ${join(session.dir, 'plan.json')}`,
    );
    expect(await writes()).toEqual([]);
  });
});
