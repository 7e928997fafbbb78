// The JSON plan: the Plan plus metadata, valid against schemas/plan.schema.json.
import { describe, expect, it } from 'vitest';
import { desiredOrgConfig } from '../../src/config/desired-org-config.js';
import type { Plan } from '../../src/model/plan.js';
import { renderJson, toPlanDocument } from '../../src/plan/render-json.js';
import {
  declared,
  desiredOrg,
  expectValidPlanDocument,
  expectValidPlanJson,
} from './plan-fixtures.js';
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

describe('toPlanDocument', () => {
  it('saves --allow-removals and --allow-changes when given, 0 included, and leaves them out when not', () => {
    const plan = emptyPlan();

    const given = toPlanDocument(plan, { ...META, allowRemovals: 0, allowChanges: 7 });
    const none = toPlanDocument(plan, { ...META, allowRemovals: undefined });

    expect(given.allowRemovals).toBe(0);
    expect(given.allowChanges).toBe(7);
    expect(Object.keys(given)).toEqual([
      'formatVersion',
      'toolVersion',
      'createdAt',
      'hash',
      'allowRemovals',
      'allowChanges',
      'orgs',
    ]);
    expect('allowRemovals' in none).toBe(false);
    expect('allowChanges' in none).toBe(false);
    expectValidPlanDocument(JSON.parse(JSON.stringify(given)));
  });

  it('keeps the unreadable orgs, and the warnings only when there are some', () => {
    const plan: Plan = {
      ...emptyPlan(),
      unreadable: [
        { orgId: 'org-x', file: 'orgs/x.yaml', action: 'org.get', message: 'gone', status: 404 },
      ],
    };

    const doc = toPlanDocument(plan, META);

    expect(doc.unreadable).toEqual(plan.unreadable);
    expect('warnings' in doc).toBe(false);
    expectValidPlanDocument(JSON.parse(JSON.stringify(doc)));
  });

  it('saves with each org the configuration it was planned from, matched by org id, and nothing for an org not given', () => {
    const plan = twoOrgPlan();
    const beta = {
      ...desiredOrg([declared('alice@x.com', 'admin')]),
      orgId: 'org-beta',
      file: 'orgs/beta.yaml',
    };

    const doc = toPlanDocument(plan, { ...META, desired: [beta] });

    expect(doc.orgs.map((org) => org.orgId)).toEqual([plan.orgs[0]?.orgId, 'org-beta']);
    expect('desired' in (doc.orgs[0] as object)).toBe(false);
    expect(doc.orgs[1]?.desired).toEqual(desiredOrgConfig(beta));
    expect(doc.orgs[1]?.desired?.org.id).toBe('org-beta');
    expect({ ...doc.orgs[1], desired: undefined }).toEqual({ ...plan.orgs[1], desired: undefined });
    expectValidPlanDocument(JSON.parse(JSON.stringify(doc)));
  });
});
