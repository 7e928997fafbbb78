// policy.allowedEmailDomains end to end: the built CLI against the emulator's demo org.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliSession } from './cli-session.js';
import { ROOT } from './run-built-cli.js';

const session = useCliSession('domains');
const run = (args: string[]) => session.run(args);

/** examples/small-team.yaml with `allowedEmailDomains` in its policy and `extra` member lines. */
async function smallTeam(name: string, domains: string, extra: string[] = []): Promise<string> {
  const text = await readFile(join(ROOT, 'examples/small-team.yaml'), 'utf8');
  const file = join(session.dir, name);
  await writeFile(
    file,
    text
      .replace('members:\n', `members:\n${extra.map((m) => `  - ${m}\n`).join('')}`)
      .replace('  maxRemovals: 2\n', `  maxRemovals: 2\n  allowedEmailDomains: ${domains}\n`),
  );
  return file;
}

describe('policy.allowedEmailDomains through the built CLI', () => {
  it('an email outside the domains is an error at its line and column, before any API call', async () => {
    await session.start();
    const file = await smallTeam('outside.yaml', '[acme-iot.example]', [
      '{ email: eve@gmail.example, role: view }',
    ]);

    const validated = await run(['validate', file]);
    const planned = await run(['plan', file]);

    const error = `${file}:15:14: error: email 'eve@gmail.example' is outside policy.allowedEmailDomains (acme-iot.example); use an address at one of them, or add its domain to the list`;
    expect(validated.code).toBe(1);
    expect(validated.stderr).toBe(`${error}\n1 error in 1 file\n`);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain(`${error}\n`);
    expect(await session.emulator.control.log()).toEqual([]);
  });

  it('live members and invites outside the domains that the file does not declare are plan warnings', async () => {
    await session.start();
    const state = await session.emulator.control.state();
    state.orgs[0]?.invites?.push({
      id: '6650f0c1a2b3c4d5e6f70d09',
      email: 'sam@contractor.example',
      role: 'view',
      inviteDate: new Date(Date.now() - 86_400_000).toISOString(),
    });
    await session.emulator.control.setState(state);
    const file = await smallTeam('warned.yaml', "['acme-iot.example', '*.acme-iot.example']");
    const loose = await smallTeam('loose.yaml', "['*.acme-iot.example', contractor.example]");

    const planned = await run(['plan', file, '--allow-removals', '2']);
    const refused = await run(['validate', loose]);

    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain(
      '  warning: the invite of sam@contractor.example (view) is outside policy.allowedEmailDomains (acme-iot.example, *.acme-iot.example) and not in the file; this plan revokes it\n',
    );
    expect(planned.stdout).toContain(
      '  - revoke invite 6650f0c1a2b3c4d5e6f70d09 of sam@contractor.example (view): not in the file\n',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')[0]).toBe(
      `${loose}:16:14: error: email 'ada@acme-iot.example' is outside policy.allowedEmailDomains (*.acme-iot.example, contractor.example); use an address at one of them, or add its domain to the list`,
    );
  });
});
