// Shared by the Action tests: a workspace with a config, the emulator, the fake GitHub, event payloads.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import {
  startFakeGitHub,
  WORKFLOW_TOKEN_OWNER,
  type FakeGitHub,
  type FakeTokenOwner,
} from './fake-github.js';
import { runBuiltAction, type ActionRun, type RunActionOptions } from './run-built-action.js';

/** Secrets only these tests know: none of them may appear in anything the Action prints or writes. */
export const LOSANT_TOKEN = 'losant-test-secret-3f9a1c7e5b2d4068a1b3c5d7e9f10234';
export const GITHUB_TOKEN = 'ghs_testSecretGitHubToken0123456789abcdef';
export const REPOSITORY = 'acme/access';
export const PR_NUMBER = 12;
export const HEAD_SHA = '1111111111111111111111111111111111111111';
export const MERGE_SHA = '2222222222222222222222222222222222222222';

/** The demo org's file from examples/: one invite, one change, one re-sent invite, one removal. */
export const SMALL_TEAM_CONFIG = 'examples/small-team.yaml';

export interface ActionWorld {
  emulator: RunningEmulator;
  github: FakeGitHub;
  workspace: string;
  runs: ActionRun[];
  run(options: Partial<RunActionOptions> & Pick<RunActionOptions, 'inputs'>): Promise<ActionRun>;
  close(): Promise<void>;
}

export function pullRequestEvent(options: { fork?: boolean } = {}): unknown {
  return {
    action: 'synchronize',
    number: PR_NUMBER,
    pull_request: {
      number: PR_NUMBER,
      head: {
        sha: HEAD_SHA,
        repo: { full_name: options.fork === true ? 'stranger/access' : REPOSITORY },
      },
      base: { repo: { full_name: REPOSITORY } },
    },
  };
}

export const PUSH_EVENT = { ref: 'refs/heads/main', after: MERGE_SHA };

/** A workspace whose losant/acme.yaml is `configText` (default: the small-team example); the github-token is the workflow's unless `tokenOwner` says otherwise. */
export async function startActionWorld(
  options: {
    tokenOwner?: FakeTokenOwner;
    configText?: string;
    /** More files in losant/, by name. */
    extraConfig?: Record<string, string>;
  } = {},
): Promise<ActionWorld> {
  const workspace = await mkdtemp(join(tmpdir(), 'losant-org-workspace-'));
  await mkdir(join(workspace, 'losant'));
  const configText = options.configText ?? (await readFile(SMALL_TEAM_CONFIG, 'utf8'));
  await writeFile(join(workspace, 'losant', 'acme.yaml'), configText, 'utf8');
  for (const [name, text] of Object.entries(options.extraConfig ?? {})) {
    await writeFile(join(workspace, 'losant', name), text, 'utf8');
  }
  const emulator = await startEmulator();
  await emulator.control.addToken({
    token: LOSANT_TOKEN,
    userId: DEMO_USER_ID,
    scopes: ['all.User'],
  });
  const github = await startFakeGitHub({
    token: GITHUB_TOKEN,
    tokenOwner: options.tokenOwner ?? WORKFLOW_TOKEN_OWNER,
  });
  const runs: ActionRun[] = [];
  return {
    emulator,
    github,
    workspace,
    runs,
    async run(overrides) {
      const result = await runBuiltAction({
        eventName: 'pull_request',
        event: pullRequestEvent(),
        cwd: workspace,
        githubApiUrl: github.url,
        repository: REPOSITORY,
        ...overrides,
        inputs: {
          'api-token': LOSANT_TOKEN,
          'api-url': emulator.url,
          'github-token': GITHUB_TOKEN,
          config: 'losant/',
          ...overrides.inputs,
        },
      });
      runs.push(result);
      return result;
    },
    async close() {
      await Promise.all([emulator.close(), github.close()]);
    },
  };
}

/** Every text a run shows or leaves behind, the `::add-mask::` commands (the masking itself) left out. */
export function everythingPrinted(world: ActionWorld): string {
  const texts = world.runs.flatMap((r) => [
    r.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n'),
    r.stderr,
    r.summary,
    JSON.stringify(r.outputs),
  ]);
  texts.push(...world.github.comments.map((c) => c.body));
  return texts.join('\n');
}

/** The annotations a run printed: `::error file=...,line=...,col=...::message`. */
export function annotations(
  stdout: string,
  command: 'error' | 'warning' | 'notice',
): { file?: string; line?: string; col?: string; message: string }[] {
  const found = [];
  for (const line of stdout.split('\n')) {
    const match = new RegExp(`^::${command}(?: ([^:]*))?::(.*)$`).exec(line);
    if (match === null) continue;
    const properties = Object.fromEntries(
      (match[1] ?? '')
        .split(',')
        .filter((p) => p.includes('='))
        .map((p) => [p.slice(0, p.indexOf('=')), decodeURIComponent(p.slice(p.indexOf('=') + 1))]),
    );
    const entry: { file?: string; line?: string; col?: string; message: string } = {
      message: decodeURIComponent(match[2] ?? ''),
    };
    if (properties['file'] !== undefined) entry.file = properties['file'];
    if (properties['line'] !== undefined) entry.line = properties['line'];
    if (properties['col'] !== undefined) entry.col = properties['col'];
    found.push(entry);
  }
  return found;
}

/** The writes (non-GET calls) the emulator received. */
export async function emulatorWrites(emulator: RunningEmulator): Promise<string[]> {
  return (await emulator.control.log())
    .filter((entry) => entry.method !== 'GET')
    .map((entry) => entry.action ?? `${entry.method} ${entry.path}`);
}
