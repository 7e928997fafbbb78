// The JSON plan: the Plan plus metadata, valid against schemas/plan.schema.json.
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/plan/render-json.js';
import { expectValidPlanJson } from './plan-fixtures.js';
import { emptyPlan, mixedPlan, refusedPlan, twoOrgPlan } from './render-fixtures.js';

const META = { createdAt: '2024-06-15T12:00:00.000Z', toolVersion: '0.1.0' };

describe('renderJson', () => {
  it('is the plan with its format version, tool version and creation time', () => {
    const plan = mixedPlan();

    const json = renderJson(plan, META);

    expect(JSON.parse(json)).toEqual({
      formatVersion: 1,
      toolVersion: '0.1.0',
      createdAt: '2024-06-15T12:00:00.000Z',
      hash: plan.hash,
      orgs: JSON.parse(JSON.stringify(plan.orgs)) as unknown,
    });
    expect(Object.keys(JSON.parse(json) as object)).toEqual([
      'formatVersion',
      'toolVersion',
      'createdAt',
      'hash',
      'orgs',
    ]);
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('keeps plan-level warnings', () => {
    const plan = refusedPlan();

    const doc = JSON.parse(renderJson(plan, META)) as { warnings: string[] };

    expect(doc.warnings).toEqual([
      "this token may not call GET /me, so the token's own user is not known; relying on the other guards",
    ]);
  });

  it.each([
    ['mixed', mixedPlan],
    ['refused', refusedPlan],
    ['empty', emptyPlan],
    ['two orgs', twoOrgPlan],
  ])('validates against schemas/plan.schema.json (%s)', (_name, make) => {
    expectValidPlanJson(make());
  });
});
