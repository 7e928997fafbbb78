// Apply under the emulator's faults: plan, arm the faults, apply, and check what must hold whatever
// the faults (only planned writes, no invite twice, the org converges). Shared by apply-faults and
// apply-timeouts; each test's emulator is closed by closeFaultEnvs (afterEach).
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import type { Fault } from '../../src/emulator/server.js';
import {
  everyActionDesired,
  expectNoDuplicateInvites,
  expectOnlyPlannedWrites,
  fastApplyOptions,
  isWrite,
  planAndApply,
  planLive,
  remainingOperations,
  startApplyEnv,
  type ApplyEnv,
} from './apply-fixtures.js';

let env: ApplyEnv | undefined;

/** The emulator of the running test, if it started one. */
export function faultEnv(): ApplyEnv | undefined {
  return env;
}

export async function closeFaultEnvs(): Promise<void> {
  await env?.close();
  env = undefined;
}

/** The longest delay a latency fault adds: how long a request given up on may still be running. */
function slowestLatencyMs(faults: readonly Fault[]): number {
  const delays = faults.flatMap((f) =>
    f.kind === 'latency' ? [typeof f.ms === 'number' ? f.ms : f.ms[1]] : [],
  );
  return Math.max(0, ...delays);
}

/** Plans, arms the faults (so they hit the apply, not the planning reads), applies, and checks the invariants. */
export async function applyWithFaults(
  faults: Fault[],
  options: { requestTimeoutMs?: number } = {},
) {
  env = await startApplyEnv(options);
  const desired = await everyActionDesired();
  const { plan } = await planLive(env, desired);
  await env.emulator.control.clearLog();
  await env.emulator.control.addFaults(faults);

  const report = await applyPlan(plan, env.client, fastApplyOptions(env, { settleDelayMs: 300 }));

  const log = await env.emulator.control.log();
  expectOnlyPlannedWrites(log, plan);
  await expectNoDuplicateInvites(env);
  expect(await remainingOperations(env, desired)).toEqual([]);
  // A request the client gave up on is still answered (and logged) late: let it land first.
  await sleep(slowestLatencyMs(faults));
  // A second apply converges: nothing left to write.
  await env.emulator.control.clearLog();
  const second = await planAndApply(env, desired);
  expect(second.report.counts.total).toEqual(0);
  expect((await env.emulator.control.log()).filter(isWrite)).toEqual([]);
  return { report, log, plan };
}

/** Applies once with faults that never end: no convergence expected. */
export async function applyWithFaultsOnce(faults: Fault[]) {
  env = await startApplyEnv();
  const desired = await everyActionDesired();
  const { plan } = await planLive(env, desired);
  await env.emulator.control.addFaults(faults);
  const report = await applyPlan(plan, env.client, fastApplyOptions(env));
  await env.emulator.control.clearFaults();
  return { report, plan };
}
