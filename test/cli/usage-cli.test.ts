// `losant-org usage` as a real process against the emulator: text, markdown and JSON, many orgs, bad input.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoSeed, DEMO_ORG_ID, DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import type { EmulatorSeed } from '../../src/emulator/emulator-seed.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { UsageReport } from '../../src/usage/usage-report.js';
import { runBuiltCli, type CliRun } from './run-built-cli.js';

/** The emulator's clock: the billing period is June 2025 so far, the range May 2025. */
const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const RANGE = ['--from', '2025-05-01', '--to', '2025-05-31'];
const OTHER_ORG = '6650f0c1a2b3c4d5e6f70802';
const HIDDEN_ORG = '6650f0c1a2b3c4d5e6f70899';
const READ_TOKEN = 'usage-read-only-token';
/** Only the read scopes the README lists for usage. */
const READ_SCOPES = [
  'org.get',
  'org.pendingInvites',
  'org.deviceCounts',
  'org.payloadCounts',
  'org.notebookMinuteCounts',
];

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validateUsage = ajv.compile(
  JSON.parse(readFileSync('schemas/usage.schema.json', 'utf8')) as object,
);

/** The demo org, and a second org whose name tries to break out of tables, markdown and charts. */
function seed(): EmulatorSeed {
  const demo = createDemoSeed(NOW);
  demo.orgs.push({
    id: OTHER_ORG,
    name: 'Evil | `org` <b>"]\u001b[31m',
    members: [{ userId: DEMO_USER_ID, role: 'admin' }],
    limits: { device: 50 },
    usage: { devices: 50, devicesCreatedPerDay: 0, payloadsPerDay: { webhook: 10 } },
  });
  demo.tokens?.push({ token: READ_TOKEN, userId: DEMO_USER_ID, scopes: READ_SCOPES });
  return demo;
}

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function run(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  emulator ??= await startEmulator({ state: seed(), now: () => NOW });
  return runBuiltCli(['usage', ...args], {
    LOSANT_API_URL: emulator.url,
    LOSANT_API_TOKEN: READ_TOKEN,
    ...env,
  });
}

const DEMO_TEXT = [
  `Acme IoT (${DEMO_ORG_ID}): usage from 2025-05-01 to 2025-05-31`,
  '                                           used       limit  % of limit',
  '  members and pending invites                 6           8         75%',
  '  devices                                 1,236       1,500         82%',
  '  payloads this billing period          180,428  10,000,000        1.8%',
  '  notebook minutes this billing period       17         600        2.8%',
  '  applications                                4         100        4.0%',
  '  dashboards                                  9         200        4.5%',
  '  workflows                                  38       1,000        3.8%',
  '  data tables                                 3         100        3.0%',
  '  notebooks                                   2          50        4.0%',
  '  experience users                          310       5,000        6.2%',
  '  device recipes                              6           -           -',
  '  webhooks                                    5           -           -',
  '  API tokens                                  2         500        0.4%',
  '  members 5 of 8, 1 invite pending',
  '  in the range: devices 1,143 -> 1,236 (+123 created, -29 deleted); 6,645,035 payloads (deviceState 78%, mqttIn 9%, mqttOut 4%); 460 notebook minutes',
  '  warning: devices at 82% of the limit (1,236 of 1,500)',
  '',
].join('\n');

describe('losant-org usage (built CLI)', () => {
  it('prints the demo org against its limits with read scopes only, LOSANT_ORG_ID by default', async () => {
    const result = await run(RANGE, { LOSANT_ORG_ID: DEMO_ORG_ID });
    const calls = (await emulator?.control.log())?.map((e) => [e.action, e.status]).sort();

    expect(result).toEqual({ code: 0, stdout: DEMO_TEXT, stderr: '' });
    expect(calls).toEqual([
      ['org.deviceCounts', 200],
      ['org.get', 200],
      ['org.notebookMinuteCounts', 200],
      ['org.payloadCounts', 200],
      ['org.pendingInvites', 200],
    ]);
  });

  it('asks for the range in ms since epoch, whole UTC days', async () => {
    await run([...RANGE, '--org', DEMO_ORG_ID]);
    const queries = (await emulator?.control.log())
      ?.filter((e) => e.action === 'org.deviceCounts')
      .map((e) => e.query);

    expect(queries).toEqual([
      {
        start: String(Date.parse('2025-05-01T00:00:00.000Z')),
        end: String(Date.parse('2025-05-31T23:59:59.999Z')),
      },
    ]);
  });

  it('JSON matches schemas/usage.schema.json and carries the daily series and payload types', async () => {
    const result = await run([...RANGE, '--org', DEMO_ORG_ID, '--format', 'json']);

    expect([result.code, result.stderr]).toEqual([0, '']);
    const report = JSON.parse(result.stdout) as UsageReport & { version: number };
    expect(validateUsage(report)).toBe(true);
    expect(validateUsage.errors ?? []).toEqual([]);
    const org = report.orgs[0];
    if (org === undefined || 'error' in org) throw new Error('expected the demo org');
    expect(org.range).toEqual({ from: '2025-05-01T00:00:00.000Z', to: '2025-05-31T23:59:59.999Z' });
    expect(org.members).toEqual({
      count: 5,
      pendingInvites: 1,
      used: 6,
      limit: 8,
      percent: 75,
    });
    expect(org.devices.perDay.length).toBe(31);
    expect(org.devices.perDay.at(-1)?.date).toBe('2025-05-31T00:00:00.000Z');
    expect(org.payloads.byType[0]?.type).toBe('deviceState');
    expect(org.nearLimit).toEqual([{ name: 'devices', used: 1236, limit: 1500, percent: 82.4 }]);
    expect([report.version, report.warnAtPercent]).toEqual([1, 80]);
  });

  it('markdown has the tables, a warning and the three charts, GitHub mermaid blocks', async () => {
    const result = await run([...RANGE, '--org', DEMO_ORG_ID, '--format', 'markdown']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('| **devices** | 1,236 | 1,500 | **82%** |');
    expect(result.stdout).toContain('> [!WARNING]\n> devices at 82% of the limit (1,236 of 1,500)');
    expect(result.stdout.match(/```mermaid\nxychart-beta\n/g)?.length).toBe(2);
    expect(result.stdout).toContain('  title "Devices per day"\n  x-axis ["05-01", "05-02"');
    expect(result.stdout).toContain('```mermaid\npie title Payloads by type\n  "deviceState" : ');
  });

  it('reads orgs concurrently: one it cannot see is reported, the others shown, exit 1', async () => {
    const result = await run([
      ...RANGE,
      '--org',
      `${DEMO_ORG_ID},${HIDDEN_ORG},${OTHER_ORG}`,
      '--format',
      'json',
    ]);

    const report = JSON.parse(result.stdout) as UsageReport;
    expect(validateUsage(report)).toBe(true);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: 1 of 3 orgs could not be read; the report shows the others\n',
    );
    expect(report.orgs.map((o) => ('error' in o ? `${o.id} ${o.error.status}` : o.name))).toEqual([
      'Acme IoT',
      `${HIDDEN_ORG} 404`,
      'Evil | `org` <b>"]\u001b[31m',
    ]);
  });

  it('neutralizes a live org name in text, markdown and chart labels', async () => {
    const text = await run([...RANGE, '--org', OTHER_ORG]);
    const markdown = await run([...RANGE, '--org', OTHER_ORG, '--format', 'markdown']);

    expect(text.stdout.split('\n')[0]).toBe(
      `Evil | \`org\` <b>"]\\u001b[31m (${OTHER_ORG}): usage from 2025-05-01 to 2025-05-31`,
    );
    expect(text.stdout).toContain('  warning: devices at 100% of the limit (50 of 50)');
    expect(markdown.stdout).toContain(
      `### Evil \\| \\\`org\\\` \\<b>"\\]\\\\u001b\\[31m (\`${OTHER_ORG}\`)`,
    );
    expect(markdown.stdout).not.toContain('\u001b');
  });

  it('takes the orgs of configuration files', async () => {
    const result = await run([...RANGE, 'examples/small-team.yaml', '--format', 'json']);

    const report = JSON.parse(result.stdout) as UsageReport;
    expect([result.code, report.orgs.map((o) => o.id)]).toEqual([0, [DEMO_ORG_ID]]);
  });

  it('a bad date, a backwards range or no org is a usage error that reads nothing', async () => {
    const badDate = await run(['--org', DEMO_ORG_ID, '--from', '2025-02-30']);
    const backwards = await run([
      '--org',
      DEMO_ORG_ID,
      '--from',
      '2025-06-01',
      '--to',
      '2025-05-01',
    ]);
    const noOrg = await run([]);

    expect([badDate.code, badDate.stdout, badDate.stderr]).toEqual([
      1,
      '',
      'error: --from must be a date such as 2026-11-01 or a time such as 2026-11-01T08:00:00Z, not "2025-02-30"\n',
    ]);
    expect(backwards.stderr).toBe(
      'error: --from (2025-06-01T00:00:00.000Z) is after --to (2025-05-01T23:59:59.999Z): swap them\n',
    );
    expect(noOrg.stderr).toBe(
      'error: usage needs an org: give configuration files, --org <24 hex id>[,<id>...], or set LOSANT_ORG_ID\n',
    );
    expect(await emulator?.control.log()).toEqual([]);
  });
});
