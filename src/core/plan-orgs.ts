// The plan of every declared org against its live state: the one core behind `plan`, `apply` and the Action.
import type { LosantApi } from '../losant/api.js';
import { LosantApiError } from '../losant/api-error.js';
import { readLiveOrg, toLiveOrg } from '../losant/read-live-org.js';
import type { DesiredOrg } from '../model/desired-org.js';
import type { LiveOrg, TokenUser } from '../model/live-org.js';
import type { Plan } from '../model/plan.js';
import { buildPlans, type BuildPlanInput } from '../plan/build-plan.js';

export interface PlanOrgsOptions {
  api: LosantApi;
  now: number;
  allowRemovals?: number;
  allowChanges?: number;
}

export interface PlannedOrgs {
  plan: Plan;
  /** What each org's plan was built from, in the order of plan.orgs (apply re-plans from these). */
  inputs: BuildPlanInput[];
  tokenUser: TokenUser | null;
}

/** The token's own user, or null when the token may not call GET /me (the planner then warns). */
export async function readTokenUser(api: Pick<LosantApi, 'me'>): Promise<TokenUser | null> {
  try {
    const me = await api.me();
    return { userId: me.userId ?? me.id, email: me.email };
  } catch (error) {
    if (error instanceof LosantApiError && error.status === 403) return null;
    throw error;
  }
}

/** Reads every org (two reads each, all at once) and plans it; any read error stops with that error. */
export async function readLiveOrgs(api: LosantApi, orgIds: readonly string[]): Promise<LiveOrg[]> {
  return Promise.all(
    orgIds.map(async (orgId) => {
      const { org, invites } = await readLiveOrg(api, orgId);
      return toLiveOrg(org, invites);
    }),
  );
}

export async function planOrgs(
  desired: readonly DesiredOrg[],
  options: PlanOrgsOptions,
): Promise<PlannedOrgs> {
  const needsUser = desired.some((org) => org.members !== undefined);
  const [tokenUser, live] = await Promise.all([
    needsUser ? readTokenUser(options.api) : Promise.resolve(null),
    readLiveOrgs(
      options.api,
      desired.map((org) => org.orgId),
    ),
  ]);
  const inputs = desired.map((org, i): BuildPlanInput => {
    const input: BuildPlanInput = { desired: org, live: live[i] as LiveOrg, now: options.now };
    if (needsUser) input.tokenUser = tokenUser;
    if (options.allowRemovals !== undefined) input.allowRemovals = options.allowRemovals;
    if (options.allowChanges !== undefined) input.allowChanges = options.allowChanges;
    return input;
  });
  return { plan: buildPlans(inputs), inputs, tokenUser };
}
