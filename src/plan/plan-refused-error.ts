// The error a command raises for a plan that a guard refused: which org, which guard, how to proceed.
import { LosantOrgError } from '../model/errors.js';
import type { GuardRefusal, Plan } from '../model/plan.js';

export interface OrgRefusal extends GuardRefusal {
  orgId: string;
  file: string;
}

export class PlanRefusedError extends LosantOrgError {
  readonly kind = 'refusal';
  override readonly name = 'PlanRefusedError';

  constructor(readonly refusals: OrgRefusal[]) {
    const lines = refusals.map(
      (r) =>
        `  org ${r.orgId} (${r.file}): guard ${r.guard}: ${r.message}\n    to proceed: ${r.override}`,
    );
    super(`the plan is refused by a guard, nothing was written:\n${lines.join('\n')}`);
  }
}

/** The refusal error of a plan, or undefined when no guard refused it. */
export function planRefusedError(plan: Plan): PlanRefusedError | undefined {
  const refusals = plan.orgs.flatMap((org) =>
    org.refusals.map((r) => ({ ...r, orgId: org.orgId, file: org.file })),
  );
  return refusals.length > 0 ? new PlanRefusedError(refusals) : undefined;
}
