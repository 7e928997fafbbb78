// What a stale saved plan is told: each operation the saved plan had and the plan now has not, and
// the reverse, named by org; another order of the same operations; an org on one side only.
import { describe, expect, it } from 'vitest';
import type { Access } from '../../src/model/access.js';
import type { Operation } from '../../src/model/plan.js';
import { describePlanChanges } from '../../src/plan/describe-plan-changes.js';

const ORG = '5f00000000000000000000a1';
const OTHER = '5f00000000000000000000b2';

function access(role: Access['role']): Access {
  return { role, applicationRoles: [], dashboardRoles: [] };
}

function change(n: number, email: string, from: Access['role'], to: Access['role']): Operation {
  const userId = `5f0000000000000000000${String(n).padStart(3, '0')}`;
  return {
    id: `${ORG}:${n}`,
    orgId: ORG,
    phase: 'modify',
    reason: `role ${from} -> ${to}`,
    dependsOn: [],
    action: 'modifyMember',
    target: { email, userId },
    before: access(from),
    after: access(to),
    body: { userId, ...access(to) },
  };
}

function removal(n: number, email: string): Operation {
  const userId = `5f0000000000000000000${String(n).padStart(3, '0')}`;
  return {
    id: `${ORG}:${n}`,
    orgId: ORG,
    phase: 'remove',
    reason: 'not in the file',
    dependsOn: [],
    action: 'removeMember',
    target: { email, userId },
    before: access('view'),
    after: null,
    query: { userId },
  };
}

const linus = change(1, 'linus@acme.example', 'edit', 'collaborate');
const ken = removal(2, 'ken@acme.example');
const ada = change(3, 'ada@acme.example', 'view', 'admin');

describe('describePlanChanges', () => {
  it('says nothing when the plans do the same, whatever their ids and reasons', () => {
    const again = { ...linus, id: `${ORG}:9`, reason: 'another reason' };

    expect(
      describePlanChanges(
        [{ orgId: ORG, orgName: 'Acme', operations: [linus, ken] }],
        [{ orgId: ORG, orgName: 'Acme', operations: [again, ken] }],
      ),
    ).toEqual([]);
  });

  it('names what is no longer planned and what is planned now, under the org name of now', () => {
    expect(
      describePlanChanges(
        [{ orgId: ORG, orgName: 'Old name', operations: [linus, ken] }],
        [{ orgId: ORG, orgName: 'Acme', operations: [ken, ada] }],
      ),
    ).toEqual([
      `Acme (${ORG}): no longer planned: ~ change linus@acme.example: role edit -> collaborate`,
      `Acme (${ORG}): planned now, not in the saved plan: ~ change ada@acme.example: role view -> admin`,
    ]);
  });

  it('says when the same operations come in another order', () => {
    expect(
      describePlanChanges(
        [{ orgId: ORG, orgName: 'Acme', operations: [linus, ken] }],
        [{ orgId: ORG, orgName: 'Acme', operations: [ken, linus] }],
      ),
    ).toEqual([`Acme (${ORG}): the same operations in another order`]);
  });

  it('names an org planned on one side only, and compares the others', () => {
    expect(
      describePlanChanges(
        [
          { orgId: OTHER, orgName: 'Beta', operations: [ken] },
          { orgId: ORG, orgName: 'Acme', operations: [linus] },
        ],
        [
          { orgId: ORG, orgName: 'Acme', operations: [] },
          { orgId: '5f00000000000000000000c3', orgName: 'Gamma', operations: [] },
        ],
      ),
    ).toEqual([
      `Beta (${OTHER}): not planned now`,
      `Acme (${ORG}): no longer planned: ~ change linus@acme.example: role edit -> collaborate`,
      'Gamma (5f00000000000000000000c3): not in the saved plan',
    ]);
  });
});
