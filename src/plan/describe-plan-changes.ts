// What differs between a saved plan and the plan made now: the operations one has and the other not.
import type { Operation, OrgPlan } from '../model/plan.js';
import { describeOperation } from './describe-operation.js';
import { canonicalJson, operationEffect } from './fingerprint.js';

type OrgOperations = Pick<OrgPlan, 'orgId' | 'orgName' | 'operations'>;

function effects(operations: readonly Operation[]): Map<string, Operation> {
  return new Map(operations.map((op) => [canonicalJson(operationEffect(op)), op]));
}

function line(op: Operation): string {
  const { sign, head } = describeOperation(op);
  return `${sign} ${head}`;
}

/**
 * One line per difference, e.g. "Acme IoT (5a...): no longer planned: ~ change linus@...: role edit
 * -> collaborate", naming the member, invite or property; empty when the plans do the same.
 */
export function describePlanChanges(
  saved: readonly OrgOperations[],
  now: readonly OrgOperations[],
): string[] {
  const lines: string[] = [];
  const nowById = new Map(now.map((org) => [org.orgId, org]));
  for (const org of saved) {
    const current = nowById.get(org.orgId);
    const where = `${current?.orgName ?? org.orgName} (${org.orgId})`;
    if (current === undefined) {
      lines.push(`${where}: not planned now`);
      continue;
    }
    const found = lines.length;
    const before = effects(org.operations);
    const after = effects(current.operations);
    for (const [key, op] of before) {
      if (!after.has(key)) lines.push(`${where}: no longer planned: ${line(op)}`);
    }
    for (const [key, op] of after) {
      if (!before.has(key)) lines.push(`${where}: planned now, not in the saved plan: ${line(op)}`);
    }
    if (
      lines.length === found &&
      canonicalJson(org.operations.map(operationEffect)) !==
        canonicalJson(current.operations.map(operationEffect))
    ) {
      lines.push(`${where}: the same operations in another order`);
    }
  }
  const savedIds = new Set(saved.map((org) => org.orgId));
  for (const org of now) {
    if (!savedIds.has(org.orgId))
      lines.push(`${org.orgName} (${org.orgId}): not in the saved plan`);
  }
  return lines;
}
