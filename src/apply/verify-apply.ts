// After apply: read every org again and check that nothing is left to do (invites awaiting acceptance aside).
import type { LosantApi } from '../losant/api.js';
import { readLiveOrg, toLiveOrg } from '../losant/read-live-org.js';
import type { LiveOrg } from '../model/live-org.js';
import type { OrgPlan, Plan } from '../model/plan.js';
import { buildPlan, type BuildPlanInput } from '../plan/build-plan.js';
import { describeOperation } from '../plan/describe-operation.js';
import type { OrgVerification, Verification } from './apply-report.js';
import { summarizeOperation } from './apply-report.js';
import { isInEffect, revokedInviteIds } from './read-back.js';

export interface VerifyOptions {
  api: Pick<LosantApi, 'get' | 'pendingInvites'>;
  /**
   * What each org's plan was built from (the desired org, the token's user): the org is planned
   * again and must need nothing. An org without one (a saved plan) is checked operation by operation.
   */
  inputs?: readonly BuildPlanInput[];
  /** Now, in ms since the epoch (invite expiry is measured from it). */
  now: number;
}

function replanned(
  org: OrgPlan,
  input: BuildPlanInput,
  live: LiveOrg,
  now: number,
): OrgVerification {
  const again = buildPlan({ ...input, live, now });
  const differences = again.operations.map((op) => {
    const { sign, head } = describeOperation(op);
    return `${sign} ${head}`;
  });
  return {
    orgId: org.orgId,
    matches: differences.length === 0,
    differences,
    awaiting: again.awaiting.length,
  };
}

/** A saved plan has no desired org: each of its operations must show in the live org. */
function checkedByOperation(org: OrgPlan, live: LiveOrg): OrgVerification {
  const context = { revokedInviteIds: revokedInviteIds(org.operations) };
  const differences = org.operations
    .filter((op) => !isInEffect(live, op, context))
    .map((op) => `not in effect: ${summarizeOperation(op)}`);
  const awaiting = org.operations.filter(
    (op) => op.action === 'inviteMember' && isInEffect(live, op, context),
  ).length;
  return { orgId: org.orgId, matches: differences.length === 0, differences, awaiting };
}

async function verifyOrg(org: OrgPlan, options: VerifyOptions): Promise<OrgVerification> {
  let live: LiveOrg;
  try {
    const { org: read, invites } = await readLiveOrg(options.api, org.orgId);
    live = toLiveOrg(read, invites);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      orgId: org.orgId,
      matches: false,
      differences: [],
      awaiting: 0,
      error: `could not read the org again to check it: ${message}`,
    };
  }
  const input = options.inputs?.find((i) => i.desired.orgId === org.orgId);
  return input === undefined
    ? checkedByOperation(org, live)
    : replanned(org, input, live, options.now);
}

/** Reads every org of the plan again (all at once) and says what, if anything, still differs. */
export async function verifyApply(plan: Plan, options: VerifyOptions): Promise<Verification> {
  const orgs = await Promise.all(plan.orgs.map((org) => verifyOrg(org, options)));
  return { matches: orgs.every((o) => o.matches), orgs };
}
