// Saved plans are data from outside: the built CLI with plan --out and apply plan.json against the emulator.
import { execFileSync } from 'node:child_process';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import { useCliSession } from './cli-session.js';

const session = useCliSession('saved');
const run = (args: string[]) => session.run(args);

async function calls(): Promise<string[]> {
  return (await session.emulator.control.log()).map((e) => `${e.method} ${e.action ?? e.path}`);
}

async function writes(): Promise<string[]> {
  return (await calls()).filter((c) => !c.startsWith('GET'));
}

/** A configuration of the demo org with these member lines and policy. */
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

const DEMO_OTHERS = [
  '{ email: linus@acme-iot.example, role: edit, applications: [{ id: 6650f0c1a2b3c4d5e6f70b02, role: collaborate }] }',
  '{ email: margaret@acme-iot.example, role: collaborate, applications: [{ id: 6650f0c1a2b3c4d5e6f70b01, role: view }], dashboards: [{ id: 6650f0c1a2b3c4d5e6f70c01, role: collaborate }] }',
  '{ email: ken@acme-iot.example, role: view, dashboards: [{ id: 6650f0c1a2b3c4d5e6f70c02, role: view }] }',
];

describe('plan --out', () => {
  it('a refused plan is saved marked refused, exits 1, and never says to apply it', async () => {
    await session.start();
    // Removing the token's own user (ada) is refused by the tokenUser guard.
    const file = await demoFile(
      'refused.yaml',
      ['{ email: grace@acme-iot.example, role: admin }', ...DEMO_OTHERS],
      '{ revokeUndeclaredInvites: false }',
    );
    const out = join(session.dir, 'refused-plan.json');

    const planned = await run(['plan', file, '--out', out]);
    const saved = JSON.parse(await readFile(out, 'utf8')) as {
      orgs: { refusals: { guard: string }[] }[];
    };
    const applied = await run(['apply', out, '--yes']);

    expect(planned.code).toBe(1);
    expect(planned.stderr).not.toContain('apply it with');
    expect(planned.stderr).toContain(`Saved the plan to ${out}, marked refused: apply refuses it.`);
    expect(saved.orgs[0]?.refusals.map((r) => r.guard)).toEqual(['tokenUser']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('guard tokenUser');
    expect(await writes()).toEqual([]);
  });

  it('into a directory that does not exist fails before any API call', async () => {
    await session.start();

    const planned = await run([
      'plan',
      'examples/small-team.yaml',
      '--out',
      join(session.dir, 'missing', 'plan.json'),
    ]);

    expect(planned.code).toBe(1);
    expect(planned.stderr).toBe(
      `error: cannot write --out ${join(session.dir, 'missing', 'plan.json')}: its directory does not exist\n`,
    );
    expect(planned.stdout).toBe('');
    expect(await calls()).toEqual([]);
  });
});

interface SavedDoc {
  orgs: { refusals: unknown[]; operations: { phase: string; target: { email?: string } }[] }[];
}

describe('apply plan.json plans again from the live state', () => {
  it('a refused plan whose refusals were deleted is still refused: every guard runs again', async () => {
    await session.start();
    const file = await demoFile(
      'self-removal.yaml',
      ['{ email: grace@acme-iot.example, role: admin }', ...DEMO_OTHERS],
      '{ revokeUndeclaredInvites: false }',
    );
    const out = join(session.dir, 'refusals-deleted.json');
    await run(['plan', file, '--out', out]);
    const doc = JSON.parse(await readFile(out, 'utf8')) as SavedDoc;
    for (const org of doc.orgs) org.refusals = [];
    await writeFile(out, JSON.stringify(doc));

    const applied = await run(['apply', out, '--yes']);

    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain(
      'guard tokenUser: the plan removes ada@acme-iot.example, the user this API token belongs to',
    );
    expect(await writes()).toEqual([]);
  });

  it('phases edited in the saved plan do not reorder the writes: a promotion still comes before a demotion', async () => {
    await session.start();
    const file = await demoFile(
      'swap-admin.yaml',
      [
        '{ email: ada@acme-iot.example, role: admin }',
        '{ email: grace@acme-iot.example, role: edit }',
        '{ email: linus@acme-iot.example, role: admin, applications: [{ id: 6650f0c1a2b3c4d5e6f70b02, role: collaborate }] }',
        ...DEMO_OTHERS.slice(1),
      ],
      '{ minAdmins: 2, revokeUndeclaredInvites: false }',
    );
    const out = join(session.dir, 'phases-swapped.json');
    expect((await run(['plan', file, '--out', out])).code).toBe(0);
    const doc = JSON.parse(await readFile(out, 'utf8')) as SavedDoc;
    for (const op of doc.orgs[0]?.operations ?? []) {
      if (op.phase === 'promote') op.phase = 'demote';
      else if (op.phase === 'demote') op.phase = 'promote';
    }
    await writeFile(out, JSON.stringify(doc));

    const applied = await run(['apply', out, '--yes', '--concurrency', '1']);

    expect(applied.code).toBe(0);
    const changes = (await session.emulator.control.log())
      .filter((e) => e.action === 'org.modifyMember')
      .map((e) => (e.body as { userId?: string } | undefined)?.userId);
    // Linus (a03) is promoted first, then Grace (a02) demoted: never fewer than two admins.
    expect(changes).toEqual(['6650f0c1a2b3c4d5e6f70a03', '6650f0c1a2b3c4d5e6f70a02']);
  });

  it('a plan saved with --allow-changes applies with it, and an edited allowance is refused', async () => {
    await session.start();
    const text = await readFile('examples/small-team.yaml', 'utf8');
    const file = join(session.dir, 'max-changes.yaml');
    await writeFile(file, text.replace(/^policy:$/m, 'policy:\n  maxChanges: 1'));
    const out = join(session.dir, 'allow-changes.json');
    const edited = join(session.dir, 'allow-changes-edited.json');
    expect((await run(['plan', file, '--allow-changes', '2', '--out', out])).code).toBe(0);
    const doc = JSON.parse(await readFile(out, 'utf8')) as { allowChanges?: number };
    await writeFile(edited, JSON.stringify({ ...doc, allowChanges: 1 }));

    const refused = await run(['apply', edited, '--yes']);
    const applied = await run(['apply', out, '--yes']);

    expect(doc.allowChanges).toBe(2);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('guard maxChanges');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('The org now matches the file.');
  });

  it('after a saved plan is applied, the invites awaiting acceptance are counted right', async () => {
    await session.start();
    const out = join(session.dir, 'small-team-plan.json');
    expect((await run(['plan', 'examples/small-team.yaml', '--out', out])).code).toBe(0);

    const applied = await run(['apply', out, '--yes']);

    expect(applied.code).toBe(0);
    // Dennis was awaiting already; Barbara's invite was sent again and Hedy's is new.
    expect(applied.stdout).toContain('3 invites awaiting acceptance.');
  });
});

describe('apply plan.json reads the file like a configuration file', () => {
  it('a named pipe, a device and a 200 MB file each get a clear error and no API call', async () => {
    await session.start();
    const fifo = join(session.dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const huge = join(session.dir, 'huge.json');
    await writeFile(huge, '');
    await truncate(huge, 200 * 1024 * 1024);

    const fromFifo = await run(['apply', fifo, '--yes']);
    const fromDevice = await run(['apply', '/dev/zero.json', '--yes']);
    const fromZero = await run(['apply', '/dev/zero', '--yes']);
    const fromHuge = await run(['apply', huge, '--yes']);

    expect(fromFifo).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: cannot read the saved plan ${fifo}: it is a named pipe; a saved plan is a regular file made by losant-org plan --out\n`,
    });
    expect(fromDevice.code).toBe(1);
    expect(fromDevice.stderr).toBe(
      'error: cannot read the saved plan /dev/zero.json: no such file; check the path\n',
    );
    expect(fromZero.code).toBe(1);
    expect(fromHuge).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: cannot read the saved plan ${huge}: it is larger than the 128 MB limit for a saved plan; is this the right file?\n`,
    });
    expect(await calls()).toEqual([]);
  });
});
