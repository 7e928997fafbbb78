// Mode plan, run as the runner runs the bundle: the summary, one sticky comment, outputs, annotations.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { parsePlanMarker } from '../../src/plan/render-markdown.js';
import {
  annotations,
  emulatorWrites,
  everythingPrinted,
  GITHUB_TOKEN,
  LOSANT_TOKEN,
  pullRequestEvent,
  PR_NUMBER,
  startActionWorld,
  type ActionWorld,
} from './action-fixtures.js';

let world: ActionWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('mode plan on a pull request', () => {
  test('the first run creates the plan comment; the next push updates the same one', async () => {
    // Arrange: 105 comments by people first, so that ours is on the second page of the list.
    world = await startActionWorld();
    for (let i = 0; i < 105; i += 1) world.github.addComment(PR_NUMBER, `looks good ${i}`, 'alice');

    // Act
    const first = await world.run({ inputs: { mode: 'plan' } });
    const afterFirst = world.github.comments.filter((c) => c.user.login === 'github-actions[bot]');
    const second = await world.run({ inputs: { mode: 'plan' } });

    // Assert
    expect([first.code, second.code]).toEqual([0, 0]);
    const ours = world.github.comments.filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours.map((c) => c.id)).toEqual(afterFirst.map((c) => c.id));
    expect(ours).toHaveLength(1);
    expect(world.github.comments).toHaveLength(106);
    const writes = world.github.requests
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual([
      `POST /repos/acme/access/issues/${PR_NUMBER}/comments`,
      `PATCH /repos/acme/access/issues/comments/${ours[0]?.id ?? 0}`,
    ]);
    const body = ours[0]?.body ?? '';
    expect(body).toContain('### losant-org plan: 2 to invite, 1 to change, 2 to remove');
    expect(body).toContain('Updated for commit `1111111`');
    expect(await emulatorWrites(world.emulator)).toEqual([]);
  });

  test('sets the outputs, writes the JSON plan and puts the plan in the job summary', async () => {
    // Arrange
    world = await startActionWorld();

    // Act
    const run = await world.run({ inputs: { mode: 'plan' } });

    // Assert
    expect(run.code).toBe(0);
    const { 'plan-json': planJson, ...counts } = run.outputs;
    expect(counts).toEqual({ 'has-changes': 'true', additions: '2', changes: '1', removals: '2' });
    const plan = JSON.parse(await readFile(planJson ?? '', 'utf8')) as {
      hash: string;
      orgs: { orgId: string; operations: { action: string }[] }[];
    };
    expect(plan.orgs.map((o) => [o.orgId, o.operations.map((op) => op.action)])).toEqual([
      [
        '6650f0c1a2b3c4d5e6f70801',
        ['revokeInvite', 'inviteMember', 'inviteMember', 'modifyMember', 'removeMember'],
      ],
    ]);
    expect(parsePlanMarker(run.summary)).toEqual({
      orgIds: ['6650f0c1a2b3c4d5e6f70801'],
      hash: plan.hash,
    });
    expect(run.summary).toContain('- remove ken@acme-iot.example (view): not in the file');
  });

  test('with a personal token (GET /user answers), a github-actions[bot] comment is left alone', async () => {
    // Arrange: someone else's comment with the same marker must never be taken for ours.
    world = await startActionWorld({ login: 'access-bot' });
    const first = await world.run({ inputs: { mode: 'plan' } });
    const ours = world.github.comments[0];
    const foreign = world.github.addComment(PR_NUMBER, ours?.body ?? '', 'github-actions[bot]');

    // Act
    const second = await world.run({ inputs: { mode: 'plan' } });

    // Assert
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(world.github.comments.map((c) => [c.id, c.user.login])).toEqual([
      [ours?.id, 'access-bot'],
      [foreign.id, 'github-actions[bot]'],
    ]);
    const patched = world.github.requests.filter((r) => r.method === 'PATCH').map((r) => r.path);
    expect(patched).toEqual([`/repos/acme/access/issues/comments/${ours?.id ?? 0}`]);
  });

  test('configuration errors are annotations on their file, line and column, and the job fails', async () => {
    // Arrange: a role that does not exist on line 6, column 44.
    world = await startActionWorld({
      configText: [
        'version: 1',
        'org:',
        '  id: 6650f0c1a2b3c4d5e6f70801',
        'members:',
        '  - { email: ada@acme-iot.example, role: admin }',
        '  - { email: grace@acme-iot.example, role: Admin }',
        '',
      ].join('\n'),
    });

    // Act
    const run = await world.run({ inputs: { mode: 'plan' } });

    // Assert
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({ 'failure-reason': 'config-invalid' });
    const errors = annotations(run.stdout, 'error');
    const roleMessage =
      "role must be one of admin, edit, collaborate, view, none, not the string 'Admin'; did you mean 'admin'?";
    expect(errors).toEqual([
      { file: 'losant/acme.yaml', line: '6', col: '44', message: roleMessage },
      {
        message:
          'the configuration has 1 error, annotated on their lines; fix it and push again ' +
          `(losant-org validate losant/ shows the same list):\nlosant/acme.yaml:6:44: error: ${roleMessage}`,
      },
    ]);
    expect(world.github.comments).toEqual([]);
    expect(await world.emulator.control.log()).toEqual([]);
  });

  test('a fork pull request without the secret gets a notice, not a failure', async () => {
    // Arrange
    world = await startActionWorld();

    // Act
    const run = await world.run({
      event: pullRequestEvent({ fork: true }),
      inputs: { mode: 'plan', 'api-token': '' },
    });

    // Assert
    expect(run.code).toBe(0);
    const notices = annotations(run.stdout, 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/^No plan: this pull request comes from a fork/);
    expect(run.summary).toContain('### losant-org plan: skipped');
    expect(world.github.requests).toEqual([]);
    expect(await world.emulator.control.log()).toEqual([]);
  });

  test('an empty api-token on a pull request from this repository fails and says what to do', async () => {
    // Arrange
    world = await startActionWorld();

    // Act
    const run = await world.run({ inputs: { mode: 'plan', 'api-token': '' } });

    // Assert
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({ 'failure-reason': 'input-invalid' });
    expect(annotations(run.stdout, 'error').map((a) => a.message)).toEqual([
      'the input api-token is empty: store a Losant API token as a repository secret (Settings > Secrets and variables > Actions), e.g. LOSANT_API_TOKEN, and write api-token: ${{ secrets.LOSANT_API_TOKEN }}',
    ]);
  });

  test('an invalid input is named with its fix', async () => {
    // Arrange
    world = await startActionWorld();

    // Act
    const run = await world.run({ inputs: { mode: 'plan', comment: 'yes' } });

    // Assert
    expect(run.code).toBe(1);
    expect(annotations(run.stdout, 'error').map((a) => a.message)).toEqual([
      'the input comment must be true or false, not "yes": write comment: true',
    ]);
  });

  test('neither token appears in anything printed, written or posted', async () => {
    // Arrange
    world = await startActionWorld();

    // Act: a plan, a broken api-url that echoes input, and a GitHub failure.
    await world.run({ inputs: { mode: 'plan' } });
    await world.run({ inputs: { mode: 'plan', 'api-url': `http://example.com/${LOSANT_TOKEN}` } });
    await world.run({ inputs: { mode: 'plan', 'github-token': `${GITHUB_TOKEN}x` } });

    // Assert
    expect(world.runs.map((r) => r.code)).toEqual([0, 1, 1]);
    const printed = everythingPrinted(world);
    expect(printed).not.toContain(LOSANT_TOKEN);
    expect(printed).not.toContain(GITHUB_TOKEN);
  });
});
