// losant-org's own path, in process: the undici client, planOrgs (reads + planner) and applyPlan.
import { applyPlan, DEFAULT_CONCURRENCY } from '../src/apply/apply-plan.js';
import { planOrgs } from '../src/core/plan-orgs.js';
import { createLosantClient } from '../src/losant/client.js';
import type { DesiredOrg } from '../src/model/desired-org.js';
import type { Plan } from '../src/model/plan.js';

export interface OursTarget {
  url: string;
  token: string;
}

export { DEFAULT_CONCURRENCY };

export interface PlanRun {
  ms: number;
  plan: Plan;
}

/** Reads and plans, as `losant-org plan` does once the file is loaded; a new client each time. */
export async function runPlan(
  target: OursTarget,
  desired: DesiredOrg,
  allowRemovals: number,
): Promise<PlanRun> {
  const started = performance.now();
  const api = createLosantClient({ apiUrl: target.url, token: target.token });
  try {
    const { plan } = await planOrgs([desired], { api, now: Date.now(), allowRemovals });
    return { ms: performance.now() - started, plan };
  } finally {
    await api.close();
  }
}

export interface ApplyRun {
  ms: number;
  plan: Plan;
  failed: number;
}

/**
 * Reads, plans and applies, as `losant-org apply --yes` does once the file is loaded; the command's
 * verification afterwards (one more read round) is not timed, the ideal has no such round either.
 */
export async function runApply(
  target: OursTarget,
  desired: DesiredOrg,
  allowRemovals: number,
  concurrency: number,
): Promise<ApplyRun> {
  const started = performance.now();
  const api = createLosantClient({ apiUrl: target.url, token: target.token });
  try {
    const planned = await planOrgs([desired], { api, now: Date.now(), allowRemovals });
    const report = await applyPlan(planned.plan, api, { concurrency });
    return { ms: performance.now() - started, plan: planned.plan, failed: report.counts.failed };
  } finally {
    await api.close();
  }
}

/** The round trip of one small call (GET /me), sequentially: the injected latency plus every overhead. */
export async function measureRoundTrip(target: OursTarget, calls: number): Promise<number[]> {
  const api = createLosantClient({ apiUrl: target.url, token: target.token });
  try {
    const times: number[] = [];
    for (let i = 0; i < calls; i += 1) {
      const started = performance.now();
      await api.me();
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await api.close();
  }
}
