// The one apply sequence behind `losant-org apply` and the Action's apply mode:
// plan, refuse, apply, verify, summarize. The callers only show, ask and post.
import { applyPlan, type ApplyOptions } from '../apply/apply-plan.js';
import {
  withSkippedOrgs,
  withVerification,
  type ApplyReport,
  type SkippedOrg,
} from '../apply/apply-report.js';
import { renderApplySummary } from '../apply/render-apply-report.js';
import { StalePlanError, withSavedSources, type SavedPlan } from '../apply/saved-plan.js';
import { verifyApply } from '../apply/verify-apply.js';
import type { LosantApi } from '../losant/api.js';
import type { DesiredOrg } from '../model/desired-org.js';
import type { Plan } from '../model/plan.js';
import type { BuildPlanInput } from '../plan/build-plan.js';
import { operationCount } from '../plan/describe-operation.js';
import { describePlanChanges } from '../plan/describe-plan-changes.js';
import { planRefusedError, type PlanRefusedError } from '../plan/plan-refused-error.js';
import { planOrgs } from './plan-orgs.js';

/** What to apply: the declared orgs of the files, or a plan saved by `plan --out`. */
export type ApplySource =
  | { kind: 'files'; desired: readonly DesiredOrg[] }
  | { kind: 'saved'; file: string; plan: SavedPlan };

export interface PreparedPlan {
  plan: Plan;
  /** What each org was planned from: verification plans again from it. */
  inputs?: BuildPlanInput[];
}

export interface ApplyFlowOptions extends Omit<ApplyOptions, 'concurrency'> {
  api: LosantApi;
  /** From --allow-removals N (or the Action's allow-removals); files only. */
  allowRemovals?: number;
  /** From --allow-changes N (or the Action's allow-changes); files only. */
  allowChanges?: number;
  /** Now, in ms since the epoch; read when planning and when verifying. Default Date.now. */
  now?: () => number;
  /** The plan as made, before any guard is checked: show it (and set outputs). */
  showPlan?: (plan: Plan) => void | Promise<void>;
  /** A guard refused the plan: called before the refusal is thrown; nothing was written. */
  onRefused?: (plan: Plan, refusal: PlanRefusedError) => void | Promise<void>;
  /**
   * The last word before the first write, called only when there is something to write and no
   * guard refused: the confirmation (CLI) or the reviewed-plan check (Action). Throw, or return
   * false, to write nothing.
   */
  beforeWrite?: (plan: Plan) => Promise<boolean>;
  /**
   * Called just before the first write; what it returns is called when the writes are over
   * (before verifying). For signal handlers that abort `signal`.
   */
  duringWrites?: () => () => void;
  /** Colors in the returned summary. */
  color?: boolean;
}

export type ApplyFlowResult =
  /** The org already matches: nothing was written. */
  | { status: 'nothing-to-do'; plan: Plan; report: ApplyReport }
  /** beforeWrite said no: nothing was written. */
  | { status: 'cancelled'; plan: Plan }
  /** Written (all, part or, when interrupted, some); `report.verification` unless interrupted. */
  | { status: 'applied'; plan: Plan; report: ApplyReport; summary: string };

/**
 * Plans the files' orgs. A saved plan is data from outside: its orgs are planned again from the
 * desired state it carries and the live state read now, so every guard runs again and order,
 * dependencies and `before` come from the live org; it is applied only when that plan does what
 * the saved one says (same hash), and refused, saying what changed, when it does not.
 */
export async function preparePlan(
  source: ApplySource,
  options: Pick<ApplyFlowOptions, 'api' | 'allowRemovals' | 'allowChanges' | 'now'>,
): Promise<PreparedPlan> {
  const desired = source.kind === 'saved' ? source.plan.desired : source.desired;
  const allowRemovals = source.kind === 'saved' ? source.plan.allowRemovals : options.allowRemovals;
  const allowChanges = source.kind === 'saved' ? source.plan.allowChanges : options.allowChanges;
  const { plan, inputs } = await planOrgs(desired, {
    api: options.api,
    now: (options.now ?? Date.now)(),
    ...(allowRemovals === undefined ? {} : { allowRemovals }),
    ...(allowChanges === undefined ? {} : { allowChanges }),
  });
  if (source.kind === 'saved') {
    if (plan.hash !== source.plan.hash) {
      throw new StalePlanError(describePlanChanges(source.plan.orgs, plan.orgs), source.file);
    }
    return { plan: withSavedSources(plan, source.plan), inputs };
  }
  return { plan, inputs };
}

/** The report of a plan with nothing to do: every org, no operation. */
export function emptyReport(plan: Plan): ApplyReport {
  return {
    ok: true,
    interrupted: false,
    counts: { done: 0, failed: 0, skipped: 0, total: 0 },
    orgs: plan.orgs.map((org) => ({
      orgId: org.orgId,
      orgName: org.orgName,
      file: org.file,
      counts: { done: 0, failed: 0, skipped: 0, total: 0 },
      operations: [],
    })),
  };
}

/** The orgs apply leaves alone: those a guard refused, then those that could not be read. */
export function skippedOrgs(plan: Plan): SkippedOrg[] {
  const refused = plan.orgs
    .filter((org) => org.refusals.length > 0)
    .map((org): SkippedOrg => ({
      orgId: org.orgId,
      file: org.file,
      orgName: org.orgName,
      kind: 'refused',
      reason: org.refusals
        .map((r) => `guard ${r.guard}: ${r.message}; to proceed: ${r.override}`)
        .join('; '),
    }));
  const unreadable = (plan.unreadable ?? []).map((org): SkippedOrg => ({
    orgId: org.orgId,
    file: org.file,
    kind: 'unreadable',
    reason: org.message,
  }));
  return [...refused, ...unreadable];
}

function applyOptionsOf(options: ApplyFlowOptions): ApplyOptions {
  const picked: ApplyOptions = {};
  if (options.limiter !== undefined) picked.limiter = options.limiter;
  if (options.signal !== undefined) picked.signal = options.signal;
  if (options.onOperationDone !== undefined) picked.onOperationDone = options.onOperationDone;
  if (options.rateLimit !== undefined) picked.rateLimit = options.rateLimit;
  if (options.settleDelayMs !== undefined) picked.settleDelayMs = options.settleDelayMs;
  if (options.resendWaitMs !== undefined) picked.resendWaitMs = options.resendWaitMs;
  return picked;
}

/**
 * Plans (or checks a saved plan), refuses a plan a guard refused, asks `beforeWrite`, applies
 * exactly the plan, reads every org again to verify it (unless interrupted), and summarizes.
 */
export async function runApplyFlow(
  source: ApplySource,
  options: ApplyFlowOptions,
): Promise<ApplyFlowResult> {
  const now = options.now ?? Date.now;
  const { plan, inputs } = await preparePlan(source, options);
  await options.showPlan?.(plan);

  // Orgs are independent: one refused or unreadable org is skipped, and the others are applied.
  const skipped = skippedOrgs(plan);
  const toApply: Plan =
    skipped.length === 0
      ? plan
      : { ...plan, orgs: plan.orgs.filter((org) => org.refusals.length === 0) };
  const refused = planRefusedError(plan);
  if (refused !== undefined && operationCount(toApply) === 0) {
    await options.onRefused?.(plan, refused);
    throw refused;
  }
  if (operationCount(toApply) === 0) {
    return {
      status: 'nothing-to-do',
      plan,
      report: withSkippedOrgs(emptyReport(toApply), skipped),
    };
  }
  if (options.beforeWrite !== undefined && !(await options.beforeWrite(toApply))) {
    return { status: 'cancelled', plan };
  }

  const writesOver = options.duringWrites?.();
  let applied: ApplyReport;
  try {
    applied = await applyPlan(toApply, options.api, applyOptionsOf(options));
  } finally {
    writesOver?.();
  }
  const applying = new Set(toApply.orgs.map((org) => org.orgId));
  const verified = applied.interrupted
    ? applied
    : withVerification(
        applied,
        await verifyApply(toApply, {
          api: options.api,
          ...(inputs === undefined
            ? {}
            : { inputs: inputs.filter((input) => applying.has(input.desired.orgId)) }),
          now: now(),
        }),
      );
  const report = withSkippedOrgs(verified, skipped);
  return {
    status: 'applied',
    plan,
    report,
    summary: renderApplySummary(report, { color: options.color ?? false }),
  };
}
