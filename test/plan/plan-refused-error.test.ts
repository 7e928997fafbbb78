// The error a refused plan raises: every refusal of every org, named by org, file and guard, with how to proceed.
import { describe, expect, it } from 'vitest';
import { LosantOrgError } from '../../src/model/errors.js';
import type { GuardName, OrgPlan, Plan } from '../../src/model/plan.js';
import { planRefusedError, PlanRefusedError } from '../../src/plan/plan-refused-error.js';
import { emptyPlan, refusedPlan } from './render-fixtures.js';

function withRefusals(org: OrgPlan, orgId: string, file: string, guards: GuardName[]): OrgPlan {
  return {
    ...org,
    orgId,
    file,
    refusals: guards.map((guard) => ({
      guard,
      message: `${guard} says no`,
      override: `raise ${guard}`,
    })),
  };
}

describe('planRefusedError', () => {
  it('is undefined when no guard refused any org', () => {
    expect(planRefusedError(emptyPlan())).toBeUndefined();
    expect(planRefusedError({ ...emptyPlan(), orgs: [] })).toBeUndefined();
  });

  it('lists every refusal of every org in plan order: org, file, guard, message and how to proceed', () => {
    const base = emptyPlan().orgs[0] as OrgPlan;
    const plan: Plan = {
      ...emptyPlan(),
      orgs: [
        withRefusals(base, 'org-a', 'orgs/a.yaml', ['maxRemovals', 'minAdmins']),
        withRefusals(base, 'org-b', 'orgs/b.yaml', []),
        withRefusals(base, 'org-c', 'orgs/c.yaml', ['maxChanges']),
      ],
    };

    const error = planRefusedError(plan);

    expect(error).toBeInstanceOf(PlanRefusedError);
    expect(error).toBeInstanceOf(LosantOrgError);
    expect(error?.name).toBe('PlanRefusedError');
    expect(error?.kind).toBe('refusal');
    expect(error?.message).toBe(
      [
        'the plan is refused by a guard, nothing was written:',
        '  org org-a (orgs/a.yaml): guard maxRemovals: maxRemovals says no',
        '    to proceed: raise maxRemovals',
        '  org org-a (orgs/a.yaml): guard minAdmins: minAdmins says no',
        '    to proceed: raise minAdmins',
        '  org org-c (orgs/c.yaml): guard maxChanges: maxChanges says no',
        '    to proceed: raise maxChanges',
      ].join('\n'),
    );
    expect(error?.refusals.map((r) => [r.orgId, r.file, r.guard])).toEqual([
      ['org-a', 'orgs/a.yaml', 'maxRemovals'],
      ['org-a', 'orgs/a.yaml', 'minAdmins'],
      ['org-c', 'orgs/c.yaml', 'maxChanges'],
    ]);
  });

  it('refuses the plan a guard refused, naming its own org', () => {
    const plan = refusedPlan();
    const org = plan.orgs[0] as OrgPlan;

    const error = planRefusedError(plan);

    expect(org.refusals.length).toBeGreaterThan(0);
    expect(error?.refusals).toEqual(
      org.refusals.map((r) => ({ ...r, orgId: org.orgId, file: org.file })),
    );
  });
});
