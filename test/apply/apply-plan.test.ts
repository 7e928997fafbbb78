// applyPlan against the emulator without faults: order, results, convergence, stops and skips.
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import type { OperationResult } from '../../src/apply/apply-report.js';
import { verifyApply } from '../../src/apply/verify-apply.js';
import { DEMO_ORG_ID, DEMO_USER_ID, createDemoSeed } from '../../src/emulator/demo-state.js';
import type { EmulatorSeed } from '../../src/emulator/server.js';
import type { DesiredOrg } from '../../src/model/desired-org.js';
import {
  NOW,
  everyActionDesired,
  expectNoDuplicateInvites,
  expectOnlyPlannedWrites,
  fastApplyOptions,
  isWrite,
  operationsOf,
  planAndApply,
  planLive,
  remainingOperations,
  startApplyEnv,
  startApplyEnvOn,
  statuses,
  type ApplyEnv,
  EVERY_ACTION_DONE,
} from './apply-fixtures.js';

let env: ApplyEnv | undefined;

afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('applyPlan', () => {
  it('applies every operation of the plan, in phase order, and the org then matches the file', async () => {
    env = await startApplyEnv();
    const desired = await everyActionDesired();
    const planned = await planLive(env, desired);
    await env.emulator.control.clearLog();
    const done: OperationResult[] = [];

    const report = await applyPlan(
      planned.plan,
      env.client,
      fastApplyOptions(env, { onOperationDone: (r) => done.push(r) }),
    );

    expect(statuses(report)).toEqual(EVERY_ACTION_DONE);
    expect(report.ok).toBe(true);
    expect(report.interrupted).toBe(false);
    expect(report.counts).toEqual({ done: 6, failed: 0, skipped: 0, total: 6 });
    expect(done.map((r) => r.id).sort()).toEqual(
      operationsOf(planned.plan)
        .map((o) => o.id)
        .sort(),
    );
    const log = await env.emulator.control.log();
    expect(log.filter(isWrite).map((e) => e.action)).toEqual([
      'org.patch',
      'org.revokeInvite',
      'org.inviteMember',
      'org.inviteMember',
      'org.modifyMember',
      'org.removeMember',
    ]);
    expectOnlyPlannedWrites(log, planned.plan);
    await expectNoDuplicateInvites(env);
    const verification = await verifyApply(planned.plan, {
      api: env.client,
      inputs: planned.inputs,
      now: NOW,
    });
    expect(verification).toEqual({
      matches: true,
      orgs: [{ orgId: DEMO_ORG_ID, matches: true, differences: [], awaiting: 3 }],
    });
    expect(await remainingOperations(env, desired)).toEqual([]);
  });

  it('never reorders one person: the re-send revoke is written before its invite', async () => {
    env = await startApplyEnv({ concurrency: 8 });
    const desired = await everyActionDesired();
    await env.emulator.control.clearLog();

    await planAndApply(env, desired);

    const barbara = (await env.emulator.control.log())
      .filter(isWrite)
      .filter((e) => e.action === 'org.revokeInvite' || e.action === 'org.inviteMember')
      .filter(
        (e) =>
          e.action === 'org.revokeInvite' ||
          (e.body as { email: string }).email === 'barbara@acme-iot.example',
      )
      .map((e) => e.action);
    expect(barbara).toEqual(['org.revokeInvite', 'org.inviteMember']);
  });

  it('verifies a saved plan operation by operation when no desired org is given', async () => {
    env = await startApplyEnv();
    const { plan } = await planAndApply(env, await everyActionDesired());

    const verification = await verifyApply(plan, { api: env.client, now: NOW });

    expect(verification).toEqual({
      matches: true,
      orgs: [{ orgId: DEMO_ORG_ID, matches: true, differences: [], awaiting: 2 }],
    });
  });

  it('says what still differs when someone changed the org after apply', async () => {
    env = await startApplyEnv();
    const desired = await everyActionDesired();
    const planned = await planLive(env, desired);
    await applyPlan(planned.plan, env.client, fastApplyOptions(env));
    await env.client.modifyMember(DEMO_ORG_ID, {
      userId: '6650f0c1a2b3c4d5e6f70a04',
      role: 'view',
    });

    const verification = await verifyApply(planned.plan, {
      api: env.client,
      inputs: planned.inputs,
      now: NOW,
    });

    expect(verification.matches).toBe(false);
    expect(verification.orgs[0]?.differences).toEqual([
      '~ change margaret@acme-iot.example: role view -> collaborate',
    ]);
  });

  it('skips the operations that depend on one that failed, and admin removals after a failed promotion', async () => {
    env = await startApplyEnv();
    const [org] = await everyActionDesired();
    if (org?.members === undefined) throw new Error('no members');
    const desired: DesiredOrg[] = [
      {
        ...org,
        properties: {},
        members: org.members
          // Grace (admin) is no longer declared: her removal waits for Linus's promotion.
          .filter((m) => m.email !== 'grace@acme-iot.example')
          .map((m) =>
            m.email === 'linus@acme-iot.example'
              ? { ...m, access: { ...m.access, role: 'admin' as const } }
              : m,
          ),
      },
    ];
    const { plan } = await planLive(env, desired);
    // Linus leaves before apply: his promotion fails for good (404, and the read-back finds no Linus).
    const state = await env.emulator.control.state();
    for (const o of state.orgs) o.members = o.members.filter((m) => m.userId !== LINUS);
    await env.emulator.control.setState(state);

    const report = await applyPlan(plan, env.client, fastApplyOptions(env));

    expect(statuses(report)).toEqual([
      'done revoke invite 6650f0c1a2b3c4d5e6f70d02 of barbara@acme-iot.example (collaborate)',
      'done invite barbara@acme-iot.example (collaborate)',
      'done invite hedy@acme-iot.example (view)',
      'failed change linus@acme-iot.example (edit -> admin)',
      'skipped remove grace@acme-iot.example (admin)',
      'done remove ken@acme-iot.example (view)',
    ]);
    const grace = report.orgs[0]?.operations.find((r) => r.summary.includes('grace'));
    expect(grace?.reason).toBe(
      '"change linus@acme-iot.example (edit -> admin)" did not succeed, so no admin is demoted or removed (policy.minAdmins could be broken); run apply again',
    );
    expect(report.ok).toBe(false);
  });

  it('stops an org at once on 403 while the other orgs go on', async () => {
    env = await startApplyEnv({ state: twoOrgSeed(), concurrency: 1 });
    const desired = [twoOrgDesired(DEMO_ORG_ID), twoOrgDesired(OTHER_ORG)];
    const { plan } = await planLive(env, desired);
    // The token's user loses admin in the other org: its writes are refused with 403.
    const state = await env.emulator.control.state();
    const other = state.orgs.find((o) => o.id === OTHER_ORG);
    const me = other?.members.find((m) => m.userId === DEMO_USER_ID);
    if (me === undefined) throw new Error('seed');
    me.role = 'edit';
    other?.members.push({ userId: '6650f0c1a2b3c4d5e6f70a02', role: 'admin' });
    await env.emulator.control.setState(state);
    await env.emulator.control.clearLog();

    const report = await applyPlan(plan, env.client, fastApplyOptions(env));

    const [first, second] = report.orgs;
    expect(first?.counts).toEqual({ done: 2, failed: 0, skipped: 0, total: 2 });
    expect(second?.counts).toEqual({ done: 0, failed: 1, skipped: 1, total: 2 });
    expect(second?.stopped).toMatch(/^invite new1@acme-iot\.example \(view\) failed: .*HTTP 403/);
    expect(second?.operations[1]?.reason).toMatch(
      /^the apply of this org stopped when "invite new1/,
    );
    const writesToOther = (await env.emulator.control.log()).filter(
      (e) => isWrite(e) && e.path.includes(OTHER_ORG),
    );
    expect(writesToOther.length).toBe(1);
  });

  it('a token without the scope of a write fails that write with the scope to give it', async () => {
    env = await startApplyEnv();
    await env.emulator.control.addToken({
      token: 'limited-token-5d1c0a9e',
      userId: DEMO_USER_ID,
      scopes: [
        'org.get',
        'org.pendingInvites',
        'org.patch',
        'org.inviteMember',
        'org.modifyMember',
        'org.revokeInvite',
      ],
    });
    const limited = await startApplyEnvOn(env, 'limited-token-5d1c0a9e');
    const { plan } = await planLive(limited, await everyActionDesired());

    const report = await applyPlan(plan, limited.client, fastApplyOptions(limited));
    await limited.client.close();

    const [remove] = report.orgs[0]?.operations.filter((r) => r.action === 'removeMember') ?? [];
    expect(remove?.status).toBe('failed');
    expect(remove?.error).toMatch(
      /HTTP 403 .*give it one of the scopes org\.removeMember, org\.\*/,
    );
    expect(report.orgs[0]?.stopped).toMatch(/^remove ken@acme-iot\.example \(view\) failed: /);
    expect(report.counts).toEqual({ done: 5, failed: 1, skipped: 0, total: 6 });
  });

  it('a token revoked mid-run (401) stops every org at once, saying to check the token', async () => {
    env = await startApplyEnv({ state: twoOrgSeed(), concurrency: 1 });
    const desired = [twoOrgDesired(DEMO_ORG_ID), twoOrgDesired(OTHER_ORG)];
    const { plan } = await planLive(env, desired);
    const state = await env.emulator.control.state();
    state.tokens = [];
    await env.emulator.control.setState(state);
    await env.emulator.control.clearLog();

    const report = await applyPlan(plan, env.client, fastApplyOptions(env));

    expect(report.orgs.map((o) => o.counts)).toEqual([
      { done: 0, failed: 1, skipped: 1, total: 2 },
      { done: 0, failed: 1, skipped: 1, total: 2 },
    ]);
    for (const org of report.orgs) {
      expect(org.stopped).toMatch(/^invite new1@acme-iot\.example \(view\) failed: .*HTTP 401/);
    }
    // One refused write per org, and nothing after it.
    expect((await env.emulator.control.log()).filter(isWrite).map((e) => e.status)).toEqual([
      401, 401,
    ]);
  });

  it('stops an org whose org is gone (404) after reading back', async () => {
    env = await startApplyEnv({ state: twoOrgSeed(), concurrency: 1 });
    const desired = [twoOrgDesired(DEMO_ORG_ID), twoOrgDesired(OTHER_ORG)];
    const { plan } = await planLive(env, desired);
    const state = await env.emulator.control.state();
    state.orgs = state.orgs.filter((o) => o.id !== OTHER_ORG);
    await env.emulator.control.setState(state);

    const report = await applyPlan(plan, env.client, fastApplyOptions(env));

    expect(report.orgs.map((o) => o.counts)).toEqual([
      { done: 2, failed: 0, skipped: 0, total: 2 },
      { done: 0, failed: 1, skipped: 1, total: 2 },
    ]);
    expect(report.orgs[1]?.stopped).toMatch(/HTTP 404/);
  });

  it('on abort finishes the calls in flight, starts no new ones and reports the rest as interrupted', async () => {
    env = await startApplyEnv({ concurrency: 1 });
    const desired = await everyActionDesired();
    const { plan } = await planLive(env, desired);
    const controller = new AbortController();

    const report = await applyPlan(
      plan,
      env.client,
      fastApplyOptions(env, {
        signal: controller.signal,
        onOperationDone: () => controller.abort(),
      }),
    );

    expect(statuses(report)).toEqual([
      'done update org properties (description)',
      ...EVERY_ACTION_DONE.slice(1).map((s) => s.replace(/^done/, 'skipped')),
    ]);
    expect(report.interrupted).toBe(true);
    expect(report.orgs[0]?.operations[1]?.reason).toBe('interrupted');
    const writes = (await env.emulator.control.log()).filter(isWrite);
    expect(writes.map((e) => e.action)).toEqual(['org.patch']);
  });
});

const OTHER_ORG = '6650f0c1a2b3c4d5e6f70899';
const LINUS = '6650f0c1a2b3c4d5e6f70a03';

function twoOrgSeed(): EmulatorSeed {
  const seed = createDemoSeed(NOW);
  const demo = seed.orgs[0];
  if (demo === undefined) throw new Error('demo seed');
  seed.orgs.push({
    id: OTHER_ORG,
    name: 'Acme Sandbox',
    members: [{ userId: DEMO_USER_ID, role: 'admin' }],
    invites: [],
  });
  return seed;
}

function twoOrgDesired(orgId: string): DesiredOrg {
  const source = { file: `${orgId}.yaml`, line: 1, col: 1 };
  const access = (role: 'admin' | 'view') => ({ role, applicationRoles: [], dashboardRoles: [] });
  return {
    orgId,
    file: `${orgId}.yaml`,
    properties: {},
    members: [
      { email: 'ada@acme-iot.example', access: access('admin'), source },
      { email: 'new1@acme-iot.example', access: access('view'), source },
      { email: 'new2@acme-iot.example', access: access('view'), source },
    ],
    policy: {
      removeUndeclaredMembers: false,
      revokeUndeclaredInvites: false,
      resendExpiredInvites: false,
      maxRemovals: 5,
      maxChanges: null,
      minAdmins: 1,
      unmanaged: [],
      expiryWarningDays: 14,
      allowedEmailDomains: [],
    },
  };
}
