// The plan for machines and for `apply` later: described by schemas/plan.schema.json.
import type { Plan } from '../model/plan.js';

export interface RenderJsonOptions {
  /** ISO date-time the plan was made (the caller reads the clock). */
  createdAt: string;
  /** losant-org's version, from package.json. */
  toolVersion: string;
}

/** A saved plan: the Plan plus when and by which version it was made. */
export interface PlanDocument extends Plan {
  createdAt: string;
  toolVersion: string;
}

export function toPlanDocument(plan: Plan, options: RenderJsonOptions): PlanDocument {
  return {
    formatVersion: plan.formatVersion,
    toolVersion: options.toolVersion,
    createdAt: options.createdAt,
    hash: plan.hash,
    ...(plan.warnings !== undefined ? { warnings: plan.warnings } : {}),
    ...(plan.unreadable !== undefined ? { unreadable: plan.unreadable } : {}),
    orgs: plan.orgs,
  };
}

/** Pretty-printed JSON ending in a newline. */
export function renderJson(plan: Plan, options: RenderJsonOptions): string {
  return `${JSON.stringify(toPlanDocument(plan, options), null, 2)}\n`;
}
