// `expires` end to end: the built CLI against the emulator's demo org, dates relative to the real clock.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliSession } from './cli-session.js';
import { ROOT } from './run-built-cli.js';

const session = useCliSession('expires');
const run = (args: string[]) => session.run(args);

const DAY = 86_400_000;
/** A date `days` from now (negative: past), as a date only: far enough from any midnight to be certain. */
const dateIn = (days: number): string =>
  new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
/** An RFC 3339 time `days` and twelve hours from now. */
const timeIn = (days: number): string =>
  new Date(Date.now() + days * DAY + DAY / 2).toISOString().replace(/\.\d+Z$/, 'Z');

/** examples/small-team.yaml with `expires` added after the given members' email. */
async function smallTeam(name: string, expires: Record<string, string>): Promise<string> {
  let text = await readFile(join(ROOT, 'examples/small-team.yaml'), 'utf8');
  for (const [email, when] of Object.entries(expires)) {
    const flow = `{ email: ${email}, `;
    text = text.includes(flow)
      ? text.replace(flow, `{ email: ${email}, expires: '${when}', `)
      : text.replace(`- email: ${email}\n`, `- email: ${email}\n    expires: '${when}'\n`);
  }
  const file = join(session.dir, name);
  await writeFile(file, text);
  return file;
}

describe('expires through the built CLI', () => {
  it('removes expired access, sends no invite for it, lists what expires soon, and plans empty after apply', async () => {
    await session.start();
    const past = dateIn(-2);
    const soon = timeIn(5);
    const file = await smallTeam('expires.yaml', {
      'linus@acme-iot.example': past, // a member
      'dennis@acme-iot.example': past, // a pending invite
      'barbara@acme-iot.example': past, // an expired invite
      'hedy@acme-iot.example': past, // nobody yet
      'margaret@acme-iot.example': soon,
    });

    const validated = await run(['validate', file]);
    const planned = await run(['plan', file, '--allow-removals', '4']);
    const markdown = await run(['plan', file, '--allow-removals', '4', '--format', 'markdown']);
    const json = await run(['plan', file, '--allow-removals', '4', '--format', 'json']);
    const refused = await run(['plan', file]);
    const applied = await run(['apply', file, '--yes', '--allow-removals', '4']);
    const again = await run(['plan', file, '--detailed-exitcode']);

    expect(validated.code).toBe(0);
    expect(validated.stderr.split('\n').filter((l) => l.includes('expired on'))).toHaveLength(4);
    expect(validated.stderr).toContain(
      `: warning: the access of member 'linus@acme-iot.example' expired on ${past}: the next apply removes it; remove the entry (or its expires) from the file\n`,
    );
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain(
      [
        `  - revoke invite 6650f0c1a2b3c4d5e6f70d02 of barbara@acme-iot.example (collaborate): access expired on ${past}`,
        `  - revoke invite 6650f0c1a2b3c4d5e6f70d01 of dennis@acme-iot.example (view): access expired on ${past}`,
        `  - remove ken@acme-iot.example (view): not in the file`,
        `  - remove linus@acme-iot.example (edit): access expired on ${past}`,
        '  expiring soon (not changes):',
        `      margaret@acme-iot.example, expires in 5 days (${soon})`,
      ].join('\n'),
    );
    expect(planned.stdout).not.toContain('hedy');
    expect(markdown.stdout).toContain(
      `**Expiring soon (1)**, access that ends within policy.expiryWarningDays (not changes):\n\n- \`margaret@acme-iot.example\` in **Acme IoT**: expires in 5 days (${soon})\n`,
    );
    const doc = JSON.parse(json.stdout) as {
      orgs: { expiring: unknown; operations: { kind?: string }[] }[];
    };
    expect(doc.orgs[0]?.expiring).toEqual([
      { email: 'margaret@acme-iot.example', expires: soon, daysLeft: 5 },
    ]);
    expect(doc.orgs[0]?.operations.filter((o) => o.kind === 'expired')).toHaveLength(2);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'guard maxRemovals: 4 removals (2 members removed, 0 undeclared invites revoked, 2 invites of expired access revoked): more than policy.maxRemovals (2)',
    );
    expect(applied.code).toBe(0);
    expect(again.code).toBe(0);
  }, 120_000);

  it('an expires that is not a real date is an error at its line and column', async () => {
    await session.start();
    const file = await smallTeam('bad-expires.yaml', {
      'dennis@acme-iot.example': '2027-02-30',
      'hedy@acme-iot.example': '31.01.2027',
    });

    const validated = await run(['validate', file]);

    expect(validated.code).toBe(1);
    expect(validated.stderr).toBe(
      [
        `${file}:33:48: error: expires '2027-02-30' of member 'dennis@acme-iot.example' is not a real date or time; write a date such as 2027-01-31 or a time such as 2027-01-31T17:00:00Z`,
        `${file}:40:46: error: expires must be a date such as 2027-01-31 (the end of that day, UTC) or an RFC 3339 time such as 2027-01-31T17:00:00Z, not '31.01.2027'`,
        '2 errors in 1 file',
        '',
      ].join('\n'),
    );
  });
});
