// The member limit end to end through the built CLI against the emulator: the seats line, reads that
// ask for no summary, seats freed before invites, the memberLimit guard and the emulator's refusal.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORG_ID, createDemoSeed } from '../../src/emulator/demo-state.js';
import type { EmulatorSeed } from '../../src/emulator/emulator-seed.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { ORG_SUMMARY_FIELDS } from '../../src/losant/org-summary-fields.js';
import { ROOT, runBuiltCli, type CliRun } from './run-built-cli.js';

let emulator: RunningEmulator | undefined;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losant-org-limit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

function started(): RunningEmulator {
  if (emulator === undefined) throw new Error('start the emulator first');
  return emulator;
}

async function run(args: string[]): Promise<CliRun> {
  const e = started();
  return runBuiltCli(args, { LOSANT_API_URL: e.url, LOSANT_API_TOKEN: e.token });
}

async function writes(): Promise<string[]> {
  return (await started().control.log())
    .filter((e) => e.method !== 'GET')
    .map((e) => `${e.action ?? e.path} ${e.status ?? 'reset'}`);
}

/** The demo org with another member limit. */
function demoWithLimit(limit: number): EmulatorSeed {
  const seed = createDemoSeed(Date.now());
  const org = seed.orgs[0];
  if (org === undefined) throw new Error('no demo org');
  org.limits = { member: limit };
  return seed;
}

async function demoFile(name: string, members: string[], policy = ''): Promise<string> {
  const file = join(dir, name);
  const lines = [
    'version: 1',
    `org: { id: ${DEMO_ORG_ID} }`,
    'members:',
    ...members.map((m) => `  - ${m}`),
    ...(policy === '' ? [] : [`policy: ${policy}`]),
    '',
  ];
  await writeFile(file, lines.join('\n'));
  return file;
}

const ADA = '{ email: ada@acme-iot.example, role: admin }';
const GRACE = '{ email: grace@acme-iot.example, role: admin }';
const LINUS =
  '{ email: linus@acme-iot.example, role: edit, applications: [{ id: 6650f0c1a2b3c4d5e6f70b02, role: collaborate }] }';
const MARGARET =
  '{ email: margaret@acme-iot.example, role: collaborate, applications: [{ id: 6650f0c1a2b3c4d5e6f70b01, role: view }], dashboards: [{ id: 6650f0c1a2b3c4d5e6f70c01, role: collaborate }] }';
const KEN =
  '{ email: ken@acme-iot.example, role: view, dashboards: [{ id: 6650f0c1a2b3c4d5e6f70c02, role: view }] }';
const DENNIS = '{ email: dennis@acme-iot.example, role: view }';

describe('the member limit through the built CLI', () => {
  it('text, markdown and JSON say "members N of LIMIT, P invites pending" (the demo org has a limit)', async () => {
    emulator = await startEmulator();
    const small = join(ROOT, 'examples/small-team.yaml');

    const text = await run(['plan', small]);
    const markdown = await run(['plan', small, '--format', 'markdown']);
    const json = await run(['plan', small, '--format', 'json']);

    expect(text.stdout.split('\n').slice(1, 2)).toEqual(['  members 5 of 8, 1 invite pending']);
    expect(markdown.stdout).toContain('| members 5 of 8, 1 invite pending |');
    const plan = JSON.parse(json.stdout) as { orgs: { seats: unknown }[] };
    expect(plan.orgs[0]?.seats).toEqual({ members: 5, pendingInvites: 1, limit: 8 });
  });

  it('plan and apply ask Losant for no summary field (summaryExclude of every field the API description lists)', async () => {
    emulator = await startEmulator();
    const small = join(ROOT, 'examples/small-team.yaml');

    expect((await run(['apply', small, '--yes'])).code).toBe(0);

    const log = await started().control.log();
    const orgAnswers = log.filter((e) =>
      ['org.get', 'org.modifyMember', 'org.removeMember', 'org.patch'].includes(e.action ?? ''),
    );
    expect(orgAnswers.length).toBeGreaterThan(2);
    for (const entry of orgAnswers) {
      expect(entry.query['summaryExclude']?.split(',')).toEqual([...ORG_SUMMARY_FIELDS]);
    }
  });

  it('the emulator refuses an invite over the limit with 400, counting pending invites and not expired ones', async () => {
    emulator = await startEmulator({ state: demoWithLimit(6) });
    const e = started();
    const invite = (email: string): Promise<Response> =>
      fetch(`${e.url}/orgs/${DEMO_ORG_ID}/invites`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${e.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, role: 'view' }),
      });

    const refused = await invite('hedy@acme-iot.example');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('member limit (6)');

    await e.control.expireInvites(['6650f0c1a2b3c4d5e6f70d01']);
    const accepted = await invite('hedy@acme-iot.example');
    expect(accepted.status).toBe(200);
  });

  it('export of an org with a limit still plans empty (the seats line is no change)', async () => {
    emulator = await startEmulator();
    const out = join(dir, 'exported.yaml');
    expect((await run(['export', '--org', DEMO_ORG_ID, '--out', out])).code).toBe(0);
    const plan = await run(['plan', out, '--detailed-exitcode']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('members 5 of 8, 1 invite pending');
    expect(await readFile(out, 'utf8')).toContain(DEMO_ORG_ID);
  });
});
