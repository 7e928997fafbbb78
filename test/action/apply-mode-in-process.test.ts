// Mode apply in process (runApplyMode), against the emulator and the local fake of GitHub over
// loopback: the review gate before the first write, the results comment after, and each failure
// reason. The end-to-end tests in apply-mode.test.ts run the bundle; these run the source, so that
// a mutation of run-apply-mode.ts meets a test.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionFailure } from '../../src/action/action-failure.js';
import { expandConfigPaths } from '../../src/action/expand-config-paths.js';
import { GitHubApiError } from '../../src/action/github-api-error.js';
import type { ActionSettings } from '../../src/action/inputs.js';
import { runApplyMode } from '../../src/action/run-apply-mode.js';
import { loadDesiredOrgs } from '../../src/config/load-desired-orgs.js';
import { planOrgs } from '../../src/core/plan-orgs.js';
import { DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { createLosantClient } from '../../src/losant/client.js';
import type { Plan } from '../../src/model/plan.js';
import { PlanRefusedError } from '../../src/plan/plan-refused-error.js';
import { renderMarkdown } from '../../src/plan/render-markdown.js';
import {
  emulatorWrites,
  GITHUB_TOKEN,
  LOSANT_TOKEN,
  MERGE_SHA,
  PR_NUMBER,
  SMALL_TEAM_CONFIG,
} from './action-fixtures.js';
import { forwardRequest } from '../apply/forward-request.js';
import { startFakeGitHub, WORKFLOW_TOKEN_OWNER, type FakeGitHub } from './fake-github.js';

const BOT = WORKFLOW_TOKEN_OWNER.login;

/** Where a proxy sends an answer it keeps from the client (the write is made; the client hears otherwise). */
class DiscardedAnswer extends ServerResponse {
  constructor() {
    super({ method: 'DELETE', headers: {} } as IncomingMessage);
  }
}
const RUN_URL = 'https://github.example/acme/access/actions/runs/7';
/** The writes of the small-team plan against the demo org. */
const SMALL_TEAM_WRITES = [
  'org.inviteMember',
  'org.inviteMember',
  'org.modifyMember',
  'org.removeMember',
  'org.revokeInvite',
];

interface World {
  emulator: RunningEmulator;
  github: FakeGitHub;
  workspace: string;
  summaryFile: string;
}

let world: World | undefined;
const savedEnv: Record<string, string | undefined> = {};
/** One job summary file for the whole file: @actions/core reads GITHUB_STEP_SUMMARY once. */
let summaryFile = '';

beforeAll(async () => {
  summaryFile = join(await mkdtemp(join(tmpdir(), 'losant-org-summary-')), 'summary.md');
});

beforeEach(async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'losant-org-apply-mode-'));
  await mkdir(join(workspace, 'losant'));
  await writeFile(
    join(workspace, 'losant', 'acme.yaml'),
    await readFile(SMALL_TEAM_CONFIG, 'utf8'),
    'utf8',
  );
  await writeFile(summaryFile, '', 'utf8');
  for (const name of ['GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT']) savedEnv[name] = process.env[name];
  process.env['GITHUB_STEP_SUMMARY'] = summaryFile;
  const outputFile = join(workspace, 'outputs.txt');
  await writeFile(outputFile, '', 'utf8');
  process.env['GITHUB_OUTPUT'] = outputFile;
  const emulator = await startEmulator();
  await emulator.control.addToken({
    token: LOSANT_TOKEN,
    userId: DEMO_USER_ID,
    scopes: ['all.User'],
  });
  const github = await startFakeGitHub({ token: GITHUB_TOKEN, tokenOwner: WORKFLOW_TOKEN_OWNER });
  world = { emulator, github, workspace, summaryFile };
});

afterEach(async () => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  if (world !== undefined) await Promise.all([world.emulator.close(), world.github.close()]);
  world = undefined;
});

function w(): World {
  if (world === undefined) throw new Error('no world');
  return world;
}

function settings(overrides: Partial<ActionSettings> = {}): ActionSettings {
  const { emulator, github, workspace } = w();
  return {
    config: ['losant/'],
    followSymlinks: false,
    mode: 'apply',
    apiToken: LOSANT_TOKEN,
    apiUrl: emulator.url,
    githubToken: GITHUB_TOKEN,
    comment: true,
    allowRemovals: undefined,
    allowChanges: undefined,
    requireReviewedPlan: true,
    warnAtPercent: 80,
    github: {
      eventName: 'push',
      repository: { owner: 'acme', repo: 'access' },
      sha: MERGE_SHA,
      apiUrl: github.url,
      graphqlUrl: `${github.url}/graphql`,
      pullRequest: undefined,
      runnerTemp: workspace,
      runUrl: RUN_URL,
    },
    cwd: workspace,
    ...overrides,
  };
}

/** The plan of the workspace's files against the emulator now, as the plan mode would post it. */
async function planNow(): Promise<Plan> {
  const { emulator, workspace } = w();
  const loaded = await loadDesiredOrgs(await expandConfigPaths(['losant/'], workspace), {
    env: {},
    cwd: workspace,
    now: Date.now(),
  });
  expect(loaded.errors).toEqual([]);
  const client = createLosantClient({ apiUrl: emulator.url, token: LOSANT_TOKEN });
  try {
    return (await planOrgs(loaded.orgs, { api: client, now: Date.now() })).plan;
  } finally {
    await client.close();
  }
}

/** The plan was posted on PR_NUMBER by the bot, and the pull request was merged as MERGE_SHA. */
async function reviewedAndMerged(): Promise<Plan> {
  const plan = await planNow();
  w().github.addComment(PR_NUMBER, renderMarkdown(plan), BOT);
  mergedAs(MERGE_SHA);
  await w().emulator.control.clearLog();
  return plan;
}

function mergedAs(sha: string): void {
  w().github.pullsOfCommit.set(sha, [
    {
      number: PR_NUMBER,
      state: 'closed',
      merged_at: '2025-06-01T12:00:00Z',
      merge_commit_sha: sha,
    },
  ]);
}

function resultComments(): string[] {
  return w()
    .github.comments.filter((c) => c.body.includes('losant-org:apply'))
    .map((c) => c.body);
}

/** The small-team file with its policy lines replaced, e.g. `maxRemovals: 0`. */
async function useConfig(edit: (text: string) => string): Promise<void> {
  const text = edit(await readFile(SMALL_TEAM_CONFIG, 'utf8'));
  await writeFile(join(w().workspace, 'losant', 'acme.yaml'), text, 'utf8');
}

/** What the run printed to the log (core.info and the annotations), captured around `run`. */
async function logOf(run: () => Promise<void>): Promise<{ log: string; error: unknown }> {
  const original = process.stdout.write.bind(process.stdout);
  const chunks: string[] = [];
  process.stdout.write = ((chunk: string | Uint8Array): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  let error: unknown;
  try {
    await run();
  } catch (e) {
    error = e;
  } finally {
    process.stdout.write = original;
  }
  return { log: chunks.join(''), error };
}

async function summary(): Promise<string> {
  return readFile(w().summaryFile, 'utf8');
}

async function failureOf(run: Promise<void>): Promise<unknown> {
  try {
    await run;
  } catch (error) {
    return error;
  }
  throw new Error('runApplyMode did not fail');
}

/** A token of the demo user with only these scopes. */
async function tokenWith(token: string, scopes: string[]): Promise<string> {
  await w().emulator.control.addToken({ token, userId: DEMO_USER_ID, scopes });
  return token;
}

/** Every scope apply needs but org.inviteMember: the invites fail, the rest is done or skipped. */
const NO_INVITE_SCOPES = [
  'org.get',
  'org.pendingInvites',
  'org.modifyMember',
  'org.removeMember',
  'org.revokeInvite',
  'me.get',
];

interface Proxy {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** A proxy in front of the emulator: `handle` answers a request itself or calls `forward`. */
async function startProxy(
  handle: (req: IncomingMessage, body: Buffer, res: ServerResponse, forward: () => void) => void,
): Promise<Proxy> {
  const upstream = new URL(w().emulator.url);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      handle(req, body, res, () => forwardRequest(upstream, req, body, res));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('runApplyMode', () => {
  it('applies the reviewed plan and posts the results on the merged pull request', async () => {
    const plan = await reviewedAndMerged();
    const planComment = w().github.comments[0];

    const { log, error } = await logOf(() => runApplyMode(settings(), {}));

    expect(error).toBeUndefined();
    expect((await emulatorWrites(w().emulator)).sort()).toEqual(SMALL_TEAM_WRITES);
    // The org is read to plan and once more to verify: a finished apply leaves no remaining plan to read.
    const orgReads = (await w().emulator.control.log()).filter((e) => e.action === 'org.get');
    expect(orgReads).toHaveLength(2);
    const results = resultComments();
    expect(results).toHaveLength(1);
    const body = results[0] ?? '';
    expect(body.split('\n').slice(0, 4)).toEqual([
      `<!-- losant-org:apply hash=${plan.hash} -->`,
      '### losant-org apply: 5 done',
      '',
      `Plan \`${plan.hash.slice(0, 12)}\`, reviewed in #${PR_NUMBER} ([plan comment](${planComment?.html_url ?? ''})), ` +
        `applied from commit \`${MERGE_SHA.slice(0, 7)}\` in [this run](${RUN_URL}).`,
    ]);
    expect(await summary()).toContain(body);
    expect(log).toContain(
      `the plan ${plan.hash.slice(0, 12)} is the one reviewed on #${PR_NUMBER}`,
    );
    // The plan is shown and its outputs set before the writes; each result is a plain line.
    expect(log).toContain('Plan: 1 to invite, 2 to change, 1 to remove.');
    const outputs = await readFile(join(w().workspace, 'outputs.txt'), 'utf8');
    expect(outputs).toMatch(/^has-changes<<.*\ntrue\n/m);
    expect(log.split('\n')).toContain('✓ remove ken@acme-iot.example (view)');
    expect(log).toContain('Apply: 5 done, 0 failed, 0 skipped.');
    const posted = w().github.comments.find((c) => c.body === body);
    expect(log).toContain(`posted the results on #${PR_NUMBER}: ${posted?.html_url ?? ''}`);
  });

  it('refuses with plan-changed, writing nothing, when the org changed after the review', async () => {
    const reviewed = await reviewedAndMerged();
    const state = await w().emulator.control.state();
    const linus = state.orgs[0]?.members.find((m) => m.userId === '6650f0c1a2b3c4d5e6f70a03');
    if (linus !== undefined) linus.role = 'collaborate';
    await w().emulator.control.setState(state);
    await w().emulator.control.clearLog();
    const now = await planNow();

    const error = await failureOf(runApplyMode(settings(), {}));

    expect(error).toBeInstanceOf(ActionFailure);
    expect((error as ActionFailure).reason).toBe('plan-changed');
    const message =
      `the plan changed since it was reviewed on #${PR_NUMBER}: reviewed ${reviewed.hash.slice(0, 12)}, ` +
      `now ${now.hash.slice(0, 12)}; nothing was written. The org or the files changed after the review: ` +
      'open a pull request (or push to one) so that the new plan is reviewed, then merge it; to apply ' +
      'without a reviewed plan, set require-reviewed-plan: false on this step (or run losant-org apply locally)';
    expect((error as ActionFailure).message).toBe(message);
    expect(await emulatorWrites(w().emulator)).toEqual([]);
    expect(await summary()).toContain(
      `## losant-org apply: refused, nothing was written\n\n${message}\n\nThe plan now:\n\n${renderMarkdown(now)}`,
    );
    expect(resultComments()).toEqual([]);
  });

  it('refuses a push that no pull request merged', async () => {
    const error = await failureOf(runApplyMode(settings(), {}));

    expect(error).toBeInstanceOf(ActionFailure);
    expect((error as ActionFailure).reason).toBe('plan-changed');
    expect((error as ActionFailure).message).toBe(
      `no reviewed plan: no merged pull request contains commit ${MERGE_SHA.slice(0, 7)} (a direct push is not reviewed); ` +
        'nothing was written. Merge changes through a pull request on which the plan workflow posted its plan; ' +
        'to apply without a reviewed plan, set require-reviewed-plan: false on this step (or run losant-org apply locally)',
    );
    expect(await emulatorWrites(w().emulator)).toEqual([]);
  });

  it.each([
    ['no github-token', { githubToken: undefined }],
    ['no repository', { repository: undefined }],
    ['no commit', { sha: undefined }],
  ] as const)('refuses without a reviewed plan to read (%s)', async (_name, missing) => {
    await reviewedAndMerged();
    const base = settings();
    const s: ActionSettings =
      'githubToken' in missing
        ? { ...base, githubToken: undefined }
        : { ...base, github: { ...base.github, ...missing } };

    const error = await failureOf(runApplyMode(s, {}));

    expect((error as ActionFailure).reason).toBe('plan-changed');
    expect((error as ActionFailure).message).toBe(
      "no reviewed plan: the reviewed plan is read from the merged pull request, which needs the inputs github-token and the runner's GITHUB_REPOSITORY and GITHUB_SHA; nothing was written; " +
        'to apply without a reviewed plan, set require-reviewed-plan: false on this step (or run losant-org apply locally)',
    );
    expect(await emulatorWrites(w().emulator)).toEqual([]);
  });

  it('with require-reviewed-plan false, applies and still posts on the merged pull request', async () => {
    mergedAs(MERGE_SHA);

    await runApplyMode(settings({ requireReviewedPlan: false }), {});

    expect((await emulatorWrites(w().emulator)).sort()).toEqual(SMALL_TEAM_WRITES);
    const results = resultComments();
    expect(results).toHaveLength(1);
    expect(results[0]).toContain(
      'not checked against a reviewed plan (require-reviewed-plan: false)',
    );
    expect(w().github.comments.map((c) => c.issue)).toEqual([PR_NUMBER]);
  });

  it('with require-reviewed-plan false and no merged pull request, the results are in the job summary only', async () => {
    const { log, error } = await logOf(() =>
      runApplyMode(settings({ requireReviewedPlan: false }), {}),
    );

    expect(error).toBeUndefined();
    expect((await emulatorWrites(w().emulator)).length).toBe(5);
    expect(resultComments()).toEqual([]);
    expect(await summary()).toContain('### losant-org apply: 5 done');
    expect(log).toContain('no merged pull request: the results are in the job summary only');
  });

  it.each([
    ['no github-token', { githubToken: undefined }],
    ['no repository', { repository: undefined }],
    ['no commit', { sha: undefined }],
  ] as const)(
    'with require-reviewed-plan false and %s, applies without asking GitHub',
    async (_name, missing) => {
      mergedAs(MERGE_SHA);
      const base = settings({ requireReviewedPlan: false });
      const s: ActionSettings =
        'githubToken' in missing
          ? { ...base, githubToken: undefined }
          : { ...base, github: { ...base.github, ...missing } };

      await runApplyMode(s, {});

      expect((await emulatorWrites(w().emulator)).length).toBe(5);
      expect(w().github.requests).toEqual([]);
    },
  );

  it('with comment false, posts nothing', async () => {
    await reviewedAndMerged();

    await runApplyMode(settings({ comment: false }), {});

    expect((await emulatorWrites(w().emulator)).length).toBe(5);
    expect(resultComments()).toEqual([]);
    expect(await summary()).toContain('### losant-org apply: 5 done');
  });

  it('nothing to do: says so in the job summary and succeeds without asking for a review', async () => {
    await reviewedAndMerged();
    await runApplyMode(settings(), {});
    await w().emulator.control.clearLog();
    const requests = w().github.requests.length;
    const plan = await planNow();

    await runApplyMode(settings({ githubToken: undefined }), {});

    expect(await emulatorWrites(w().emulator)).toEqual([]);
    expect(w().github.requests.length).toBe(requests);
    expect(await summary()).toContain(
      `## losant-org apply: nothing to do\n\n${renderMarkdown(plan)}`,
    );
  });

  it('a plan a guard refuses writes nothing and says why; allow-removals lifts the refusal', async () => {
    await useConfig((text) => text.replace('maxRemovals: 2', 'maxRemovals: 0'));
    await reviewedAndMerged();

    const error = await failureOf(runApplyMode(settings(), {}));
    const writesWhenRefused = await emulatorWrites(w().emulator);
    await runApplyMode(settings({ allowRemovals: 1 }), {});

    expect(error).toBeInstanceOf(PlanRefusedError);
    expect(writesWhenRefused).toEqual([]);
    expect(await summary()).toContain(
      '## losant-org apply: refused by a guard, nothing was written\n\n',
    );
    expect((await emulatorWrites(w().emulator)).length).toBe(5);
  });

  it('allow-changes lifts a maxChanges refusal', async () => {
    await useConfig((text) => text.replace('minAdmins: 1', 'minAdmins: 1\n  maxChanges: 1'));
    await reviewedAndMerged();

    const error = await failureOf(runApplyMode(settings(), {}));
    const writesWhenRefused = await emulatorWrites(w().emulator);
    await runApplyMode(settings({ allowChanges: 2 }), {});

    expect(error).toBeInstanceOf(PlanRefusedError);
    expect(writesWhenRefused).toEqual([]);
    expect((await emulatorWrites(w().emulator)).length).toBe(5);
  });

  it('a failed write fails with apply-failed and names what is left; a re-run applies it without a new review', async () => {
    await reviewedAndMerged();
    const limited = await tokenWith(
      'losant-limited-secret-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      NO_INVITE_SCOPES,
    );

    const error = await failureOf(runApplyMode(settings({ apiToken: limited }), {}));
    const left = await planNow();
    await w().emulator.control.clearLog();
    await runApplyMode(settings(), {});

    expect(error).toBeInstanceOf(ActionFailure);
    expect((error as ActionFailure).reason).toBe('apply-failed');
    expect((error as ActionFailure).message).toBe(
      'the apply did not finish: 2 failed, 2 skipped, 1 done of 5; the org still differs from the files. ' +
        'Each result and its reason are in the job summary; fix the cause and re-run this job ' +
        '(apply is safe to repeat: it plans again and does only what is left).',
    );
    const results = resultComments();
    expect(results).toHaveLength(2);
    expect(results[0]?.split('\n')[0]).toMatch(
      new RegExp(`^<!-- losant-org:apply hash=[0-9a-f]{64} remaining=${left.hash} -->$`),
    );
    expect(results[1]?.split('\n')[0]).toBe(`<!-- losant-org:apply hash=${left.hash} -->`);
    expect((await emulatorWrites(w().emulator)).sort()).toEqual([
      'org.inviteMember',
      'org.inviteMember',
      'org.modifyMember',
      'org.removeMember',
    ]);
  });

  it('when no write went through, the results name no remaining plan: the reviewed one is still to do', async () => {
    const plan = await reviewedAndMerged();
    const readOnly = await tokenWith('losant-readonly-secret-0a1b2c3d4e5f60718293a4b5c6d7e8f9', [
      'org.get',
      'org.pendingInvites',
      'me.get',
    ]);

    const error = await failureOf(runApplyMode(settings({ apiToken: readOnly }), {}));

    expect((error as ActionFailure).reason).toBe('apply-failed');
    expect((error as ActionFailure).message).toMatch(
      /^the apply did not finish: \d+ failed, \d+ skipped, 0 done of 5; the org still differs from the files\./,
    );
    expect(resultComments().map((body) => body.split('\n')[0])).toEqual([
      `<!-- losant-org:apply hash=${plan.hash} -->`,
    ]);
  });

  it('when the results cannot be posted, the apply is done and a GitHubApiError says so', async () => {
    await reviewedAndMerged();
    w().github.readOnly = true;

    const error = await failureOf(runApplyMode(settings(), {}));

    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).message.split(': GitHub API')[0]).toBe(
      `the apply is done. The results could not be posted on #${PR_NUMBER} (the audit trail; copy them from the job summary)`,
    );
    expect((await emulatorWrites(w().emulator)).length).toBe(5);
  });

  describe('beside an org it leaves alone', () => {
    const MISSING = '0123456789abcdef01234567';
    const BETA = '6650f0c1a2b3c4d5e6f70899';

    /** A second org file the token cannot read: no such org. */
    async function addUnreadableOrg(): Promise<void> {
      await writeFile(
        join(w().workspace, 'losant', 'nowhere.yaml'),
        `version: 1\norg: { id: ${MISSING}, name: Nowhere }\n`,
        'utf8',
      );
    }

    /** A second org, a copy of the demo org, whose file removes more than its maxRemovals allows. */
    async function addRefusedOrg(): Promise<void> {
      const state = await w().emulator.control.state();
      const demo = state.orgs[0];
      if (demo === undefined) throw new Error('no demo org');
      state.orgs.push({ ...demo, id: BETA, name: 'Beta', invites: [] });
      await w().emulator.control.setState(state);
      await writeFile(
        join(w().workspace, 'losant', 'beta.yaml'),
        [
          'version: 1',
          `org: { id: ${BETA}, name: Beta }`,
          'policy: { maxRemovals: 0 }',
          'members:',
          '  - { email: ada@acme-iot.example, role: admin }',
          '',
        ].join('\n'),
        'utf8',
      );
    }

    it('applies the readable org, then fails with api-error naming the unreadable one', async () => {
      await addUnreadableOrg();
      await reviewedAndMerged();

      const error = await failureOf(runApplyMode(settings(), {}));

      expect(error).toBeInstanceOf(ActionFailure);
      expect((error as ActionFailure).reason).toBe('api-error');
      expect((error as ActionFailure).message).toMatch(
        new RegExp(
          `^org ${MISSING} \\(losant/nowhere\\.yaml\\) was skipped, nothing was written to it: it could not be read: Losant API org\\.(get|pendingInvites) on org ${MISSING} failed: HTTP 404 [^\\n]*$`,
        ),
      );
      expect((await emulatorWrites(w().emulator)).sort()).toEqual(SMALL_TEAM_WRITES);
      expect(resultComments()).toHaveLength(1);
    });

    it('applies the readable org, then fails with plan-refused naming the refused one', async () => {
      await addRefusedOrg();
      await reviewedAndMerged();

      const error = await failureOf(runApplyMode(settings(), {}));

      expect(error).toBeInstanceOf(ActionFailure);
      expect((error as ActionFailure).reason).toBe('plan-refused');
      const message = (error as ActionFailure).message;
      expect(message).toMatch(
        new RegExp(
          `^org ${BETA} \\(losant/beta\\.yaml\\) was skipped, nothing was written to it: a guard refused its plan: [^\\n]+$`,
        ),
      );
      expect(message).toContain('maxRemovals');
      const writes = await w().emulator.control.log();
      expect(
        writes.filter((e) => e.method !== 'GET' && e.path.includes(BETA)).map((e) => e.action),
      ).toEqual([]);
      expect((await emulatorWrites(w().emulator)).sort()).toEqual(SMALL_TEAM_WRITES);
    });

    it('with nothing to do in the readable org, still fails with api-error for the unreadable one', async () => {
      await reviewedAndMerged();
      await runApplyMode(settings(), {});
      await addUnreadableOrg();
      await reviewedAndMerged();

      const error = await failureOf(runApplyMode(settings(), {}));

      expect(error).toBeInstanceOf(ActionFailure);
      expect((error as ActionFailure).reason).toBe('api-error');
      expect((error as ActionFailure).message).toContain(`org ${MISSING} (losant/nowhere.yaml)`);
      expect(await emulatorWrites(w().emulator)).toEqual([]);
      expect(await summary()).toContain('## losant-org apply: nothing to do');
    });

    it('a failed write in the applied org fails with apply-failed, not for the skipped org', async () => {
      await addUnreadableOrg();
      await reviewedAndMerged();
      const readOnly = await tokenWith('losant-readonly-secret-0a1b2c3d4e5f60718293a4b5c6d7e8f9', [
        'org.get',
        'org.pendingInvites',
        'org.revokeInvite',
        'me.get',
      ]);

      const error = await failureOf(runApplyMode(settings({ apiToken: readOnly }), {}));

      expect(error).toBeInstanceOf(ActionFailure);
      expect((error as ActionFailure).reason).toBe('apply-failed');
      expect((error as ActionFailure).message).toMatch(
        /^the apply did not finish: \d+ failed, \d+ skipped, 1 done of 5; the org still differs from the files\./,
      );
    });

    it('a write that took effect but was reported failed: apply-failed, the org matches, nothing remains', async () => {
      await addUnreadableOrg();
      const plan = await reviewedAndMerged();
      // In front of the emulator: the removal is made but answered 500, and the reads that check
      // it fail (503, retry at once) until the client gives up; the verification's read then passes.
      let failReads = 0;
      const proxy = await startProxy((req, body, res, forward) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (req.method === 'GET' && failReads > 0 && /^\/orgs\/[0-9a-f]{24}$/.test(path)) {
          failReads -= 1;
          res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
          res.end(JSON.stringify({ type: 'ServiceUnavailable', message: 'Try again' }));
          return;
        }
        if (req.method === 'DELETE' && path.endsWith('/member')) {
          forwardRequest(new URL(w().emulator.url), req, body, new DiscardedAnswer(), () => {
            failReads = 4;
            res.writeHead(500, { 'content-type': 'application/json', 'retry-after': '0' });
            res.end(JSON.stringify({ type: 'InternalError', message: 'Something went wrong' }));
          });
          return;
        }
        forward();
      });
      const sigintListeners = process.listenerCount('SIGINT');
      try {
        const error = await failureOf(runApplyMode(settings({ apiUrl: proxy.url }), {}));

        expect(error).toBeInstanceOf(ActionFailure);
        expect((error as ActionFailure).reason).toBe('apply-failed');
        expect((error as ActionFailure).message).toBe(
          'the apply did not finish: 1 failed, 0 skipped, 4 done of 5. Each result and its reason are in the job ' +
            'summary; fix the cause and re-run this job (apply is safe to repeat: it plans again and does only what is left).',
        );
        // Each write was made (the removal is sent again by the client's retries of a 500).
        expect([...new Set(await emulatorWrites(w().emulator))].sort()).toEqual([
          ...new Set(SMALL_TEAM_WRITES),
        ]);
        expect(resultComments().map((body) => body.split('\n')[0])).toEqual([
          `<!-- losant-org:apply hash=${plan.hash} -->`,
        ]);
        // The handlers it set for the writes are gone, and it closed its connections.
        expect(process.listenerCount('SIGINT')).toBe(sigintListeners);
        const open = await new Promise<number>((resolve, reject) =>
          proxy.server.getConnections((e, n) => (e ? reject(e) : resolve(n))),
        );
        expect(open).toBe(0);
      } finally {
        await proxy.close();
      }
    });

    it('names both skipped orgs, unreadable first reason api-error, and that the results were not posted', async () => {
      await addRefusedOrg();
      await addUnreadableOrg();
      await reviewedAndMerged();
      w().github.readOnly = true;

      const error = await failureOf(runApplyMode(settings(), {}));

      expect((error as ActionFailure).reason).toBe('api-error');
      const lines = (error as ActionFailure).message.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(new RegExp(`^org ${BETA} \\(losant/beta\\.yaml\\) was skipped`));
      expect(lines[1]).toMatch(
        new RegExp(`^org ${MISSING} \\(losant/nowhere\\.yaml\\) was skipped[^\\n]*`),
      );
      expect(lines[1]).toContain(
        ` The results could not be posted on #${PR_NUMBER} (the audit trail; copy them from the job summary): `,
      );
    });
  });

  it('when the org cannot be read again after a partial apply, warns and names no remaining plan', async () => {
    const plan = await reviewedAndMerged();
    const limited = await tokenWith(
      'losant-limited-secret-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      NO_INVITE_SCOPES,
    );
    // In front of the emulator: once a write went through, every later read of the org fails.
    let wrote = false;
    let readsAfter = 0;
    const proxy = await startProxy((req, _body, res, forward) => {
      if (req.method !== 'GET') wrote = true;
      else if (wrote) readsAfter += 1;
      // The verification's read passes; the read for the remaining plan after it does not.
      if (req.method === 'GET' && wrote && readsAfter > 2) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'NotFound', message: 'Organization was not found' }));
        return;
      }
      forward();
    });
    try {
      const { log, error } = await logOf(() =>
        runApplyMode(settings({ apiToken: limited, apiUrl: proxy.url }), {}),
      );

      expect((error as ActionFailure).reason).toBe('apply-failed');
      expect(log).toMatch(
        /::warning::the org could not be read again after the apply: Losant API [a-zA-Z.]+ (on org 6650f0c1a2b3c4d5e6f70801 )?failed: HTTP 404/,
      );
      expect(resultComments().map((body) => body.split('\n')[0])).toEqual([
        `<!-- losant-org:apply hash=${plan.hash} -->`,
      ]);
    } finally {
      await proxy.close();
    }
  });
});
