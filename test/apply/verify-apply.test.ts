// Verification after apply, on its own: a saved plan checked operation by operation (what is not in
// effect, which invites await acceptance), an org that cannot be read again, and several orgs.
import { afterEach, describe, expect, it } from 'vitest';
import { verifyApply } from '../../src/apply/verify-apply.js';
import { DEMO_ORG_ID } from '../../src/emulator/demo-state.js';
import type { OrgPlan, Plan } from '../../src/model/plan.js';
import {
  NOW,
  everyActionDesired,
  planAndApply,
  planLive,
  startApplyEnv,
  type ApplyEnv,
} from './apply-fixtures.js';

let env: ApplyEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('verifyApply', () => {
  it('a saved plan not applied: every operation said not in effect, no invite awaiting', async () => {
    env = await startApplyEnv();
    const { plan } = await planLive(env, await everyActionDesired());

    const verification = await verifyApply(plan, { api: env.client, now: NOW });

    expect(verification.matches).toBe(false);
    expect(verification.orgs).toEqual([
      {
        orgId: DEMO_ORG_ID,
        matches: false,
        differences: [
          'not in effect: update org properties (description)',
          'not in effect: revoke invite 6650f0c1a2b3c4d5e6f70d02 of barbara@acme-iot.example (collaborate)',
          'not in effect: invite barbara@acme-iot.example (collaborate)',
          'not in effect: invite hedy@acme-iot.example (view)',
          'not in effect: change linus@acme-iot.example (edit -> collaborate)',
          'not in effect: remove ken@acme-iot.example (view)',
        ],
        awaiting: 0,
      },
    ]);
  });

  it('an org that cannot be read again does not match, and says why', async () => {
    env = await startApplyEnv();
    const { plan } = await planAndApply(env, await everyActionDesired());
    await env.emulator.control.addFaults([
      { action: 'org.get', kind: 'status', status: 500, count: 0 },
    ]);

    const verification = await verifyApply(plan, { api: env.client, now: NOW });

    expect(verification.matches).toBe(false);
    expect(verification.orgs).toHaveLength(1);
    const [org] = verification.orgs;
    expect(org).toMatchObject({ orgId: DEMO_ORG_ID, matches: false, differences: [], awaiting: 0 });
    expect(org?.error).toMatch(/^could not read the org again to check it: .*HTTP 500/);
  });

  it('several orgs: planned again where the desired org is known, by operation where not; one differing is enough', async () => {
    env = await startApplyEnv();
    const desired = await everyActionDesired();
    const planned = await planLive(env, desired);
    const org = planned.plan.orgs[0] as OrgPlan;
    // The same org twice under two ids would be read twice; a second org id the emulator does not
    // have cannot be read. So: the applied org by its inputs, and its unapplied copy by operation.
    const { plan } = await planAndApply(env, desired);
    const twice: Plan = { ...plan, orgs: [plan.orgs[0] as OrgPlan, { ...org }] };

    const byInputs = await verifyApply(twice, {
      api: env.client,
      now: NOW,
      inputs: planned.inputs,
    });

    // Planned again, every pending invite awaits (3); by operation, only the plan's own (2).
    expect(byInputs.orgs.map((o) => [o.matches, o.awaiting])).toEqual([
      [true, 3],
      [true, 3],
    ]);
    expect(byInputs.matches).toBe(true);

    const other = { ...(planned.inputs[0] as (typeof planned.inputs)[number]) };
    other.desired = { ...other.desired, orgId: 'not-this-org' };
    const byOperation = await verifyApply(twice, { api: env.client, now: NOW, inputs: [other] });
    expect(byOperation.orgs.map((o) => [o.matches, o.awaiting])).toEqual([
      [true, 2],
      [true, 2],
    ]);

    await env.client.modifyMember(DEMO_ORG_ID, {
      userId: '6650f0c1a2b3c4d5e6f70a04',
      role: 'view',
    });
    const oneDiffers = await verifyApply(twice, {
      api: env.client,
      now: NOW,
      inputs: planned.inputs,
    });
    expect(oneDiffers.orgs.map((o) => o.matches)).toEqual([false, false]);
    expect(oneDiffers.matches).toBe(false);
  });

  it('one org that differs beside one that matches: the whole does not match', async () => {
    env = await startApplyEnv();
    const desired = await everyActionDesired();
    const { plan } = await planAndApply(env, desired);
    const applied = plan.orgs[0] as OrgPlan;
    const patch = applied.operations.find((op) => op.action === 'patch');
    if (patch?.action !== 'patch') throw new Error('expected a patch');
    const notMade = {
      ...applied,
      operations: [
        { ...patch, body: { description: 'never sent' }, after: { description: 'never sent' } },
      ],
    };

    const verification = await verifyApply(
      { ...plan, orgs: [applied, notMade] },
      { api: env.client, now: NOW },
    );

    expect(verification.orgs.map((o) => o.matches)).toEqual([true, false]);
    expect(verification.matches).toBe(false);
  });
});
