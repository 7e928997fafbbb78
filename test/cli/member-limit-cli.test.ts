// The member limit end to end through the built CLI against the emulator: the seats line, reads that
// ask for no summary, seats freed before invites, the memberLimit guard and the emulator's refusal.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ORG_ID, createDemoSeed } from '../../src/emulator/demo-state.js';
import type { EmulatorSeed } from '../../src/emulator/emulator-seed.js';
import { ORG_SUMMARY_FIELDS } from '../../src/losant/org-summary-fields.js';
import { useCliSession } from './cli-session.js';
import { ROOT } from './run-built-cli.js';

const session = useCliSession('limit');
const run = (args: string[]) => session.run(args);

async function writes(): Promise<string[]> {
  return (await session.writes()).map((e) => `${e.action ?? e.path} ${e.status ?? 'reset'}`);
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
  const file = join(session.dir, name);
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
    await session.start();
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
    await session.start();
    const small = join(ROOT, 'examples/small-team.yaml');

    expect((await run(['apply', small, '--yes'])).code).toBe(0);

    const log = await session.emulator.control.log();
    const orgAnswers = log.filter((e) =>
      ['org.get', 'org.modifyMember', 'org.removeMember', 'org.patch'].includes(e.action ?? ''),
    );
    expect(orgAnswers.length).toBeGreaterThan(2);
    for (const entry of orgAnswers) {
      expect(entry.query['summaryExclude']?.split(',')).toEqual([...ORG_SUMMARY_FIELDS]);
    }
  });

  it('at its limit, an org swaps one person for another in one apply: the removal runs before the invite', async () => {
    await session.start({ state: demoWithLimit(6) });
    // 5 members and dennis's pending invite: 6 of 6. Ken leaves, hedy comes.
    const file = await demoFile('swap.yaml', [
      ADA,
      GRACE,
      LINUS,
      MARGARET,
      DENNIS,
      '{ email: hedy@acme-iot.example, role: view }',
    ]);

    const planned = await run(['plan', file]);
    const applied = await run(['apply', file, '--yes']);
    const again = await run(['plan', file, '--detailed-exitcode']);

    expect(planned.code).toBe(0);
    const lines = planned.stdout.split('\n');
    expect(lines[1]).toBe('  members 5 of 6, 1 invite pending');
    const removeAt = lines.findIndex((l) => l.includes('remove ken@acme-iot.example'));
    const inviteAt = lines.findIndex((l) => l.includes('invite hedy@acme-iot.example'));
    expect(removeAt).toBeGreaterThan(0);
    expect(inviteAt).toBeGreaterThan(removeAt);
    expect(applied.code).toBe(0);
    // Barbara's expired invite holds no seat: its revocation stays where it was, after the invites.
    expect(await writes()).toEqual([
      'org.removeMember 200',
      'org.inviteMember 200',
      'org.revokeInvite 200',
    ]);
    expect(again.code).toBe(0);
  });

  it('memberLimit: an end state over the limit is refused, says by how many, and nothing is written', async () => {
    await session.start({ state: demoWithLimit(6) });
    const file = await demoFile('over.yaml', [
      ADA,
      GRACE,
      LINUS,
      MARGARET,
      KEN,
      DENNIS,
      '{ email: hedy@acme-iot.example, role: view }',
      '{ email: edsger@acme-iot.example, role: view }',
    ]);

    const planned = await run(['plan', file]);
    const applied = await run(['apply', file, '--yes']);

    expect(planned.code).toBe(1);
    expect(planned.stdout).toContain(
      '  refused by guard memberLimit: after this plan the org would have 5 members and 3 pending invites, 8 of its member limit of 6: 2 over',
    );
    expect(planned.stdout).toContain(
      "      to proceed: declare 2 fewer people in the file (members and invitees together), or ask Losant to raise the org's member limit",
    );
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('guard memberLimit');
    expect(await writes()).toEqual([]);
  });

  it('minAdmins is kept at every step while seats are freed: an admin removal stays after the promotion', async () => {
    await session.start({ state: demoWithLimit(6) });
    // Grace (admin) leaves, linus becomes admin, hedy comes: the removal of an admin is not moved
    // before the promotion, and only non-admins' seats are freed first (ken).
    const file = await demoFile(
      'admins.yaml',
      [
        ADA,
        '{ email: linus@acme-iot.example, role: admin, applications: [{ id: 6650f0c1a2b3c4d5e6f70b02, role: collaborate }] }',
        MARGARET,
        DENNIS,
        '{ email: hedy@acme-iot.example, role: view }',
      ],
      '{ minAdmins: 2 }',
    );

    const applied = await run(['apply', file, '--yes']);

    expect(applied.code).toBe(0);
    expect(await writes()).toEqual([
      'org.removeMember 200', // ken, not an admin: frees the seat hedy takes
      'org.inviteMember 200',
      'org.modifyMember 200', // linus becomes admin
      'org.revokeInvite 200', // barbara's expired invite
      'org.removeMember 200', // grace, an admin: last, as always
    ]);
    const state = await session.emulator.control.state();
    const members = state.orgs[0]?.members.map((m) => m.role).sort();
    expect(members).toEqual(['admin', 'admin', 'collaborate']);
  });

  it('the emulator refuses an invite over the limit with 400, counting pending invites and not expired ones', async () => {
    await session.start({ state: demoWithLimit(6) });
    const e = session.emulator;
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
    await session.start();
    const out = join(session.dir, 'exported.yaml');
    expect((await run(['export', '--org', DEMO_ORG_ID, '--out', out])).code).toBe(0);
    const plan = await run(['plan', out, '--detailed-exitcode']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('members 5 of 8, 1 invite pending');
    expect(await readFile(out, 'utf8')).toContain(DEMO_ORG_ID);
  });
});
