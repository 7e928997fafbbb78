// `plan` and `apply` over a directory of several org files, as real processes against one emulator.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorSeed } from '../../src/emulator/emulator-seed.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { Plan } from '../../src/model/plan.js';
import { expectValidPlanDocument } from '../plan/plan-fixtures.js';
import { ROOT, runBuiltCli, type CliRun } from './run-built-cli.js';

const PRODUCTION = '60c1d2e3f4a5b6c7d8e9f001';
const STAGING = '60c1d2e3f4a5b6c7d8e9f002';
const SANDBOX = '60c1d2e3f4a5b6c7d8e9f003';
const INCIDENTS = '60c1d2e3f4a5b6c7d8e9fc01';
const DAY = 24 * 60 * 60 * 1000;

function user(n: number, name: string): { id: string; email: string } {
  return {
    id: `60c1d2e3f4a5b6c7d8e9a0${String(n).padStart(2, '0')}`,
    email: `${name}@initech.example`,
  };
}

const BILL = user(1, 'bill.lumbergh');
const JOANNA = user(2, 'joanna');
const PETER = user(3, 'peter.gibbons');
const SAMIR = user(4, 'samir');
const MICHAEL = user(5, 'michael.bolton');
const MILTON = user(6, 'milton');
const TOM = user(7, 'tom.smykowski');

/** The three orgs of examples/many-orgs/, each a few changes away from its file. */
function initechSeed(): EmulatorSeed {
  return {
    users: [BILL, JOANNA, PETER, SAMIR, MICHAEL, MILTON, TOM],
    orgs: [
      {
        id: PRODUCTION,
        name: 'Initech Production',
        mfaMode: 'required',
        members: [
          { userId: BILL.id, role: 'admin' },
          { userId: JOANNA.id, role: 'admin' },
          { userId: PETER.id, role: 'edit' },
          { userId: MICHAEL.id, role: 'view' },
          { userId: TOM.id, role: 'view' },
        ],
      },
      {
        id: STAGING,
        name: 'Initech Staging',
        mfaMode: 'adminRequired',
        members: [
          { userId: BILL.id, role: 'admin' },
          { userId: PETER.id, role: 'edit' },
          { userId: SAMIR.id, role: 'edit' },
          { userId: MICHAEL.id, role: 'view' },
          { userId: MILTON.id, role: 'view' },
        ],
        invites: [
          {
            id: '60c1d2e3f4a5b6c7d8e9d002',
            email: 'lawrence@initech.example',
            role: 'view',
            inviteDate: new Date(Date.now() - DAY).toISOString(),
          },
        ],
      },
      {
        id: SANDBOX,
        name: 'Initech Sandbox',
        description: 'Try anything.',
        members: [{ userId: BILL.id, role: 'admin' }],
      },
    ],
  };
}

let emulator: RunningEmulator | undefined;

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

async function writesByOrg(): Promise<string[]> {
  const log = (await emulator?.control.log()) ?? [];
  return log
    .filter((e) => e.method !== 'GET')
    .map((e) => `${e.path.split('/')[2] ?? ''} ${e.action ?? e.path}`)
    .sort();
}

const MANY_ORGS_PLAN = [
  `Initech Production (${PRODUCTION}) from examples/many-orgs/production.yaml`,
  '  members 5, 0 invites pending',
  '  + invite samir@initech.example as edit: not a member yet',
  `      dashboard ${INCIDENTS}: collaborate`,
  '  ~ change peter.gibbons@initech.example: dashboard roles: 1 added',
  `      + dashboard ${INCIDENTS}: collaborate`,
  '  - remove tom.smykowski@initech.example (view): not in the file',
  '  1 to invite, 1 to change, 1 to remove.',
  '',
  `Initech Sandbox (${SANDBOX}) from examples/many-orgs/sandbox.yaml`,
  '  members 1, 0 invites pending',
  '  ~ update org properties',
  '      description: "Try anything." -> "Try anything here; it is wiped every quarter."',
  '  0 to invite, 1 to change, 0 to remove.',
  '',
  `Initech Staging (${STAGING}) from examples/many-orgs/staging.yaml`,
  '  members 5, 1 invite pending',
  '  ~ change michael.bolton@initech.example: role view -> edit',
  '  - revoke invite 60c1d2e3f4a5b6c7d8e9d002 of lawrence@initech.example (view): not in the file',
  '  0 to invite, 1 to change, 1 to remove.',
  '',
  'Plan: 1 to invite, 3 to change, 2 to remove.',
  '',
].join('\n');

describe('losant-org plan and apply over a directory of orgs (built CLI)', () => {
  it('plans every org of the directory, each read once, with its own counts', async () => {
    emulator = await startEmulator({ state: initechSeed() });

    const text = await run(['plan', 'examples/many-orgs/', '--detailed-exitcode']);
    const reads = ((await emulator.control.log()) ?? []).map((e) => e.action).sort();
    const json = await run(['plan', 'examples/many-orgs/', '--format', 'json']);

    expect(text).toEqual({ code: 2, stdout: MANY_ORGS_PLAN, stderr: '' });
    // The token's user once, then each org and its pending invites once.
    expect(reads).toEqual([
      'me.get',
      'org.get',
      'org.get',
      'org.get',
      'org.pendingInvites',
      'org.pendingInvites',
      'org.pendingInvites',
    ]);
    const plan = JSON.parse(json.stdout) as Plan;
    expectValidPlanDocument(plan);
    expect(plan.orgs.map((o) => [o.orgId, o.counts])).toEqual([
      [PRODUCTION, { additions: 1, changes: 1, removals: 1 }],
      [SANDBOX, { additions: 0, changes: 1, removals: 0 }],
      [STAGING, { additions: 0, changes: 1, removals: 1 }],
    ]);
    expect(await writesByOrg()).toEqual([]);
  });

  it('applies every org, then plans them all empty', async () => {
    emulator = await startEmulator({ state: initechSeed() });

    const applied = await run(['apply', 'examples/many-orgs/', '--yes']);
    const writes = await writesByOrg();
    const again = await run(['plan', 'examples/many-orgs/', '--detailed-exitcode']);

    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(
      'Apply: 6 done, 0 failed, 0 skipped.\nEvery org now matches its file.\n',
    );
    expect(writes).toEqual([
      `${PRODUCTION} org.inviteMember`,
      `${PRODUCTION} org.modifyMember`,
      `${PRODUCTION} org.removeMember`,
      `${STAGING} org.modifyMember`,
      `${STAGING} org.revokeInvite`,
      `${SANDBOX} org.patch`,
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout.endsWith('No changes. Every org matches its file.\n')).toBe(true);
  });

  it('one refused org stops the whole run: nothing is written in any org', async () => {
    emulator = await startEmulator({ state: initechSeed() });
    const dir = await mkdtemp(join(tmpdir(), 'losant-org-many-'));
    try {
      await copyFile(
        join(ROOT, 'examples/many-orgs/production.yaml'),
        join(dir, 'production.yaml'),
      );
      // Staging loses its only admin.
      const staging = await readFile(join(ROOT, 'examples/many-orgs/staging.yaml'), 'utf8');
      await writeFile(
        join(dir, 'staging.yaml'),
        staging.replace(
          '{ email: bill.lumbergh@initech.example, role: admin }',
          '{ email: bill.lumbergh@initech.example, role: edit }',
        ),
      );

      const applied = await run(['apply', dir, '--yes']);

      expect(applied.code).toBe(1);
      expect(applied.stderr).toContain(
        `  org ${STAGING} (${join(dir, 'staging.yaml')}): guard minAdmins: demoting bill.lumbergh@initech.example (admin -> edit) would leave 0 admins, fewer than policy.minAdmins (1)`,
      );
      expect(applied.stderr).toContain(
        `  org ${STAGING} (${join(dir, 'staging.yaml')}): guard tokenUser: the plan demotes bill.lumbergh@initech.example (admin -> edit), the user this API token belongs to`,
      );
      expect(await writesByOrg()).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
