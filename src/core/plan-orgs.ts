// The plan of every declared org against its live state: the one core behind `plan`, `apply` and the Action.
import type { LosantApi } from '../losant/api.js';
import { LosantApiError } from '../losant/api-error.js';
import { readLiveOrg, toLiveOrg } from '../losant/read-live-org.js';
import type { DesiredOrg } from '../model/desired-org.js';
import type { LiveOrg, TokenUser } from '../model/live-org.js';
import type { Plan, UnreadableOrg } from '../model/plan.js';
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

/** One org's live state, or why it could not be read. */
export type LiveOrgRead = { live: LiveOrg } | { error: LosantApiError };

/**
 * Reads every org (two reads each, all at once). An API error on one org is that org's result:
 * it never hides the others. Anything else (a bug) is thrown.
 */
export async function readLiveOrgs(
  api: LosantApi,
  orgIds: readonly string[],
): Promise<LiveOrgRead[]> {
  return Promise.all(
    orgIds.map(async (orgId): Promise<LiveOrgRead> => {
      try {
        const { org, invites } = await readLiveOrg(api, orgId);
        return { live: toLiveOrg(org, invites) };
      } catch (error) {
        if (error instanceof LosantApiError) return { error };
        throw error;
      }
    }),
  );
}

function unreadableOrg(desired: DesiredOrg, error: LosantApiError): UnreadableOrg {
  const org: UnreadableOrg = {
    orgId: desired.orgId,
    file: desired.file,
    action: error.action,
    message: error.message,
  };
  if (error.status !== undefined) org.status = error.status;
  return org;
}

/** Plans every org that could be read; the others are listed in `plan.unreadable`. */
export async function planOrgs(
  desired: readonly DesiredOrg[],
  options: PlanOrgsOptions,
): Promise<PlannedOrgs> {
  const needsUser = desired.some((org) => org.members !== undefined);
  const [tokenUser, reads] = await Promise.all([
    needsUser ? readTokenUser(options.api) : Promise.resolve(null),
    readLiveOrgs(
      options.api,
      desired.map((org) => org.orgId),
    ),
  ]);
  const inputs: BuildPlanInput[] = [];
  const unreadable: UnreadableOrg[] = [];
  desired.forEach((org, i) => {
    const read = reads[i] as LiveOrgRead;
    if ('error' in read) {
      unreadable.push(unreadableOrg(org, read.error));
      return;
    }
    const input: BuildPlanInput = { desired: org, live: read.live, now: options.now };
    if (needsUser) input.tokenUser = tokenUser;
    if (options.allowRemovals !== undefined) input.allowRemovals = options.allowRemovals;
    if (options.allowChanges !== undefined) input.allowChanges = options.allowChanges;
    inputs.push(input);
  });
  const plan = buildPlans(inputs);
  if (unreadable.length > 0) plan.unreadable = unreadable;
  return { plan, inputs, tokenUser };
}
