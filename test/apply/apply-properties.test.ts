// Property: random files and live orgs under random faults converge within three applies, never breaking a guard.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import type { EmulatorSeed, Fault } from '../../src/emulator/server.js';
import type { SeedInvite, SeedMember } from '../../src/emulator/emulator-seed.js';
import type { LosantApi } from '../../src/losant/api.js';
import { emailKey, type Access, type OrgRole } from '../../src/model/access.js';
import type { DesiredMember, DesiredOrg } from '../../src/model/desired-org.js';
import { isRefused } from '../../src/plan/describe-operation.js';
import {
  NOW,
  expectOnlyPlannedWrites,
  fastApplyOptions,
  operationsOf,
  planLive,
  startApplyEnv,
  type ApplyEnv,
} from './apply-fixtures.js';

const ORG_ID = '6650f0c1a2b3c4d5e6f7aa01';
const ADA = { id: '6650f0c1a2b3c4d5e6f7ab00', email: 'ada@prop.example' };
const PEOPLE = [1, 2, 3, 4, 5].map((n) => ({
  id: `6650f0c1a2b3c4d5e6f7ab0${n}`,
  email: `user${n}@prop.example`,
}));
const APP = '6650f0c1a2b3c4d5e6f7ac01';
const DAY = 24 * 60 * 60 * 1000;
const ROLES: OrgRole[] = ['admin', 'edit', 'collaborate', 'view', 'none'];

interface PersonArb {
  live:
    | { kind: 'absent' }
    | { kind: 'member'; role: OrgRole; app: boolean }
    | { kind: 'invited'; role: OrgRole; expired: boolean[] };
  declared: { role: OrgRole; app: boolean } | null;
}

interface Scenario {
  people: PersonArb[];
  description: string | null;
  policy: { remove: boolean; revoke: boolean; resend: boolean; minAdmins: number };
  otherAdmin: boolean;
  faults: Fault[];
}

const role = fc.constantFrom(...ROLES);
const person: fc.Arbitrary<PersonArb> = fc.record({
  live: fc.oneof(
    fc.constant({ kind: 'absent' as const }),
    fc.record({ kind: fc.constant('member' as const), role, app: fc.boolean() }),
    fc.record({
      kind: fc.constant('invited' as const),
      role,
      expired: fc.array(fc.boolean(), { minLength: 1, maxLength: 2 }),
    }),
  ),
  declared: fc.option(fc.record({ role, app: fc.boolean() }), { nil: null }),
});

const WRITES = [
  'org.patch',
  'org.inviteMember',
  'org.modifyMember',
  'org.removeMember',
  'org.revokeInvite',
] as const;
const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({
    action: fc.constantFrom(...WRITES),
    kind: fc.constant('after-commit' as const),
    then: fc.constant('reset' as const),
    count: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({
    action: fc.constantFrom(...WRITES),
    kind: fc.constant('after-commit' as const),
    then: fc.constant('status' as const),
    status: fc.constantFrom(500 as const, 502 as const, 503 as const),
    count: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({
    action: fc.constantFrom(...WRITES, 'org.get' as const, 'org.pendingInvites' as const),
    kind: fc.constant('status' as const),
    status: fc.constantFrom(429 as const, 500 as const, 503 as const),
    retryAfter: fc.constant('0'),
    count: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({
    action: fc.constantFrom(...WRITES),
    kind: fc.constant('reset' as const),
    count: fc.integer({ min: 1, max: 2 }),
  }),
);

const scenario: fc.Arbitrary<Scenario> = fc.record({
  people: fc.array(person, { minLength: PEOPLE.length, maxLength: PEOPLE.length }),
  description: fc.option(fc.constantFrom('first', 'second'), { nil: null }),
  policy: fc.record({
    remove: fc.boolean(),
    revoke: fc.boolean(),
    resend: fc.boolean(),
    minAdmins: fc.integer({ min: 1, max: 2 }),
  }),
  otherAdmin: fc.boolean(),
  faults: fc.array(fault, { maxLength: 4 }),
});

function access(r: OrgRole, app: boolean): Access {
  return {
    role: r,
    applicationRoles: app ? [{ resourceId: APP, role: 'view' }] : [],
    dashboardRoles: [],
  };
}

function seedOf(s: Scenario): EmulatorSeed {
  const members: SeedMember[] = [{ userId: ADA.id, role: 'admin' }];
  const invites: SeedInvite[] = [];
  s.people.forEach((p, i) => {
    const who = PEOPLE[i] as (typeof PEOPLE)[number];
    if (p.live.kind === 'member') {
      const a = access(p.live.role, p.live.app);
      members.push({ userId: who.id, role: a.role, applicationRoles: a.applicationRoles });
    } else if (p.live.kind === 'invited') {
      const invitedRole = p.live.role;
      p.live.expired.forEach((expired, k) => {
        invites.push({
          id: `6650f0c1a2b3c4d5e6f7ad${i}${k}`,
          email: who.email,
          role: invitedRole,
          inviteDate: new Date(NOW - (expired ? 10 : 1) * DAY - k * 1000).toISOString(),
          ttl: 7 * DAY,
        });
      });
    }
  });
  if (s.otherAdmin) {
    members.push({ userId: '6650f0c1a2b3c4d5e6f7ab09', role: 'admin' });
  }
  return {
    users: [ADA, ...PEOPLE, { id: '6650f0c1a2b3c4d5e6f7ab09', email: 'other@prop.example' }],
    tokens: [{ token: 'prop-token-7c1e9a4b2f6d', userId: ADA.id, scopes: ['all.User'] }],
    orgs: [{ id: ORG_ID, name: 'Prop Org', description: 'first', members, invites }],
  };
}

function desiredOf(s: Scenario): DesiredOrg {
  const source = { file: 'prop.yaml', line: 1, col: 1 };
  const members: DesiredMember[] = [{ email: ADA.email, access: access('admin', false), source }];
  s.people.forEach((p, i) => {
    if (p.declared === null) return;
    const who = PEOPLE[i] as (typeof PEOPLE)[number];
    members.push({ email: who.email, access: access(p.declared.role, p.declared.app), source });
  });
  return {
    orgId: ORG_ID,
    file: 'prop.yaml',
    properties: s.description === null ? {} : { description: s.description },
    members,
    policy: {
      removeUndeclaredMembers: s.policy.remove,
      revokeUndeclaredInvites: s.policy.revoke,
      resendExpiredInvites: s.policy.resend,
      maxRemovals: 100,
      maxChanges: null,
      minAdmins: s.policy.minAdmins,
      unmanaged: [],
      expiryWarningDays: 14,
      allowedEmailDomains: [],
    },
  };
}

let env: ApplyEnv;

beforeAll(async () => {
  env = await startApplyEnv({
    state: seedOf({
      people: [],
      description: null,
      policy: { remove: false, revoke: false, resend: false, minAdmins: 1 },
      otherAdmin: false,
      faults: [],
    }),
  });
});

afterAll(async () => {
  await env.close();
});

/** The API with a look at the emulator after every write: the fewest admins the org ever had. */
function watchingAdmins(api: LosantApi, seen: { min: number; tokenUserAdmin: boolean }): LosantApi {
  const check = async (): Promise<void> => {
    const state = await env.emulator.control.state();
    const org = state.orgs.find((o) => o.id === ORG_ID);
    const admins = org?.members.filter((m) => m.role === 'admin') ?? [];
    seen.min = Math.min(seen.min, admins.length);
    if (!admins.some((m) => m.userId === ADA.id)) seen.tokenUserAdmin = false;
  };
  const watch =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } finally {
        await check();
      }
    };
  return {
    ...api,
    patch: watch(api.patch),
    inviteMember: watch(api.inviteMember),
    modifyMember: watch(api.modifyMember),
    removeMember: watch(api.removeMember),
    revokeInvite: watch(api.revokeInvite),
  };
}

function invitesPerEmail(seed: EmulatorSeed): Map<string, number> {
  const counts = new Map<string, number>();
  for (const invite of seed.orgs[0]?.invites ?? []) {
    const key = emailKey(invite.email);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('apply, property-based', () => {
  it('converges within three applies under random faults and never breaks a guard', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const seed = seedOf(s);
        await env.emulator.control.setState(seed);
        await env.emulator.control.clearFaults();
        const desired = [desiredOf(s)];
        const initialAdmins =
          1 +
          (s.otherAdmin ? 1 : 0) +
          s.people.filter((p) => p.live.kind === 'member' && p.live.role === 'admin').length;
        const seen = { min: initialAdmins, tokenUserAdmin: true };
        const api = watchingAdmins(env.client, seen);

        let applies = 0;
        for (;;) {
          const { plan } = await planLive(env, desired);
          if (isRefused(plan)) {
            // A refused plan is acceptable only before anything was written.
            expect(applies).toBe(0);
            return;
          }
          if (operationsOf(plan).length === 0) break;
          expect(applies).toBeLessThan(3);
          await env.emulator.control.clearLog();
          if (applies === 0) await env.emulator.control.addFaults(s.faults);
          await applyPlan(plan, api, fastApplyOptions(env));
          applies += 1;
          expectOnlyPlannedWrites(await env.emulator.control.log(), plan);
          await env.emulator.control.clearFaults();
        }

        expect(seen.tokenUserAdmin).toBe(true);
        expect(seen.min).toBeGreaterThanOrEqual(Math.min(s.policy.minAdmins, initialAdmins));
        const before = invitesPerEmail(seed);
        const after = invitesPerEmail(await env.emulator.control.state());
        for (const [email, n] of after) {
          expect(n).toBeLessThanOrEqual(Math.max(1, before.get(email) ?? 0));
        }
      }),
      { numRuns: 25 },
    );
  });
});
