// Property: for random live orgs and files, a real apply against the emulator leaves exactly the
// end state the file asks for, computed here straight from the file and the live org (the oracle
// below never calls the planner or apply-in-memory); and a plan is refused exactly when the file's
// change breaks a policy limit, so a plan within policy is accepted.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import type { EmulatorSeed, SeedInvite, SeedMember } from '../../src/emulator/emulator-seed.js';
import type { OrgRole, ResourceRole, ResourceRoleGrant } from '../../src/model/access.js';
import type { DesiredMember, DesiredOrg, Policy } from '../../src/model/desired-org.js';
import { fastApplyOptions, NOW, planLive, startApplyEnv, type ApplyEnv } from './apply-fixtures.js';

const ORG_ID = '6650f0c1a2b3c4d5e6f7ee01';
const TOKEN = 'oracle-token-3b8e1f0a9c7d';
const DAY = 24 * 60 * 60 * 1000;
const TTL = 7 * DAY;
const ROLES: OrgRole[] = ['admin', 'edit', 'collaborate', 'view', 'none'];
const RANK: Record<OrgRole, number> = { admin: 4, edit: 3, collaborate: 2, view: 1, none: 0 };
const APPS = ['6650f0c1a2b3c4d5e6f7ea01', '6650f0c1a2b3c4d5e6f7ea02'];
const DASHBOARD = '6650f0c1a2b3c4d5e6f7eb01';

/** The token's user, always an admin member: the guards protect her. */
const ADA = { id: '6650f0c1a2b3c4d5e6f7ec00', email: 'ada@oracle.example' };
/** The people a scenario places; eve and fay can be covered by the unmanaged patterns. */
const PEOPLE = ['bob', 'cy', 'dee', 'eve', 'fay', 'gil'].map((name, i) => ({
  id: `6650f0c1a2b3c4d5e6f7ec0${i + 1}`,
  email: name === 'eve' ? 'eve@vendor.example' : `${name}@oracle.example`,
}));
/** Written as people write them: with capitals, which must still match. */
const UNMANAGED_PATTERNS = ['*@Vendor.Example', 'FAY@oracle.example'];

interface AccessSpec {
  role: OrgRole;
  apps: [number, ResourceRole][];
  dashboard: ResourceRole | null;
}

interface InviteSpec {
  access: AccessSpec;
  daysAgo: number;
  disallowTransfer: boolean;
}

interface PersonSpec {
  member: AccessSpec | null;
  invites: InviteSpec[];
  declared: { access: AccessSpec; disallowTransfer: boolean | undefined; upper: boolean[] } | null;
}

interface Scenario {
  people: PersonSpec[];
  /** Ada's own line in the file: absent, or her declared role. */
  ada: OrgRole | null;
  otherAdmin: boolean;
  membersManaged: boolean;
  policy: Policy;
  description: string | undefined;
  allowRemovals: number | undefined;
}

const resourceRole = fc.constantFrom<ResourceRole>('collaborate', 'view', 'none');
const accessArb: fc.Arbitrary<AccessSpec> = fc.record({
  role: fc.constantFrom(...ROLES),
  apps: fc.uniqueArray(fc.tuple(fc.constantFrom(0, 1), resourceRole), {
    selector: ([i]) => i,
    maxLength: 2,
  }),
  dashboard: fc.option(resourceRole, { nil: null }),
});

const personArb: fc.Arbitrary<PersonSpec> = fc.record({
  member: fc.option(accessArb, { nil: null, freq: 2 }),
  invites: fc.array(
    fc.record({
      access: accessArb,
      daysAgo: fc.integer({ min: 0, max: 14 }),
      disallowTransfer: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  declared: fc.option(
    fc.record({
      access: accessArb,
      disallowTransfer: fc.option(fc.boolean(), { nil: undefined }),
      upper: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
    }),
    { nil: null, freq: 3 },
  ),
});

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  people: fc.array(personArb, { minLength: PEOPLE.length, maxLength: PEOPLE.length }),
  // Mostly kept as admin: a file that demotes or drops the token's user is refused, which says
  // nothing about the end state.
  ada: fc.oneof(
    { arbitrary: fc.constant<OrgRole | null>('admin'), weight: 6 },
    { arbitrary: fc.constantFrom<OrgRole | null>(...ROLES, null), weight: 1 },
  ),
  otherAdmin: fc.boolean(),
  membersManaged: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
  policy: fc.record({
    removeUndeclaredMembers: fc.boolean(),
    revokeUndeclaredInvites: fc.boolean(),
    resendExpiredInvites: fc.boolean(),
    maxRemovals: fc.integer({ min: 0, max: 8 }),
    minAdmins: fc.integer({ min: 0, max: 2 }),
    unmanaged: fc.subarray(UNMANAGED_PATTERNS),
    maxChanges: fc.constant(null),
    expiryWarningDays: fc.constant(14),
    allowedEmailDomains: fc.constant([]),
  }),
  description: fc.option(fc.constantFrom('first', 'second'), { nil: undefined }),
  allowRemovals: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
});

function grants(spec: AccessSpec): { apps: ResourceRoleGrant[]; dashboards: ResourceRoleGrant[] } {
  return {
    apps: spec.apps.map(([i, role]) => ({ resourceId: APPS[i] as string, role })),
    dashboards: spec.dashboard === null ? [] : [{ resourceId: DASHBOARD, role: spec.dashboard }],
  };
}

function withCapitals(email: string, upper: boolean[]): string {
  return [...email].map((ch, i) => (upper[i] === true ? ch.toUpperCase() : ch)).join('');
}

/** Distinct dates, so that "the newest invite" is never a tie. */
function inviteDate(personIndex: number, k: number, daysAgo: number): string {
  return new Date(NOW - daysAgo * DAY - (personIndex * 10 + k + 1) * 1000).toISOString();
}

function inviteId(personIndex: number, k: number): string {
  return `6650f0c1a2b3c4d5e6f7ed${personIndex}${k}`;
}

function seedOf(s: Scenario): EmulatorSeed {
  const members: SeedMember[] = [{ userId: ADA.id, role: 'admin' }];
  const invites: SeedInvite[] = [];
  s.people.forEach((p, i) => {
    const who = PEOPLE[i] as (typeof PEOPLE)[number];
    if (p.member !== null) {
      const g = grants(p.member);
      members.push({
        userId: who.id,
        role: p.member.role,
        applicationRoles: g.apps,
        dashboardRoles: g.dashboards,
      });
    }
    p.invites.forEach((inv, k) => {
      const g = grants(inv.access);
      invites.push({
        id: inviteId(i, k),
        email: who.email,
        role: inv.access.role,
        applicationRoles: g.apps,
        dashboardRoles: g.dashboards,
        inviteDate: inviteDate(i, k, inv.daysAgo),
        ttl: TTL,
        disallowTransfer: inv.disallowTransfer,
      });
    });
  });
  const other = { id: '6650f0c1a2b3c4d5e6f7ec09', email: 'other@oracle.example' };
  if (s.otherAdmin) members.push({ userId: other.id, role: 'admin' });
  return {
    users: [ADA, ...PEOPLE, other],
    tokens: [{ token: TOKEN, userId: ADA.id, scopes: ['all.User'] }],
    orgs: [{ id: ORG_ID, name: 'Oracle Org', description: 'first', members, invites }],
  };
}

function desiredOf(s: Scenario): DesiredOrg {
  const source = { file: 'oracle.yaml', line: 1, col: 1 };
  const members: DesiredMember[] = [];
  if (s.ada !== null) {
    members.push({
      email: ADA.email,
      access: { role: s.ada, applicationRoles: [], dashboardRoles: [] },
      source,
    });
  }
  s.people.forEach((p, i) => {
    if (p.declared === null) return;
    const who = PEOPLE[i] as (typeof PEOPLE)[number];
    const g = grants(p.declared.access);
    const d: DesiredMember = {
      email: withCapitals(who.email, p.declared.upper),
      access: {
        role: p.declared.access.role,
        applicationRoles: g.apps,
        dashboardRoles: g.dashboards,
      },
      source,
    };
    if (p.declared.disallowTransfer !== undefined) d.disallowTransfer = p.declared.disallowTransfer;
    members.push(d);
  });
  return {
    orgId: ORG_ID,
    file: 'oracle.yaml',
    properties: s.description === undefined ? {} : { description: s.description },
    members: s.membersManaged ? members : undefined,
    policy: s.policy,
  };
}

// ---- The oracle: what the docs say the org must look like after apply, from the file alone ----

/** docs/configuration.md: `*` matches any run of characters, case-insensitive, nothing else special. */
function matchesPattern(email: string, pattern: string): boolean {
  const e = email.toLowerCase();
  const parts = pattern.toLowerCase().split('*');
  if (parts.length === 1) return e === parts[0];
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!e.startsWith(first) || !e.endsWith(last) || e.length < first.length + last.length) {
    return false;
  }
  let at = first.length;
  for (const middle of parts.slice(1, -1)) {
    const found = e.indexOf(middle, at);
    if (found < 0 || found + middle.length > e.length - last.length) return false;
    at = found + middle.length;
  }
  return true;
}

/** Access as one comparable text: role, then each resource role sorted by (lower-cased) id. */
function accessText(
  role: OrgRole,
  apps: readonly ResourceRoleGrant[] = [],
  dashboards: readonly ResourceRoleGrant[] = [],
): string {
  const side = (gs: readonly ResourceRoleGrant[]): string =>
    gs
      .map((g) => `${g.resourceId.toLowerCase()}=${g.role}`)
      .sort()
      .join(',');
  return `${role} apps[${side(apps)}] dashboards[${side(dashboards)}]`;
}

function specText(spec: AccessSpec): string {
  const g = grants(spec);
  return accessText(spec.role, g.apps, g.dashboards);
}

interface EndState {
  description: string;
  /** email -> access text */
  members: Map<string, string>;
  /** One line per invite: `email access transfer=<b> <orig id|new>`, sorted. */
  invites: string[];
}

interface Expected {
  accepted: boolean;
  why: string[];
  end: EndState;
}

function expectedOf(s: Scenario): Expected {
  const { policy } = s;
  const unmanaged = (email: string): boolean =>
    policy.unmanaged.some((p) => matchesPattern(email, p));
  const members = new Map<string, string>([[ADA.email, accessText('admin')]]);
  if (s.otherAdmin) members.set('other@oracle.example', accessText('admin'));
  const invites: string[] = [];
  let removals = 0;
  let adminLost = false;
  let adaLowered = false;
  const size =
    1 +
    (s.otherAdmin ? 1 : 0) +
    s.people.filter((p) => p.member !== null).length +
    s.people.reduce((n, p) => n + p.invites.length, 0);
  const keepInvite = (email: string, i: number, k: number, inv: InviteSpec): void => {
    invites.push(
      `${email} ${specText(inv.access)} transfer=${inv.disallowTransfer} ${inviteId(i, k)}`,
    );
  };

  if (s.membersManaged) {
    // Ada, the token's own user, is an admin; the other admin is never declared.
    if (s.ada !== null) {
      members.set(ADA.email, accessText(s.ada));
      if (RANK[s.ada] < RANK.admin) {
        adaLowered = true;
        adminLost = true;
      }
    } else if (policy.removeUndeclaredMembers) {
      members.delete(ADA.email);
      removals += 1;
      adaLowered = true;
      adminLost = true;
    }
    if (s.otherAdmin && policy.removeUndeclaredMembers) {
      members.delete('other@oracle.example');
      removals += 1;
      adminLost = true;
    }
  }

  s.people.forEach((p, i) => {
    const email = (PEOPLE[i] as (typeof PEOPLE)[number]).email;
    const untouched = !s.membersManaged || unmanaged(email);
    if (p.member !== null) {
      if (untouched || (p.declared === null && !policy.removeUndeclaredMembers)) {
        members.set(email, specText(p.member));
      } else if (p.declared !== null) {
        members.set(email, specText(p.declared.access));
        if (p.member.role === 'admin' && p.declared.access.role !== 'admin') adminLost = true;
      } else {
        removals += 1;
        if (p.member.role === 'admin') adminLost = true;
      }
    }
    if (untouched) {
      p.invites.forEach((inv, k) => keepInvite(email, i, k, inv));
      return;
    }
    if (p.declared === null) {
      // Undeclared: its invites are kept unless revokeUndeclaredInvites (each revoke is a removal).
      if (policy.revokeUndeclaredInvites) removals += p.invites.length;
      else p.invites.forEach((inv, k) => keepInvite(email, i, k, inv));
      return;
    }
    // Declared and a member: every invite of theirs is a duplicate and goes.
    if (p.member !== null) return;
    // Declared, not a member: exactly one invite with the declared access remains.
    const want = specText(p.declared.access);
    const wantTransfer = p.declared.disallowTransfer;
    const expired = (inv: InviteSpec): boolean => inv.daysAgo * DAY >= TTL;
    const indexed = p.invites.map((inv, k) => ({ inv, k }));
    // Newest first: a smaller daysAgo, then the earlier k (dates are distinct, see inviteDate).
    const newestFirst = [...indexed].sort((a, b) => a.inv.daysAgo - b.inv.daysAgo || a.k - b.k);
    const fits = newestFirst.find(
      ({ inv }) =>
        !expired(inv) &&
        specText(inv.access) === want &&
        (wantTransfer === undefined || inv.disallowTransfer === wantTransfer),
    );
    if (fits !== undefined) {
      keepInvite(email, i, fits.k, fits.inv);
      return;
    }
    const newest = newestFirst[0];
    if (
      newest !== undefined &&
      newestFirst.every(({ inv }) => expired(inv)) &&
      !policy.resendExpiredInvites
    ) {
      keepInvite(email, i, newest.k, newest.inv);
      return;
    }
    invites.push(`${email} ${want} transfer=${wantTransfer ?? false} new`);
  });

  const admins = [...members.values()].filter((a) => a.startsWith('admin ')).length;
  const why: string[] = [];
  const limitsOk = removals <= policy.maxRemovals && (size < 10 || removals * 4 <= size);
  if (!limitsOk && !(s.allowRemovals !== undefined && s.allowRemovals >= removals)) {
    why.push(`maxRemovals: ${removals} removals of ${size}`);
  }
  if (adminLost && admins < policy.minAdmins) why.push(`minAdmins: ${admins} left`);
  if (adaLowered) why.push('tokenUser');
  return {
    accepted: why.length === 0,
    why,
    end: {
      description: s.description ?? 'first',
      members,
      invites: invites.sort(),
    },
  };
}

/** The emulator's state in the oracle's terms. */
function endStateOf(state: EmulatorSeed, seed: EmulatorSeed): EndState {
  const org = state.orgs.find((o) => o.id === ORG_ID);
  if (org === undefined) throw new Error('the org is gone');
  const emailOf = new Map(state.users.map((u) => [u.id, u.email]));
  const seeded = new Set((seed.orgs[0]?.invites ?? []).map((i) => i.id));
  return {
    description: org.description ?? '',
    members: new Map(
      org.members.map((m) => [
        emailOf.get(m.userId) ?? m.userId,
        accessText(m.role, m.applicationRoles, m.dashboardRoles),
      ]),
    ),
    invites: (org.invites ?? [])
      .map(
        (i) =>
          `${i.email.toLowerCase()} ${accessText(i.role, i.applicationRoles, i.dashboardRoles)} transfer=${i.disallowTransfer ?? false} ${seeded.has(i.id) ? i.id : 'new'}`,
      )
      .sort(),
  };
}

let env: ApplyEnv;

beforeAll(async () => {
  env = await startApplyEnv({ state: seedOf(fc.sample(scenarioArb, 1)[0] as Scenario) });
});

afterAll(async () => {
  await env.close();
});

describe('planner and apply against an independent oracle', () => {
  it('refuses exactly the changes that break a policy limit; applies the rest to exactly the end state of the file', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const seed = seedOf(s);
        await env.emulator.control.setState(seed);
        const desired = desiredOf(s);
        const expected = expectedOf(s);

        const { plan } = await planOrgsFor(desired, s.allowRemovals);
        const refusals = plan.orgs.flatMap((o) => o.refusals.map((r) => r.guard));

        expect(
          refusals.length === 0,
          `guards ${JSON.stringify(refusals)}; the oracle says ${JSON.stringify(expected.why)}`,
        ).toBe(expected.accepted);
        if (!expected.accepted) return;
        const report = await applyPlan(plan, env.client, fastApplyOptions(env));
        expect(report.ok).toBe(true);
        const end = endStateOf(await env.emulator.control.state(), seed);
        expect(end.description).toBe(expected.end.description);
        expect(Object.fromEntries(end.members)).toEqual(Object.fromEntries(expected.end.members));
        expect(end.invites).toEqual(expected.end.invites);
      }),
      { numRuns: 100 },
    );
  });
});

async function planOrgsFor(desired: DesiredOrg, allowRemovals: number | undefined) {
  if (allowRemovals === undefined) return planLive(env, [desired]);
  const { planOrgs } = await import('../../src/core/plan-orgs.js');
  return planOrgs([desired], { api: env.client, now: NOW, allowRemovals });
}
