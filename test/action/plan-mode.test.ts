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
    // GraphQL's viewer query is a POST that writes nothing.
    const writes = world.github.requests
      .filter((r) => r.method !== 'GET' && r.path !== '/graphql')
      .map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual([
      `POST /repos/acme/access/issues/${PR_NUMBER}/comments`,
      `PATCH /repos/acme/access/issues/comments/${ours[0]?.id ?? 0}`,
    ]);
    const body = ours[0]?.body ?? '';
    expect(body).toContain('### losant-org plan: 1 to invite, 2 to change, 1 to remove');
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
    expect(counts).toEqual({ 'has-changes': 'true', additions: '1', changes: '2', removals: '1' });
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

  test.each([
    { token: 'a personal token (GET /user)', tokenOwner: { login: 'access-bot', kind: 'user' } },
    {
      token: "a GitHub App's token (GraphQL viewer)",
      tokenOwner: { login: 'acme-access[bot]', kind: 'installation' },
    },
  ] as const)(
    "with $token, only the token's own comment is updated, not github-actions[bot]'s",
    async ({ tokenOwner }) => {
      // Arrange: someone else's comment with the same marker must never be taken for ours.
      world = await startActionWorld({ tokenOwner });
      const first = await world.run({ inputs: { mode: 'plan' } });
      const ours = world.github.comments[0];
      const foreign = world.github.addComment(PR_NUMBER, ours?.body ?? '', 'github-actions[bot]');
      // Listed first, so that only the author filter tells the two apart.
      world.github.comments.splice(world.github.comments.indexOf(foreign), 1);
      world.github.comments.unshift(foreign);

      // Act
      const second = await world.run({ inputs: { mode: 'plan' } });

      // Assert
      expect([first.code, second.code]).toEqual([0, 0]);
      expect(world.github.comments.map((c) => [c.id, c.user.login])).toEqual([
        [foreign.id, 'github-actions[bot]'],
        [ours?.id, tokenOwner.login],
      ]);
      const patched = world.github.requests.filter((r) => r.method === 'PATCH').map((r) => r.path);
      expect(patched).toEqual([`/repos/acme/access/issues/comments/${ours?.id ?? 0}`]);
    },
  );

  test('without `pull-requests: write` the job fails with github-error and says which permission to add', async () => {
    // Arrange: the workflow token may read but not write, as without the permission.
    world = await startActionWorld();
    world.github.readOnly = true;

    // Act
    const run = await world.run({ inputs: { mode: 'plan' } });

    // Assert
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('github-error');
    expect(annotations(run.stdout, 'error').map((a) => a.message)).toEqual([
      `GitHub API POST /repos/acme/access/issues/${PR_NUMBER}/comments answered 403 ("Resource not accessible by integration"): ` +
        'the github-token may not do this: with the workflow token, give the job `permissions: pull-requests: write` ' +
        '(and `contents: read`); with a personal access token, give it access to this repository ' +
        '(fine-grained: "Pull requests: Read and write"; classic: the repo scope)',
    ]);
    expect(run.summary).toContain('### losant-org plan: 1 to invite, 2 to change, 1 to remove');
    expect(world.github.comments).toEqual([]);
  });

  test('a repository the token cannot see fails with github-error and says what to check', async () => {
    // Arrange
    world = await startActionWorld();

    // Act
    const run = await world.run({ repository: 'acme/renamed', inputs: { mode: 'plan' } });

    // Assert
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('github-error');
    expect(annotations(run.stdout, 'error').map((a) => a.message)).toEqual([
      `GitHub API GET /repos/acme/renamed/issues/${PR_NUMBER}/comments answered 404 ("Not Found"): ` +
        'not found, or the github-token may not see it: check the repository name, and that the token ' +
        'may read it (the workflow token needs `permissions: contents: read` and `pull-requests: write`; ' +
        'a personal access token needs access to this repository)',
    ]);
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
          'the configuration has 1 error, annotated on its line; fix it and push again ' +
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

  test("a fork's read-only workflow token cannot comment: a warning, the plan in the summary", async () => {
    // Arrange: the repository sends secrets to forks, but the fork's workflow token stays read-only.
    world = await startActionWorld();
    world.github.readOnly = true;

    // Act
    const run = await world.run({
      event: pullRequestEvent({ fork: true }),
      inputs: { mode: 'plan' },
    });

    // Assert
    expect(run.code).toBe(0);
    expect(
      annotations(run.stdout, 'warning').map((a) => a.message.split(': GitHub API')[0]),
    ).toEqual(['the plan could not be posted on this pull request from a fork']);
    expect(run.summary).toContain('### losant-org plan: 1 to invite, 2 to change, 1 to remove');
    expect(world.github.comments).toEqual([]);
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
