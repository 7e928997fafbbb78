// billingEmail is an email: a difference only in case is no change, as for member emails (built CLI).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runBuiltCli, type CliRun } from './run-built-cli.js';

let emulator: RunningEmulator | undefined;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losant-org-billing-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function run(args: string[]): Promise<CliRun> {
  if (emulator === undefined) throw new Error('start the emulator first');
  const result = await runBuiltCli(args, {
    LOSANT_API_URL: emulator.url,
    LOSANT_API_TOKEN: emulator.token,
  });
  expect(result.stdout.includes(emulator.token)).toBe(false);
  expect(result.stderr.includes(emulator.token)).toBe(false);
  return result;
}

async function billingFile(billingEmail: string): Promise<string> {
  const file = join(dir, `billing-${billingEmail.replace(/[^a-z]/gi, '')}.yaml`);
  await writeFile(
    file,
    ['version: 1', 'org:', `  id: ${DEMO_ORG_ID}`, `  billingEmail: ${billingEmail}`, ''].join(
      '\n',
    ),
  );
  return file;
}

describe('billingEmail (built CLI)', () => {
  it('a difference only in case is no change: plan empty, apply writes nothing', async () => {
    // The demo org's billing address is billing@acme-iot.example.
    emulator = await startEmulator();
    const file = await billingFile('Billing@ACME-IoT.example');

    const planned = await run(['plan', file, '--detailed-exitcode']);
    const applied = await run(['apply', file, '--yes']);

    expect(planned).toEqual({
      code: 0,
      stdout: `Acme IoT (${DEMO_ORG_ID}) from ${file}\n  members 5 of 8, 1 invite pending\n\nNo changes. The org matches the file.\n`,
      stderr: '',
    });
    expect(applied.code).toBe(0);
    const log = await emulator.control.log();
    expect(log.filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('another address is still a change', async () => {
    emulator = await startEmulator();
    const file = await billingFile('finance@acme-iot.example');

    const planned = await run(['plan', file, '--detailed-exitcode']);

    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain(
      '      billingEmail: "billing@acme-iot.example" -> "finance@acme-iot.example"\n',
    );
  });
});
