// The one apply sequence behind `losant-org apply` and the Action's apply mode:
// plan, refuse, apply, verify, summarize. The callers only show, ask and post.
import { applyPlan, type ApplyOptions } from '../apply/apply-plan.js';
import { withVerification, type ApplyReport } from '../apply/apply-report.js';
import { renderApplySummary } from '../apply/render-apply-report.js';
import { checkPlanIsCurrent } from '../apply/saved-plan.js';
import { verifyApply } from '../apply/verify-apply.js';
import type { LosantApi } from '../losant/api.js';
import type { DesiredOrg } from '../model/desired-org.js';
import type { Plan } from '../model/plan.js';
import type { BuildPlanInput } from '../plan/build-plan.js';
import { operationCount } from '../plan/describe-operation.js';
import { planRefusedError, type PlanRefusedError } from '../plan/plan-refused-error.js';
import { planOrgs } from './plan-orgs.js';

/** What to apply: the declared orgs of the files, or a plan saved by `plan --out`. */
export type ApplySource =
  { kind: 'files'; desired: readonly DesiredOrg[] } | { kind: 'saved'; file: string; plan: Plan };

export interface PreparedPlan {
  plan: Plan;
  /** What each org was planned from (absent for a saved plan): verification plans again from it. */
  inputs?: BuildPlanInput[];
}

export interface ApplyFlowOptions extends Omit<ApplyOptions, 'concurrency'> {
  api: LosantApi;
  /** From --allow-removals N (or the Action's allow-removals); files only. */
  allowRemovals?: number;
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

/** Plans the files' orgs, or checks that the saved plan's orgs are still as it found them. */
export async function preparePlan(
  source: ApplySource,
  options: Pick<ApplyFlowOptions, 'api' | 'allowRemovals' | 'now'>,
): Promise<PreparedPlan> {
  if (source.kind === 'saved') {
    await checkPlanIsCurrent(source.plan, options.api, source.file);
    return { plan: source.plan };
  }
  const { plan, inputs } = await planOrgs(source.desired, {
    api: options.api,
    now: (options.now ?? Date.now)(),
    ...(options.allowRemovals === undefined ? {} : { allowRemovals: options.allowRemovals }),
  });
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

function applyOptionsOf(options: ApplyFlowOptions): ApplyOptions {
  const picked: ApplyOptions = {};
  if (options.limiter !== undefined) picked.limiter = options.limiter;
  if (options.signal !== undefined) picked.signal = options.signal;
  if (options.onOperationDone !== undefined) picked.onOperationDone = options.onOperationDone;
  if (options.rateLimit !== undefined) picked.rateLimit = options.rateLimit;
  if (options.settleDelayMs !== undefined) picked.settleDelayMs = options.settleDelayMs;
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

  const refused = planRefusedError(plan);
  if (refused !== undefined) {
    await options.onRefused?.(plan, refused);
    throw refused;
  }
  if (operationCount(plan) === 0)
    return { status: 'nothing-to-do', plan, report: emptyReport(plan) };
  if (options.beforeWrite !== undefined && !(await options.beforeWrite(plan))) {
    return { status: 'cancelled', plan };
  }

  const writesOver = options.duringWrites?.();
  let applied: ApplyReport;
  try {
    applied = await applyPlan(plan, options.api, applyOptionsOf(options));
  } finally {
    writesOver?.();
  }
  const report = applied.interrupted
    ? applied
    : withVerification(
        applied,
        await verifyApply(plan, {
          api: options.api,
          ...(inputs === undefined ? {} : { inputs }),
          now: now(),
        }),
      );
  return {
    status: 'applied',
    plan,
    report,
    summary: renderApplySummary(report, { color: options.color ?? false }),
  };
}
