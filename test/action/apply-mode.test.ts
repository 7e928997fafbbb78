// Mode apply on a push to main: only the plan reviewed on the merged pull request is applied.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { parsePlanMarker } from '../../src/plan/render-markdown.js';
import {
  annotations,
  emulatorWrites,
  everythingPrinted,
  GITHUB_TOKEN,
  LOSANT_TOKEN,
  MERGE_SHA,
  PR_NUMBER,
  PUSH_EVENT,
  startActionWorld,
  type ActionWorld,
} from './action-fixtures.js';

let world: ActionWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** The plan was posted on the pull request, which was then merged as MERGE_SHA. */
async function reviewedAndMerged(): Promise<{ world: ActionWorld; hash: string }> {
  const w = await startActionWorld();
  const plan = await w.run({ inputs: { mode: 'plan' } });
  expect(plan.code).toBe(0);
  w.github.pullsOfCommit.set(MERGE_SHA, [
    {
      number: PR_NUMBER,
      state: 'closed',
      merged_at: '2025-06-01T12:00:00Z',
      merge_commit_sha: MERGE_SHA,
    },
  ]);
  await w.emulator.control.clearLog();
  return { world: w, hash: parsePlanMarker(plan.summary)?.hash ?? '' };
}

function pushRun(inputs: Record<string, string> = {}) {
  return {
    eventName: 'push',
    event: PUSH_EVENT,
    sha: MERGE_SHA,
    inputs: { mode: 'apply', ...inputs },
  };
}

describe('mode apply on a push to main', () => {
  test('applies the reviewed plan, comments the results, and the next plan is empty', async () => {
    // Arrange
    const reviewed = await reviewedAndMerged();
    world = reviewed.world;

    // Act
    const apply = await world.run(pushRun());
    const drift = await world.run({ eventName: 'schedule', event: {}, inputs: { mode: 'drift' } });

    // Assert
    expect(apply.code).toBe(0);
    expect((await emulatorWrites(world.emulator)).sort()).toEqual([
      'org.inviteMember',
      'org.inviteMember',
      'org.modifyMember',
      'org.removeMember',
      'org.revokeInvite',
    ]);
    const results = world.github.comments.filter((c) => c.body.includes('losant-org:apply'));
    expect(results).toHaveLength(1);
    const body = results[0]?.body ?? '';
    expect(body.split('\n')[0]).toBe(`<!-- losant-org:apply hash=${reviewed.hash} -->`);
    expect(body).toContain('### losant-org apply: 5 done');
    expect(body).toContain(`Plan \`${reviewed.hash.slice(0, 12)}\`, reviewed in #${PR_NUMBER}`);
    expect(body).toContain('| done | Acme IoT | remove ken@acme-iot.example (view) |');
    expect(apply.summary).toContain('### losant-org apply: 5 done');
    // The post-apply verification read the org again after the last write, and says so.
    const log = await world.emulator.control.log();
    const lastWrite = log.map((e) => e.method !== 'GET').lastIndexOf(true);
    expect(log.slice(lastWrite + 1).map((e) => e.action)).toEqual(
      expect.arrayContaining(['org.get', 'org.pendingInvites']),
    );
    expect(body).toContain(
      'After the apply, the live org matches the files (invites awaiting acceptance aside).',
    );
    expect(drift.code).toBe(0);
    expect(drift.outputs['has-changes']).toBe('false');
  });

  test('refuses with plan-changed and writes nothing when the org changed after the review', async () => {
    // Arrange: someone makes Linus a collaborator by hand after the review.
    const reviewed = await reviewedAndMerged();
    world = reviewed.world;
    const state = await world.emulator.control.state();
    const linus = state.orgs[0]?.members.find((m) => m.userId === '6650f0c1a2b3c4d5e6f70a03');
    if (linus !== undefined) linus.role = 'collaborate';
    await world.emulator.control.setState(state);
    await world.emulator.control.clearLog();

    // Act
    const apply = await world.run(pushRun());

    // Assert
    expect(apply.code).toBe(1);
    expect(apply.outputs['failure-reason']).toBe('plan-changed');
    expect(await emulatorWrites(world.emulator)).toEqual([]);
    const now = JSON.parse(await readFile(apply.outputs['plan-json'] ?? '', 'utf8')) as {
      hash: string;
    };
    expect(annotations(apply.stdout, 'error').map((a) => a.message)).toEqual([
      `the plan changed since it was reviewed on #${PR_NUMBER}: reviewed ${reviewed.hash.slice(0, 12)}, ` +
        `now ${now.hash.slice(0, 12)}; nothing was written. The org or the files changed after the review: ` +
        'open a pull request (or push to one) so that the new plan is reviewed, then merge it; to apply ' +
        'without a reviewed plan, set require-reviewed-plan: false on this step (or run losant-org apply locally)',
    ]);
    expect(apply.summary).toContain('## losant-org apply: refused, nothing was written');
    expect(world.github.comments.filter((c) => c.body.includes('losant-org:apply'))).toEqual([]);
  });

  test('refuses a push that no reviewed pull request merged, unless require-reviewed-plan is false', async () => {
    // Arrange: no plan run, no pull request.
    world = await startActionWorld();

    // Act
    const refused = await world.run(pushRun());
    const writesWhenRefused = await emulatorWrites(world.emulator);
    const forced = await world.run(pushRun({ 'require-reviewed-plan': 'false' }));

    // Assert
    expect([refused.code, refused.outputs['failure-reason']]).toEqual([1, 'plan-changed']);
    expect(annotations(refused.stdout, 'error')[0]?.message).toMatch(
      /^no reviewed plan: no merged pull request contains commit 2222222/,
    );
    expect(writesWhenRefused).toEqual([]);
    expect(forced.code).toBe(0);
    expect((await emulatorWrites(world.emulator)).length).toBe(5);
    expect(forced.summary).toContain('not checked against a reviewed plan');
  });

  test('a failed operation fails with apply-failed; a re-run may finish what was left', async () => {
    // Arrange: the token may not invite anyone.
    const reviewed = await reviewedAndMerged();
    world = reviewed.world;
    const limited = 'losant-limited-secret-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
    await world.emulator.control.addToken({
      token: limited,
      userId: '6650f0c1a2b3c4d5e6f70a01',
      scopes: [
        'org.get',
        'org.pendingInvites',
        'org.modifyMember',
        'org.removeMember',
        'org.revokeInvite',
        'me.get',
      ],
    });

    // Act
    const apply = await world.run(pushRun({ 'api-token': limited }));
    const rerun = await world.run(pushRun());

    // Assert
    expect(apply.code).toBe(1);
    expect(apply.outputs['failure-reason']).toBe('apply-failed');
    const results = world.github.comments.filter((c) => c.body.includes('losant-org:apply'));

    expect(results[0]?.body).toMatch(
      /^<!-- losant-org:apply hash=[0-9a-f]{64} remaining=[0-9a-f]{64} -->/,
    );
    expect(results[0]?.body).toContain('**failed**');
    expect(everythingPrinted(world)).not.toContain(limited);
    expect(rerun.code).toBe(0);
    const rerunResults = world.github.comments.filter((c) => c.body.includes('losant-org:apply'));
    expect(rerunResults).toHaveLength(2);
    expect(rerunResults[1]?.body).toMatch(
      /^<!-- losant-org:apply hash=[0-9a-f]{64} -->\n### losant-org apply: \d+ done\n/,
    );
  });

  test('when the results cannot be posted, the apply is still done and the job fails with github-error', async () => {
    // Arrange: the job may read the pull request but not comment on it.
    const reviewed = await reviewedAndMerged();
    world = reviewed.world;
    world.github.readOnly = true;

    // Act
    const apply = await world.run(pushRun());

    // Assert
    expect(apply.code).toBe(1);
    expect(apply.outputs['failure-reason']).toBe('github-error');
    expect((await emulatorWrites(world.emulator)).length).toBe(5);
    expect(apply.summary).toContain('### losant-org apply: 5 done');
    expect(
      annotations(apply.stdout, 'error').map((a) => a.message.split(': GitHub API')[0]),
    ).toEqual([
      `the apply is done. The results could not be posted on #${PR_NUMBER} (the audit trail; copy them from the job summary)`,
    ]);
  });

  test('neither token appears in the apply output or its comment', async () => {
    // Arrange
    const reviewed = await reviewedAndMerged();
    world = reviewed.world;

    // Act
    await world.run(pushRun());

    // Assert
    const printed = everythingPrinted(world);
    expect(printed).not.toContain(LOSANT_TOKEN);
    expect(printed).not.toContain(GITHUB_TOKEN);
  });
});
