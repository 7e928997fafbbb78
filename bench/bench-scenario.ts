// A deterministic benchmark scenario: an org of N members (the emulator seed) and a desired org C changes away.
import type { Access, OrgRole } from '../src/model/access.js';
import { DEFAULT_POLICY, type DesiredMember, type DesiredOrg } from '../src/model/desired-org.js';
import type { LiveOrg } from '../src/model/live-org.js';
import type { Phase } from '../src/model/plan.js';
import type { EmulatorSeed, SeedInvite, SeedMember } from '../src/emulator/emulator-seed.js';

export const BENCH_ORG_ID = 'c0ffee000000000000000001';
export const BENCH_FILE = 'bench/generated/org.yaml';
const DAY_MS = 24 * 60 * 60 * 1000;

/** One change as a hand-written script thinks of it: by email, without knowing ids in advance. */
export type IntendedChange =
  | { kind: 'patch'; properties: { description: string } }
  | { kind: 'invite'; email: string; access: Access }
  | { kind: 'setAccess'; email: string; access: Access }
  | { kind: 'revokeInvite'; email: string }
  | { kind: 'removeMember'; email: string };

export interface Scenario {
  members: number;
  changes: number;
  seed: EmulatorSeed;
  desired: DesiredOrg;
  /** In the order a careful script makes them (invites first, removals last). */
  intended: IntendedChange[];
  /** How many operations of each phase the plan must contain. */
  phases: Partial<Record<Phase, number>>;
}

/** Share of the changes (after the one org patch) that each kind takes. */
const WEIGHTS: [Exclude<Phase, 'patch'>, number][] = [
  ['invite', 0.4],
  ['promote', 0.1],
  ['modify', 0.15],
  ['demote', 0.1],
  ['revoke', 0.1],
  ['remove', 0.15],
];

function hexId(prefix: string, n: number): string {
  return prefix + n.toString(16).padStart(24 - prefix.length, '0');
}

export function userId(i: number): string {
  return hexId('b', i);
}

function appId(n: number): string {
  return hexId('e', n);
}

function dashboardId(n: number): string {
  return hexId('f', n);
}

function memberEmail(i: number): string {
  return `user${i}@bench.example.com`;
}

/** Role mix of a real org: a few admins, the rest spread over edit, collaborate and view. */
function memberRole(i: number): OrgRole {
  if (i === 0 || i % 50 === 0) return 'admin';
  return (['edit', 'collaborate', 'view'] as const)[i % 3] as OrgRole;
}

function memberAccess(i: number): Access {
  const applicationRoles =
    i % 4 === 0 ? [{ resourceId: appId(i % 7), role: 'collaborate' as const }] : [];
  return { role: memberRole(i), applicationRoles, dashboardRoles: [] };
}

/** Largest-remainder split of `total` by WEIGHTS. */
function split(total: number): Map<Exclude<Phase, 'patch'>, number> {
  const raw = WEIGHTS.map(([phase, w]) => ({ phase, exact: total * w }));
  const counts = new Map(raw.map((r) => [r.phase, Math.floor(r.exact)]));
  let left = total - [...counts.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...raw].sort(
    (a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)),
  );
  for (const r of byRemainder) {
    if (left === 0) break;
    counts.set(r.phase, (counts.get(r.phase) ?? 0) + 1);
    left -= 1;
  }
  return counts;
}

function desiredMember(email: string, access: Access): DesiredMember {
  return { email, access, source: { file: BENCH_FILE, line: 1, col: 1 } };
}

/** Takes `n` indexes of `pool` not yet used, spread over the whole pool. */
function take(pool: number[], used: Set<number>, n: number): number[] {
  const free = pool.filter((i) => !used.has(i));
  if (free.length < n) throw new Error(`bench scenario: needs ${n} members, only ${free.length}`);
  const stride = free.length / Math.max(n, 1);
  const picked: number[] = [];
  for (let k = 0; k < n; k += 1) picked.push(free[Math.floor(k * stride)] as number);
  for (const i of picked) used.add(i);
  return picked;
}

export function buildScenario(members: number, changes: number, now: number): Scenario {
  const counts = split(changes - 1);
  const revokes = counts.get('revoke') ?? 0;
  const pendingCount = revokes + Math.ceil(members / 20);
  const users = [];
  const seedMembers: SeedMember[] = [];
  for (let i = 0; i < members; i += 1) {
    users.push({ id: userId(i), email: memberEmail(i), firstName: 'User', lastName: String(i) });
    const access = memberAccess(i);
    const m: SeedMember = { userId: userId(i), role: access.role };
    if (access.applicationRoles.length > 0) m.applicationRoles = access.applicationRoles;
    seedMembers.push(m);
  }
  const inviteDate = new Date(now - DAY_MS).toISOString();
  const invites: SeedInvite[] = [];
  for (let k = 0; k < pendingCount; k += 1) {
    invites.push({
      id: hexId('d', k),
      email: `pending${k}@bench.example.com`,
      role: 'view',
      inviteDate,
    });
  }

  const byRole = (role: OrgRole): number[] =>
    seedMembers.map((_, i) => i).filter((i) => i !== 0 && memberRole(i) === role);
  const used = new Set<number>();
  const promoted = take(byRole('view'), used, counts.get('promote') ?? 0);
  const removed = take(
    [...byRole('view'), ...byRole('collaborate')],
    used,
    counts.get('remove') ?? 0,
  );
  const modified = take(byRole('collaborate'), used, counts.get('modify') ?? 0);
  const demoted = take(byRole('edit'), used, counts.get('demote') ?? 0);

  const newAccess = new Map<number, Access>();
  for (const i of promoted) newAccess.set(i, { ...memberAccess(i), role: 'edit' });
  for (const i of demoted) newAccess.set(i, { ...memberAccess(i), role: 'view' });
  for (const i of modified) {
    newAccess.set(i, {
      ...memberAccess(i),
      dashboardRoles: [{ resourceId: dashboardId(i % 11), role: 'view' }],
    });
  }
  const removedSet = new Set(removed);

  const declared: DesiredMember[] = [];
  for (let i = 0; i < members; i += 1) {
    if (!removedSet.has(i))
      declared.push(desiredMember(memberEmail(i), newAccess.get(i) ?? memberAccess(i)));
  }
  // The first `revokes` pending invites are undeclared (revoked); the rest are awaited.
  for (const invite of invites.slice(revokes)) {
    declared.push(
      desiredMember(invite.email, { role: 'view', applicationRoles: [], dashboardRoles: [] }),
    );
  }
  const invited: IntendedChange[] = [];
  for (let k = 0; k < (counts.get('invite') ?? 0); k += 1) {
    const access: Access = {
      role: k % 2 === 0 ? 'view' : 'collaborate',
      applicationRoles: [{ resourceId: appId(k % 7), role: 'view' }],
      dashboardRoles: [],
    };
    const email = `new${k}@bench.example.com`;
    declared.push(desiredMember(email, access));
    invited.push({ kind: 'invite', email, access });
  }

  const description = `Benchmark org, ${changes} changes`;
  const setAccess = (list: number[]): IntendedChange[] =>
    list.map((i) => ({
      kind: 'setAccess',
      email: memberEmail(i),
      access: newAccess.get(i) as Access,
    }));
  const intended: IntendedChange[] = [
    { kind: 'patch', properties: { description } },
    ...invited,
    ...setAccess(promoted),
    ...setAccess(modified),
    ...setAccess(demoted),
    ...invites
      .slice(0, revokes)
      .map((inv): IntendedChange => ({ kind: 'revokeInvite', email: inv.email })),
    ...removed.map((i): IntendedChange => ({ kind: 'removeMember', email: memberEmail(i) })),
  ];

  const desired: DesiredOrg = {
    orgId: BENCH_ORG_ID,
    file: BENCH_FILE,
    properties: { name: 'Bench Org', description },
    members: declared,
    policy: { ...DEFAULT_POLICY, maxRemovals: changes },
  };
  const seed: EmulatorSeed = {
    users,
    orgs: [
      {
        id: BENCH_ORG_ID,
        name: 'Bench Org',
        description: 'Benchmark org, before',
        members: seedMembers,
        invites,
      },
    ],
  };
  const phases: Partial<Record<Phase, number>> = { patch: 1 };
  for (const [phase, n] of counts) if (n > 0) phases[phase] = n;
  return { members, changes, seed, desired, intended, phases };
}

/** The live org the API would return for the seed: the planner's input without a network. */
export function seedToLiveOrg(seed: EmulatorSeed): LiveOrg {
  const org = seed.orgs[0];
  if (org === undefined) throw new Error('bench scenario: the seed has no org');
  const emails = new Map(seed.users.map((u) => [u.id, u]));
  return {
    id: org.id,
    name: org.name,
    properties: {
      name: org.name,
      ...(org.description !== undefined ? { description: org.description } : {}),
    },
    members: org.members.map((m) => {
      const user = emails.get(m.userId);
      return {
        userId: m.userId,
        email: user?.email ?? '',
        access: {
          role: m.role,
          applicationRoles: (m.applicationRoles ?? []).map((g) => ({ ...g })),
          dashboardRoles: (m.dashboardRoles ?? []).map((g) => ({ ...g })),
        },
      };
    }),
    invites: (org.invites ?? []).map((inv) => ({
      id: inv.id,
      email: inv.email,
      access: { role: inv.role, applicationRoles: [], dashboardRoles: [] },
      inviteDate: inv.inviteDate,
      ttl: inv.ttl ?? 7 * DAY_MS,
      hasExpired: false,
    })),
  };
}
