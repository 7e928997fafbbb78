// The guards end to end through the built CLI, the token without GET /me, and when the plan is coloured.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { DEMO_ORG_ID, DEMO_USER_ID } from '../../src/emulator/demo-state.js';
import type { EmulatorSeed } from '../../src/emulator/emulator-seed.js';
import { useCliSession } from './cli-session.js';
import { ROOT } from './run-built-cli.js';

const session = useCliSession('guards');
const run = (args: string[], token?: string) =>
  session.run(args, token === undefined ? {} : { token });

async function writes(): Promise<string[]> {
  return (await session.writes()).map((e) => e.action ?? e.path);
}

/** A config file of the demo org with these member lines and policy. */
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

/** The people of the demo org who stay as they are (ada and grace are set by each test). */
const DEMO_OTHERS = [
  '{ email: linus@acme-iot.example, role: edit, applications: [{ id: 6650f0c1a2b3c4d5e6f70b02, role: collaborate }] }',
  '{ email: margaret@acme-iot.example, role: collaborate, applications: [{ id: 6650f0c1a2b3c4d5e6f70b01, role: view }], dashboards: [{ id: 6650f0c1a2b3c4d5e6f70c01, role: collaborate }] }',
  '{ email: ken@acme-iot.example, role: view, dashboards: [{ id: 6650f0c1a2b3c4d5e6f70c02, role: view }] }',
  '{ email: dennis@acme-iot.example, role: view }',
];

describe('guards through the built CLI', () => {
  it('minAdmins: a demotion that an admin still only invited cannot cover is refused, nothing written', async () => {
    await session.start();
    const file = await demoFile(
      'min-admins.yaml',
      [
        '{ email: ada@acme-iot.example, role: admin }',
        '{ email: grace@acme-iot.example, role: edit }',
        '{ email: hedy@acme-iot.example, role: admin }',
        ...DEMO_OTHERS,
      ],
      '{ minAdmins: 2, revokeUndeclaredInvites: false }',
    );

    const planned = await run(['plan', file]);
    const applied = await run(['apply', file, '--yes']);

    expect(planned.code).toBe(1);
    expect(planned.stderr).toBe(
      [
        'error: the plan is refused by a guard, nothing was written:',
        `  org ${DEMO_ORG_ID} (${file}): guard minAdmins: demoting grace@acme-iot.example (admin -> edit) would leave 1 admin, fewer than policy.minAdmins (2); ` +
          'pending invites do not count as admins until they are accepted, so inviting hedy@acme-iot.example as admin does not help yet',
        '    to proceed: apply in two steps: first keep grace@acme-iot.example as admin in the file and apply the invite; ' +
          'once hedy@acme-iot.example has accepted, apply the demotion. Or lower policy.minAdmins',
        '',
      ].join('\n'),
    );
    expect(applied.code).toBe(1);
    expect(applied.stderr).toBe(planned.stderr);
    expect(await writes()).toEqual([]);
  });

  it("tokenUser: the token's own user is never demoted, whatever the other guards say", async () => {
    await session.start();
    const file = await demoFile(
      'token-user.yaml',
      [
        '{ email: ada@acme-iot.example, role: view }',
        '{ email: grace@acme-iot.example, role: admin }',
        ...DEMO_OTHERS,
      ],
      '{ revokeUndeclaredInvites: false }',
    );

    const applied = await run(['apply', file, '--yes', '--allow-removals', '10']);

    expect(applied.code).toBe(1);
    expect(applied.stderr).toBe(
      [
        'error: the plan is refused by a guard, nothing was written:',
        `  org ${DEMO_ORG_ID} (${file}): guard tokenUser: the plan demotes ada@acme-iot.example (admin -> view), the user this API token belongs to; ` +
          "Losant lets an administrator change the role of any member other than themselves, so losant-org never changes the token's own membership",
        "    to proceed: keep ada@acme-iot.example in the file as it is now: { email: ada@acme-iot.example, role: admin }, or run with another admin's token",
        '',
      ].join('\n'),
    );
    expect(await writes()).toEqual([]);
  });

  it("tokenUser: no change at all to the token's own membership, not even its resource roles", async () => {
    // Losant: an administrator can change the role of any member other than themselves.
    await session.start();
    const file = await demoFile(
      'token-user-grants.yaml',
      [
        '{ email: ada@acme-iot.example, role: admin, applications: [{ id: 6650f0c1a2b3c4d5e6f70b01, role: view }] }',
        '{ email: grace@acme-iot.example, role: admin }',
        ...DEMO_OTHERS,
      ],
      '{ revokeUndeclaredInvites: false }',
    );

    const planned = await run(['plan', file]);
    const applied = await run(['apply', file, '--yes']);

    expect(planned.code).toBe(1);
    expect(planned.stderr).toBe(
      [
        'error: the plan is refused by a guard, nothing was written:',
        `  org ${DEMO_ORG_ID} (${file}): guard tokenUser: the plan changes ada@acme-iot.example (application roles: 1 added), the user this API token belongs to; ` +
          "Losant lets an administrator change the role of any member other than themselves, so losant-org never changes the token's own membership",
        "    to proceed: keep ada@acme-iot.example in the file as it is now: { email: ada@acme-iot.example, role: admin }, or run with another admin's token",
        '',
      ].join('\n'),
    );
    expect(applied.code).toBe(1);
    expect(applied.stderr).toBe(planned.stderr);
    expect(await writes()).toEqual([]);
  });

  it("tokenUser: the token's own user is never removed, with why and what to write", async () => {
    await session.start();
    const file = await demoFile(
      'token-user-removed.yaml',
      ['{ email: grace@acme-iot.example, role: admin }', ...DEMO_OTHERS],
      '{ revokeUndeclaredInvites: false }',
    );

    const planned = await run(['plan', file]);

    expect(planned.code).toBe(1);
    expect(planned.stderr).toBe(
      [
        'error: the plan is refused by a guard, nothing was written:',
        `  org ${DEMO_ORG_ID} (${file}): guard tokenUser: the plan removes ada@acme-iot.example, the user this API token belongs to; ` +
          "Losant lets an administrator change the role of any member other than themselves, so losant-org never changes the token's own membership",
        "    to proceed: declare ada@acme-iot.example in the file as it is now: { email: ada@acme-iot.example, role: admin }, or run with another admin's token",
        '',
      ].join('\n'),
    );
    expect(await writes()).toEqual([]);
  });

  it('maxRemovals, quarter rule: more than a quarter of 12 needs --allow-removals covering all of them', async () => {
    await session.start({ state: twelvePeople() });
    const keep = Array.from({ length: 8 }, (_, i) =>
      i === 0
        ? '{ email: p00@quarter.example, role: admin }'
        : `{ email: p${String(i).padStart(2, '0')}@quarter.example, role: view }`,
    );
    const file = join(session.dir, 'quarter.yaml');
    await writeFile(
      file,
      [
        'version: 1',
        `org: { id: ${QUARTER_ORG} }`,
        'members:',
        ...keep.map((m) => `  - ${m}`),
        '',
      ].join('\n'),
    );

    const refused = await run(['plan', file]);
    const tooFew = await run(['plan', file, '--allow-removals', '3']);
    const applied = await run(['apply', file, '--yes', '--allow-removals', '4']);

    const guardLine = (allowed: string): string =>
      `  org ${QUARTER_ORG} (${file}): guard maxRemovals: 4 removals (4 members removed, 0 undeclared invites revoked): ` +
      `more than a quarter of the org's 12 members and pending invites (3)${allowed}\n` +
      '    to proceed: if these removals are intended, rerun with --allow-removals 4\n';
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error: the plan is refused by a guard, nothing was written:\n${guardLine('')}`,
    );
    expect(tooFew.code).toBe(1);
    expect(tooFew.stderr).toBe(
      `error: the plan is refused by a guard, nothing was written:\n${guardLine('; --allow-removals 3 does not cover them')}`,
    );
    expect(applied.code).toBe(0);
    expect(await writes()).toEqual([
      'org.removeMember',
      'org.removeMember',
      'org.removeMember',
      'org.removeMember',
    ]);
  });

  it('a token that may not call GET /me: said once, and the other guards still apply', async () => {
    await session.start();
    await session.emulator.control.addToken({
      token: 'org-only-token-0c2f9d',
      userId: DEMO_USER_ID,
      scopes: ['org.get', 'org.pendingInvites'],
    });

    const planned = await run(['plan', 'examples/small-team.yaml'], 'org-only-token-0c2f9d');

    expect(planned.code).toBe(0);
    const warning =
      "warning: this token may not call GET /me, so the token's own user is not known; relying on the other guards";
    expect(planned.stdout.split('\n').filter((l) => l === warning)).toHaveLength(1);
    expect(planned.stdout.includes('org-only-token-0c2f9d')).toBe(false);
  });
});

const QUARTER_ORG = '6650f0c1a2b3c4d5e6f7e001';

/** One org of twelve members, p00 (the token's user) the admin. */
function twelvePeople(): EmulatorSeed {
  const users = Array.from({ length: 12 }, (_, i) => ({
    id: `6650f0c1a2b3c4d5e6f7f0${String(i).padStart(2, '0')}`,
    email: `p${String(i).padStart(2, '0')}@quarter.example`,
  }));
  return {
    users,
    orgs: [
      {
        id: QUARTER_ORG,
        name: 'Quarter',
        members: users.map((u, i) => ({ userId: u.id, role: i === 0 ? 'admin' : 'view' })),
      },
    ],
  };
}

describe('colours of the plan', () => {
  async function planOnATerminal(
    env: Record<string, string>,
    flags: string[] = [],
  ): Promise<string> {
    const e = session.emulator;
    const stdout = Object.assign(new PassThrough(), { isTTY: true });
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await main(['plan', 'examples/small-team.yaml', ...flags], {
      stdout,
      stderr: new PassThrough(),
      env: { LOSANT_API_URL: e.url, LOSANT_API_TOKEN: e.token, ...env },
      cwd: ROOT,
    });
    expect(code).toBe(0);
    return out;
  }

  it('are on for a terminal, off with NO_COLOR, --no-color, or when stdout is not a terminal', async () => {
    await session.start();
    const ESC = '\u001b[';

    const terminal = await planOnATerminal({});
    const noColorEnv = await planOnATerminal({ NO_COLOR: '1' });
    const noColorFlag = await planOnATerminal({}, ['--no-color']);
    const piped = await run(['plan', 'examples/small-team.yaml']);

    expect(terminal).toContain(
      `${ESC}31m  - remove ken@acme-iot.example (view): not in the file${ESC}0m`,
    );
    expect(noColorEnv.includes(ESC)).toBe(false);
    expect(noColorFlag.includes(ESC)).toBe(false);
    expect(piped.stdout.includes(ESC)).toBe(false);
    expect(noColorEnv).toBe(piped.stdout);
  });
});
