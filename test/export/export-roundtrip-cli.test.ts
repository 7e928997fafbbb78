// Export keeps every field the file can declare, end to end through the built CLI against the emulator:
// a random live org, exported, plans empty; its expired invites, re-sent from the exported file with
// resendExpiredInvites: true, come back with the same role, resource roles and disallowTransfer.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type {
  EmulatorSeed,
  SeedInvite,
  SeedMember,
  SeedOrg,
} from '../../src/emulator/emulator-seed.js';
import { startEmulator } from '../../src/emulator/server.js';
import {
  emailKey,
  normalizeAccess,
  type OrgRole,
  type ResourceRole,
  type ResourceRoleGrant,
} from '../../src/model/access.js';
import type { MfaMode } from '../../src/model/desired-org.js';
import { runBuiltCli, type CliRun } from '../cli/run-built-cli.js';

const ORG_ID = '6650f0c1a2b3c4d5e6f7ee01';
const ADA = { id: '6650f0c1a2b3c4d5e6f7ef00', email: 'ada@export.example' };
const APPS = ['6650f0c1a2b3c4d5e6f7ea01', '6650f0c1a2b3c4d5e6f7ea02'];
const DASHES = ['6650f0c1a2b3c4d5e6f7ed01', '6650f0c1a2b3c4d5e6f7ed02'];
const DAY = 24 * 60 * 60 * 1000;
const ORG_ROLES: OrgRole[] = ['admin', 'edit', 'collaborate', 'view', 'none'];
const RESOURCE_ROLES: ResourceRole[] = ['collaborate', 'view', 'none'];

interface Person {
  role: OrgRole;
  apps: (ResourceRole | null)[];
  dashes: (ResourceRole | null)[];
}
interface Invitee extends Person {
  expired: boolean;
  disallowTransfer: boolean | null;
}
interface RandomOrg {
  name: string;
  description: string | null;
  iconColor: string | null;
  mfaMode: MfaMode | null;
  billingEmail: string | null;
  members: Person[];
  invitees: Invitee[];
}

/** Text that YAML would misread if written bare, and plain text. */
const text = fc.oneof(
  fc.constantFrom(
    'yes',
    'null',
    '~',
    '#hash',
    'a: b',
    "it's",
    '"quoted"',
    '  padded  ',
    'Ünïcödé ✓',
    '0x1F',
    '- dash',
  ),
  fc.string({
    minLength: 1,
    maxLength: 30,
    unit: fc.constantFrom(...'abcXYZ 09:#-_\'"{}[],&*!|>%@`'.split('')),
  }),
);
const grants = fc.array(fc.option(fc.constantFrom(...RESOURCE_ROLES), { nil: null }), {
  minLength: 2,
  maxLength: 2,
});
const person = fc.record({ role: fc.constantFrom(...ORG_ROLES), apps: grants, dashes: grants });
const randomOrg: fc.Arbitrary<RandomOrg> = fc.record({
  name: text.filter((t) => t.trim() !== ''),
  description: fc.option(fc.oneof(text, fc.constant('')), { nil: null }),
  iconColor: fc.option(fc.constantFrom('#2d7ff9', 'red', '#000'), { nil: null }),
  mfaMode: fc.option(fc.constantFrom<MfaMode>('notRequired', 'adminRequired', 'required'), {
    nil: null,
  }),
  billingEmail: fc.option(fc.constantFrom('billing@export.example', 'Money@Export.Example'), {
    nil: null,
  }),
  members: fc.array(person, { maxLength: 4 }),
  invitees: fc.array(
    fc.record({
      role: fc.constantFrom(...ORG_ROLES),
      apps: grants,
      dashes: grants,
      expired: fc.boolean(),
      disallowTransfer: fc.option(fc.boolean(), { nil: null }),
    }),
    { maxLength: 4 },
  ),
});

function toGrants(
  ids: readonly string[],
  roles: readonly (ResourceRole | null)[],
): ResourceRoleGrant[] {
  return roles.flatMap((role, i) => (role === null ? [] : [{ resourceId: ids[i] ?? '', role }]));
}

function seedOf(o: RandomOrg, now: number): EmulatorSeed {
  const users = [
    ADA,
    ...o.members.map((_, i) => ({
      id: `6650f0c1a2b3c4d5e6f7ef${String(i + 1).padStart(2, '0')}`,
      email: `member${i + 1}@export.example`,
    })),
  ];
  const members: SeedMember[] = [
    { userId: ADA.id, role: 'admin' },
    ...o.members.map((m, i) => ({
      userId: users[i + 1]?.id ?? '',
      role: m.role,
      applicationRoles: toGrants(APPS, m.apps),
      dashboardRoles: toGrants(DASHES, m.dashes),
    })),
  ];
  const invites: SeedInvite[] = o.invitees.map((inv, i) => {
    const invite: SeedInvite = {
      id: `6650f0c1a2b3c4d5e6f7ec${String(i + 1).padStart(2, '0')}`,
      email: `Invitee${i + 1}@Export.example`,
      role: inv.role,
      applicationRoles: toGrants(APPS, inv.apps),
      dashboardRoles: toGrants(DASHES, inv.dashes),
      inviteDate: new Date(now - (inv.expired ? 10 : 1) * DAY - i * 1000).toISOString(),
    };
    if (inv.disallowTransfer !== null) invite.disallowTransfer = inv.disallowTransfer;
    return invite;
  });
  const org: SeedOrg = { id: ORG_ID, name: o.name, members, invites };
  if (o.description !== null) org.description = o.description;
  if (o.iconColor !== null) org.iconColor = o.iconColor;
  if (o.mfaMode !== null) org.mfaMode = o.mfaMode;
  if (o.billingEmail !== null) org.billingEmail = o.billingEmail;
  return { users, orgs: [org] };
}

/** What a re-sent invite must keep. */
function inviteFields(i: SeedInvite): unknown {
  return {
    email: emailKey(i.email),
    ...normalizeAccess({
      role: i.role,
      applicationRoles: i.applicationRoles ?? [],
      dashboardRoles: i.dashboardRoles ?? [],
    }),
    disallowTransfer: i.disallowTransfer ?? false,
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losant-org-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('export keeps every field (built CLI, random live orgs)', () => {
  it('exported, plans empty; expired invites re-sent from the file come back with the same fields', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(randomOrg, async (random) => {
        run += 1;
        const seed = seedOf(random, Date.now());
        const emulator = await startEmulator({ state: seed });
        const cli = (args: string[]): Promise<CliRun> =>
          runBuiltCli(args, { LOSANT_API_URL: emulator.url, LOSANT_API_TOKEN: emulator.token });
        try {
          const file = join(dir, `org-${run}.yaml`);
          const exported = await cli(['export', '--org', ORG_ID, '--out', file]);
          expect(exported.code, exported.stderr).toBe(0);
          const yaml = await readFile(file, 'utf8');

          // Every declarable org property is in the file, as it is live.
          const config = parse(yaml) as {
            org: Record<string, string>;
            members: { email: string; disallowTransfer?: boolean }[];
          };
          const org = seed.orgs[0] as SeedOrg;
          expect(config.org['name']).toBe(org.name);
          expect(config.org['description']).toBe(org.description);
          expect(config.org['iconColor']).toBe(org.iconColor);
          expect(config.org['mfaMode']).toBe(org.mfaMode ?? 'notRequired');
          expect(config.org['billingEmail']).toBe(org.billingEmail);
          // disallowTransfer of every invite (pending or expired) is declared.
          for (const invite of org.invites ?? []) {
            const declared = config.members.find(
              (m) => emailKey(m.email) === emailKey(invite.email),
            );
            expect(declared?.disallowTransfer ?? false).toBe(invite.disallowTransfer ?? false);
          }

          const planned = await cli(['plan', file, '--detailed-exitcode']);
          expect(planned.code, planned.stdout + planned.stderr).toBe(0);

          const expired = (org.invites ?? []).filter(
            (i) => random.invitees[Number(i.id.slice(-2)) - 1]?.expired,
          );
          if (expired.length === 0) return;
          await writeFile(
            file,
            yaml.replace('resendExpiredInvites: false', 'resendExpiredInvites: true'),
          );
          const applied = await cli(['apply', file, '--yes']);
          expect(applied.code, applied.stdout + applied.stderr).toBe(0);
          const after = (await emulator.control.state()).orgs[0]?.invites ?? [];
          expect(after.map(inviteFields).sort(byEmail)).toEqual(
            (org.invites ?? []).map(inviteFields).sort(byEmail),
          );
          expect(after.filter((i) => expired.some((e) => e.id === i.id))).toEqual([]);
        } finally {
          await emulator.close();
        }
      }),
      { seed: 20261205, numRuns: 6 },
    );
  }, 240_000);
});

function byEmail(a: unknown, b: unknown): number {
  const x = (a as { email: string }).email;
  const y = (b as { email: string }).email;
  return x < y ? -1 : x > y ? 1 : 0;
}
