// What apply says about a failed write (built CLI against the emulator's faults): "may or may not
// have been made" only while nobody knows; once a read-back knows, its verdict is the one message.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import { startEmulator, type Fault, type RunningEmulator } from '../../src/emulator/server.js';
import { runBuiltCli, type CliRun } from '../cli/run-built-cli.js';

let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function applySmallTeam(faults: Fault[]): Promise<CliRun> {
  emulator = await startEmulator({ faults });
  const result = await runBuiltCli(['apply', 'examples/small-team.yaml', '--yes'], {
    LOSANT_API_URL: emulator.url,
    LOSANT_API_TOKEN: emulator.token,
  });
  expect(result.stdout.includes(emulator.token)).toBe(false);
  expect(result.stderr.includes(emulator.token)).toBe(false);
  return result;
}

const DOUBT = 'may or may not have been made';

describe('apply messages about failed writes (built CLI)', () => {
  it('a 503 before anything was written: the read-back says it was not made, never "may or may not"', async () => {
    const run = await applySmallTeam([
      { action: 'org.removeMember', kind: 'status', status: 503, count: 0 },
    ]);

    expect(run.code).toBe(1);
    const output = run.stdout + run.stderr;
    expect(output.includes(DOUBT)).toBe(false);
    expect(output).toContain(
      `✗ remove ken@acme-iot.example (view): Losant API org.removeMember on org ${DEMO_ORG_ID} failed: HTTP 503`,
    );
    expect(output).toContain('a read-back shows it was not made');
    const removes = (await emulator?.control.log())?.filter((e) => e.action === 'org.removeMember');
    expect(removes?.every((e) => e.status === 503)).toBe(true);
  });

  it('a 503 after the write was made: the read-back confirms it, and that is the one message', async () => {
    const run = await applySmallTeam([
      { action: 'org.inviteMember', kind: 'after-commit', then: 'status', status: 503, count: 1 },
    ]);

    expect(run.code).toBe(0);
    const output = run.stdout + run.stderr;
    expect(output.includes(DOUBT)).toBe(false);
    expect(output).toContain('(the answer was lost and a read-back confirms it was made)');
    const invites = (await emulator?.control.log())?.filter((e) => e.action === 'org.inviteMember');
    expect(invites?.map((e) => e.status)).toEqual([503, 200]);
  });
});
