// The plan for machines and for `apply` later: described by schemas/plan.schema.json.
import { desiredOrgConfig, type OrgConfigDocument } from '../config/desired-org-config.js';
import type { DesiredOrg } from '../model/desired-org.js';
import type { OrgPlan, Plan } from '../model/plan.js';

export interface RenderJsonOptions {
  /** ISO date-time the plan was made (the caller reads the clock). */
  createdAt: string;
  /** losant-org's version, from package.json. */
  toolVersion: string;
  /**
   * What each org was planned from, in the order of plan.orgs: saved with it, so that applying the
   * saved plan plans again from the live state and applies only if the plan is the same.
   */
  desired?: readonly DesiredOrg[];
  /** --allow-removals N when it was given: applying the saved plan plans again with it. */
  allowRemovals?: number | undefined;
  /** --allow-changes N when it was given, likewise. */
  allowChanges?: number | undefined;
}

/** One org of a saved plan: its plan, and the configuration it was planned from. */
export type SavedOrgPlan = OrgPlan & { desired?: OrgConfigDocument };

/** A saved plan: the Plan plus when and by which version it was made, and what it was made from. */
export interface PlanDocument extends Plan {
  createdAt: string;
  toolVersion: string;
  allowRemovals?: number;
  allowChanges?: number;
  orgs: SavedOrgPlan[];
}

export function toPlanDocument(plan: Plan, options: RenderJsonOptions): PlanDocument {
  const desired = new Map((options.desired ?? []).map((d) => [d.orgId, d]));
  return {
    formatVersion: plan.formatVersion,
    toolVersion: options.toolVersion,
    createdAt: options.createdAt,
    hash: plan.hash,
    ...(options.allowRemovals === undefined ? {} : { allowRemovals: options.allowRemovals }),
    ...(options.allowChanges === undefined ? {} : { allowChanges: options.allowChanges }),
    ...(plan.warnings !== undefined ? { warnings: plan.warnings } : {}),
    ...(plan.unreadable !== undefined ? { unreadable: plan.unreadable } : {}),
    orgs: plan.orgs.map((org) => {
      const from = desired.get(org.orgId);
      return from === undefined ? org : { ...org, desired: desiredOrgConfig(from) };
    }),
  };
}

/** Pretty-printed JSON ending in a newline. */
export function renderJson(plan: Plan, options: RenderJsonOptions): string {
  return `${JSON.stringify(toPlanDocument(plan, options), null, 2)}\n`;
}
