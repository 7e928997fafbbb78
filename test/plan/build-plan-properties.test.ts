// Property: for any live org and any file, applying a plan that no guard refused leaves nothing to plan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emailKey,
  ORG_ROLES,
  RESOURCE_ROLES,
  sameAccess,
  type Access,
  type ResourceRoleGrant,
} from '../../src/model/access.js';
import {
  MFA_MODES,
  type DesiredOrg,
  type OrgProperties,
  type Policy,
} from '../../src/model/desired-org.js';
import type { LiveOrg, TokenUser } from '../../src/model/live-org.js';
import { applyOperationsInMemory } from '../../src/plan/apply-in-memory.js';
import { buildPlan, type BuildPlanInput } from '../../src/plan/build-plan.js';
import { countAdmins, countRemovals } from '../../src/plan/guards.js';
import { compileEmailPatterns } from '../../src/model/email-pattern.js';
import { declared, DAY, expectValidPlanJson, NOW, ORG_ID, TTL } from './plan-fixtures.js';

const EMAILS = [
  'ann@x.com',
  'bob@x.com',
  'bob+ci@x.com',
  'b.ob@x.com',
  'cy@x.com',
  'dee@x.com',
  'eve@losant.com',
  'fay@x.com',
  'gus@x.com',
];
const UNMANAGED = ['*@losant.com', 'gus@x.com', 'nobody@x.com'];

/** An address as a person might write it: any letter may be upper-case. */
const emailArb = fc
  .tuple(fc.constantFrom(...EMAILS), fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }))
  .map(([email, upper]) => [...email].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(''));

const grantsArb: fc.Arbitrary<ResourceRoleGrant[]> = fc
  .uniqueArray(
    fc.tuple(fc.constantFrom('app1', 'app2', 'APP3'), fc.constantFrom(...RESOURCE_ROLES)),
    {
      selector: ([id]) => id.toLowerCase(),
      maxLength: 3,
    },
  )
  .map((gs) => gs.map(([resourceId, role]): ResourceRoleGrant => ({ resourceId, role })));

const accessArb: fc.Arbitrary<Access> = fc.record({
  role: fc.constantFrom(...ORG_ROLES),
  applicationRoles: grantsArb,
  dashboardRoles: fc.oneof(fc.constant<ResourceRoleGrant[]>([]), grantsArb),
});

const liveArb: fc.Arbitrary<LiveOrg> = fc
  .record({
    members: fc.uniqueArray(fc.record({ email: emailArb, access: accessArb }), {
      selector: (m) => emailKey(m.email),
      maxLength: 7,
    }),
    invites: fc.array(
      fc.record({
        email: emailArb,
        access: accessArb,
        daysAgo: fc.integer({ min: 0, max: 20 }),
        disallowTransfer: fc.boolean(),
      }),
      { maxLength: 7 },
    ),
    properties: fc.record(
      {
        name: fc.constantFrom('Acme', 'Old'),
        description: fc.constantFrom('a', 'b'),
        mfaMode: fc.constantFrom(...MFA_MODES),
      },
      { requiredKeys: [] },
    ),
  })
  .map(({ members, invites, properties }) => ({
    id: ORG_ID,
    name: 'Acme',
    properties: properties as OrgProperties,
    members: members.map((m, i) => ({ userId: `u${i}`, email: m.email, access: m.access })),
    invites: invites.map((inv, i) => {
      const sent = NOW - inv.daysAgo * DAY;
      return {
        id: `i${i}`,
        email: inv.email,
        access: inv.access,
        inviteDate: new Date(sent).toISOString(),
        ttl: TTL,
        hasExpired: NOW > sent + TTL,
        disallowTransfer: inv.disallowTransfer,
      };
    }),
  }));

const policyArb: fc.Arbitrary<Policy> = fc.record({
  removeUndeclaredMembers: fc.boolean(),
  revokeUndeclaredInvites: fc.boolean(),
  resendExpiredInvites: fc.boolean(),
  maxRemovals: fc.integer({ min: 0, max: 10 }),
  maxChanges: fc.option(fc.integer({ min: 0, max: 10 })),
  minAdmins: fc.integer({ min: 0, max: 3 }),
  unmanaged: fc.subarray(UNMANAGED),
  expiryWarningDays: fc.constant(14),
  allowedEmailDomains: fc.constant([]),
});

const desiredArb: fc.Arbitrary<DesiredOrg> = fc
  .record({
    members: fc.option(
      fc.uniqueArray(
        fc.record({
          email: emailArb,
          access: accessArb,
          disallowTransfer: fc.option(fc.boolean(), { nil: undefined }),
        }),
        { selector: (m) => emailKey(m.email), maxLength: 7 },
      ),
      { nil: undefined, freq: 5 },
    ),
    policy: policyArb,
    properties: fc.record(
      {
        name: fc.constantFrom('Acme', 'New'),
        mfaMode: fc.constantFrom(...MFA_MODES),
        billingEmail: fc.constant('b@x.com'),
      },
      { requiredKeys: [] },
    ),
  })
  .map(({ members, policy, properties }) => {
    // The config loader forbids declaring an address that policy.unmanaged covers.
    const isUnmanaged = compileEmailPatterns(policy.unmanaged);
    return {
      orgId: ORG_ID,
      file: 'orgs/acme.yaml',
      properties: properties as OrgProperties,
      members: members
        ?.filter((m) => !isUnmanaged(m.email))
        .map((m) =>
          declared(
            m.email,
            m.access,
            m.disallowTransfer === undefined ? {} : { disallowTransfer: m.disallowTransfer },
          ),
        ),
      policy,
    };
  });

const inputArb: fc.Arbitrary<BuildPlanInput> = fc
  .record({
    live: liveArb,
    desired: desiredArb,
    tokenIndex: fc.option(fc.nat(6), { nil: undefined }),
    allowRemovals: fc.option(fc.nat(8), { nil: undefined }),
  })
  .map(({ live, desired, tokenIndex, allowRemovals }) => {
    const tokenMember = tokenIndex === undefined ? undefined : live.members[tokenIndex];
    const tokenUser: TokenUser | null =
      tokenMember === undefined ? null : { userId: tokenMember.userId, email: tokenMember.email };
    const input: BuildPlanInput = { live, desired, now: NOW, tokenUser };
    if (allowRemovals !== undefined) input.allowRemovals = allowRemovals;
    return input;
  });

function shuffled<T>(items: readonly T[], seed: number): T[] {
  return items
    .map((item, i) => ({ item, k: (i * 7919 + seed * 104729) % 1000003 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.item);
}

describe('buildPlan properties', () => {
  it('plan, apply, plan again: the second plan is empty and no intermediate state breaks a guard', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = buildPlan(input);
        expectValidPlanJson({ formatVersion: 1, orgs: [plan], hash: '0'.repeat(64) });
        if (plan.refusals.length > 0) return;

        const { minAdmins } = input.desired.policy;
        const token = input.tokenUser ?? undefined;
        const tokenBefore = input.live.members.find((m) => m.userId === token?.userId);
        let fewestAdmins = countAdmins(input.live);
        let tokenUnchanged = true;
        const after = applyOperationsInMemory(input.live, plan.operations, {
          now: input.now,
          onState: (state) => {
            fewestAdmins = Math.min(fewestAdmins, countAdmins(state));
            if (tokenBefore === undefined) return;
            const me = state.members.find((m) => m.userId === tokenBefore.userId);
            if (me === undefined || !sameAccess(me.access, tokenBefore.access))
              tokenUnchanged = false;
          },
        });
        if (countAdmins(input.live) >= minAdmins)
          expect(fewestAdmins).toBeGreaterThanOrEqual(minAdmins);
        // The token's own user is never removed and its access never changed (Losant forbids it).
        expect(tokenUnchanged).toBe(true);
        const removals = countRemovals(plan.operations).total;
        const size = input.live.members.length + input.live.invites.length;
        const withinPolicy =
          removals <= input.desired.policy.maxRemovals && (size < 10 || removals * 4 <= size);
        expect(withinPolicy || (input.allowRemovals ?? -1) >= removals).toBe(true);

        const again = buildPlan({ ...input, live: after });
        expect(again.operations).toEqual([]);
        expect(again.refusals).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and does not depend on the order of members, invites or the file', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(1000), (input, seed) => {
        const reordered: BuildPlanInput = {
          ...input,
          live: {
            ...input.live,
            members: shuffled(input.live.members, seed),
            invites: shuffled(input.live.invites, seed + 1),
          },
          desired: {
            ...input.desired,
            members: input.desired.members && shuffled(input.desired.members, seed + 2),
          },
        };

        expect(buildPlan(reordered)).toEqual(buildPlan(input));
      }),
      { numRuns: 300 },
    );
  });

  it('plans only the managed side: unmanaged addresses never appear in an operation', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const isUnmanaged = compileEmailPatterns(input.desired.policy.unmanaged);

        const plan = buildPlan(input);

        const touched = plan.operations.flatMap((op) =>
          'email' in op.target ? [op.target.email] : [],
        );
        expect(touched.filter(isUnmanaged)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
