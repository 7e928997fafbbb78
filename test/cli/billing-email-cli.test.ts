// billingEmail is an email: a difference only in case is no change, as for member emails (built CLI).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import { useCliSession } from './cli-session.js';

const session = useCliSession('billing');
const run = (args: string[]) => session.run(args);

async function billingFile(billingEmail: string): Promise<string> {
  const file = join(session.dir, `billing-${billingEmail.replace(/[^a-z]/gi, '')}.yaml`);
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
    await session.start();
    const file = await billingFile('Billing@ACME-IoT.example');

    const planned = await run(['plan', file, '--detailed-exitcode']);
    const applied = await run(['apply', file, '--yes']);

    expect(planned).toEqual({
      code: 0,
      stdout: `Acme IoT (${DEMO_ORG_ID}) from ${file}\n  members 5 of 8, 1 invite pending\n\nNo changes. The org matches the file.\n`,
      stderr: '',
    });
    expect(applied.code).toBe(0);
    const log = await session.emulator.control.log();
    expect(log.filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('another address is still a change', async () => {
    await session.start();
    const file = await billingFile('finance@acme-iot.example');

    const planned = await run(['plan', file, '--detailed-exitcode']);

    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain(
      '      billingEmail: "billing@acme-iot.example" -> "finance@acme-iot.example"\n',
    );
  });
});
