// The Action with one org it cannot read, beside one it can: the readable plan is shown, posted and
// applied; the unreadable org is named, nothing is written to it, and the job fails with api-error.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  annotations,
  emulatorWrites,
  MERGE_SHA,
  PUSH_EVENT,
  startActionWorld,
  type ActionWorld,
} from './action-fixtures.js';

const MISSING = '0123456789abcdef01234567';

let world: ActionWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** The small-team org (readable) and an org that does not exist for this token. */
async function worldWithAnUnreadableOrg(): Promise<ActionWorld> {
  const started = await startActionWorld();
  await writeFile(
    join(started.workspace, 'losant', 'nowhere.yaml'),
    `version: 1\norg: { id: ${MISSING}, name: Nowhere }\n`,
  );
  return started;
}

describe('the Action with one org unreadable', () => {
  test('mode plan: the comment shows the readable plan and names the unreadable org; api-error', async () => {
    world = await worldWithAnUnreadableOrg();

    const run = await world.run({ inputs: { mode: 'plan' } });

    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('api-error');
    const [comment] = world.github.comments;
    const body = comment?.body ?? '';
    expect(body).toContain('### losant-org plan: 1 to invite, 2 to change, 1 to remove');
    expect(body).toContain('- remove ken@acme-iot.example (view): not in the file');
    expect(body).toContain(
      `> **An org could not be read: no plan, and nothing is written to it.**\n>\n> - \`${MISSING}\` from \`losant/nowhere.yaml\`: Losant API org.`,
    );
    expect(annotations(run.stdout, 'error').map((a) => a.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^org ${MISSING} \\(losant/nowhere.yaml\\) could not be read, so it has no plan and nothing is written to it: Losant API org\\.(get|pendingInvites) on org ${MISSING} failed: HTTP 404 `,
        ),
      ),
    ]);
    expect(await emulatorWrites(world.emulator)).toEqual([]);
  });

  test('mode apply: the readable org is applied, the unreadable one skipped and named; api-error', async () => {
    world = await worldWithAnUnreadableOrg();

    const run = await world.run({
      eventName: 'push',
      event: PUSH_EVENT,
      sha: MERGE_SHA,
      inputs: { mode: 'apply', 'require-reviewed-plan': 'false' },
    });

    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('api-error');
    expect((await emulatorWrites(world.emulator)).length).toBe(5);
    expect(annotations(run.stdout, 'error')[0]?.message).toMatch(
      new RegExp(
        `^org ${MISSING} \\(losant/nowhere.yaml\\) was skipped, nothing was written to it: it could not be read: Losant API org\\.(get|pendingInvites) on org ${MISSING} failed: HTTP 404 `,
      ),
    );
  });
});
