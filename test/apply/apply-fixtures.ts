// Shared by the apply tests: the demo emulator at a fixed time, a fast client, plans, and log checks.
import { expect } from 'vitest';
import { applyPlan, type ApplyOptions } from '../../src/apply/apply-plan.js';
import type { ApplyReport, OperationResult } from '../../src/apply/apply-report.js';
import type { RateLimitOptions } from '../../src/apply/execute-operation.js';
import { AdaptiveLimiter, throttleOnRateLimit } from '../../src/apply/limiter.js';
import { loadDesiredOrgs } from '../../src/config/load-desired-orgs.js';
import { planOrgs, type PlannedOrgs } from '../../src/core/plan-orgs.js';
import type { CallLogEntry, EmulatorSeed } from '../../src/emulator/server.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { createLosantClient, type LosantClient } from '../../src/losant/client.js';
import { emailKey } from '../../src/model/access.js';
import type { DesiredOrg } from '../../src/model/desired-org.js';
import type { Operation, Plan } from '../../src/model/plan.js';

/** The emulator's clock and the planner's `now`: the demo's invites are dated from it. */
export const NOW = Date.parse('2025-06-01T12:00:00.000Z');

/** The client's own retries in tests: 3 tries, waits of a few ms (a Retry-After capped at 4 ms). */
export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 4 };

export interface ApplyEnv {
  emulator: RunningEmulator;
  client: LosantClient;
  limiter: AdaptiveLimiter;
  close(): Promise<void>;
}

export interface EnvOptions {
  state?: EmulatorSeed;
  requestTimeoutMs?: number;
  concurrency?: number;
  /** Token other than the emulator's admin token. */
  token?: string;
  /** The emulator's latency for every answer, ms. */
  latencyMs?: number;
}

/** An emulator (the demo org unless `state`) and a client with tiny retry waits, wired to one limiter. */
export async function startApplyEnv(options: EnvOptions = {}): Promise<ApplyEnv> {
  const emulator = await startEmulator({
    now: () => NOW,
    ...(options.state === undefined ? {} : { state: options.state }),
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
  });
  const limiter = new AdaptiveLimiter({ max: options.concurrency ?? 8 });
  const client = createLosantClient({
    apiUrl: emulator.url,
    token: options.token ?? emulator.token,
    ...(options.requestTimeoutMs === undefined
      ? {}
      : { requestTimeoutMs: options.requestTimeoutMs }),
    retry: FAST_RETRY,
    onRetry: throttleOnRateLimit(limiter),
  });
  return {
    emulator,
    client,
    limiter,
    close: async () => {
      await client.close();
      await emulator.close();
    },
  };
}

/** A second client on the same emulator with another token (its own limiter). */
export function startApplyEnvOn(env: ApplyEnv, token: string): ApplyEnv {
  const limiter = new AdaptiveLimiter({ max: 8 });
  const client = createLosantClient({
    apiUrl: env.emulator.url,
    token,
    retry: FAST_RETRY,
    onRetry: throttleOnRateLimit(limiter),
  });
  return { emulator: env.emulator, client, limiter, close: () => client.close() };
}

/**
 * Rate-limit waits are recorded, not waited: the waits asked for (Retry-After, the backoff and the
 * cap) stay observable, and no test waits for real. An aborted signal still cuts a wait short.
 */
export function instantWaits(waits: number[] = []): NonNullable<RateLimitOptions['wait']> {
  return (ms, signal) => {
    waits.push(ms);
    return signal?.aborted === true ? Promise.reject(new Error('aborted')) : Promise.resolve();
  };
}

/** Fast settings for applyPlan in tests: no real waits. */
export function fastApplyOptions(env: ApplyEnv, extra: ApplyOptions = {}): ApplyOptions {
  return {
    limiter: env.limiter,
    rateLimit: { maxAttempts: 6, baseDelayMs: 1, wait: instantWaits() },
    settleDelayMs: 0,
    resendWaitMs: 0,
    ...extra,
  };
}

/** The orgs of configuration files, e.g. examples/small-team.yaml (no errors expected). */
export async function loadExample(...paths: string[]): Promise<DesiredOrg[]> {
  const loaded = await loadDesiredOrgs(paths, { env: {}, cwd: process.cwd() });
  expect(loaded.errors).toEqual([]);
  return loaded.orgs;
}

/** small-team.yaml with another description, so that the plan holds every write action. */
/** Every operation of everyActionDesired() done, in plan order (as `statuses` prints them). */
export const EVERY_ACTION_DONE = [
  'done update org properties (description)',
  'done revoke invite 6650f0c1a2b3c4d5e6f70d02 of barbara@acme-iot.example (collaborate)',
  'done invite barbara@acme-iot.example (collaborate)',
  'done invite hedy@acme-iot.example (view)',
  'done change linus@acme-iot.example (edit -> collaborate)',
  'done remove ken@acme-iot.example (view)',
];

export async function everyActionDesired(): Promise<DesiredOrg[]> {
  const [org] = await loadExample('examples/small-team.yaml');
  if (org === undefined) throw new Error('examples/small-team.yaml declares no org');
  return [{ ...org, properties: { ...org.properties, description: 'Production fleet, managed' } }];
}

export function planLive(env: ApplyEnv, desired: DesiredOrg[]): Promise<PlannedOrgs> {
  return planOrgs(desired, { api: env.client, now: NOW });
}

/** Plans and applies once; returns the plan applied and the report. */
export async function planAndApply(
  env: ApplyEnv,
  desired: DesiredOrg[],
  options: ApplyOptions = {},
): Promise<{ plan: Plan; report: ApplyReport }> {
  const { plan } = await planLive(env, desired);
  const report = await applyPlan(plan, env.client, fastApplyOptions(env, options));
  return { plan, report };
}

export function operationsOf(plan: Plan): Operation[] {
  return plan.orgs.flatMap((org) => org.operations);
}

export function isWrite(entry: CallLogEntry): boolean {
  return entry.action !== null && entry.method !== 'GET';
}

/** The plan operation a logged write carries out, or undefined when the plan holds no such write. */
export function operationOfWrite(entry: CallLogEntry, plan: Plan): Operation | undefined {
  const orgOf = (path: string): string => path.split('/')[2] ?? '';
  return operationsOf(plan).find((op) => {
    if (op.orgId !== orgOf(entry.path) || `org.${op.action}` !== entry.action) return false;
    switch (op.action) {
      case 'patch':
      case 'inviteMember':
      case 'modifyMember':
        return JSON.stringify(entry.body) === JSON.stringify(op.body);
      case 'removeMember':
        return entry.query['userId'] === op.query.userId;
      case 'revokeInvite':
        return entry.query['inviteId'] === op.query.inviteId;
    }
  });
}

/** A 4xx answer (429 included) means the API did nothing: sending again needs no read-back. */
function certainlyNotMade(entry: CallLogEntry): boolean {
  return entry.status !== null && entry.status >= 400 && entry.status < 500;
}

/**
 * Every write in the log is one of the plan's operations; an invite is sent again after one whose
 * outcome was unknown (a reset or a 5xx) only after a read-back of the pending invites.
 */
export function expectOnlyPlannedWrites(log: CallLogEntry[], plan: Plan): void {
  const strays = log.filter((e) => isWrite(e) && operationOfWrite(e, plan) === undefined);
  expect(strays).toEqual([]);
  const lastUnsettledInviteOf = new Map<string, number>();
  log.forEach((entry, index) => {
    if (entry.action !== 'org.inviteMember') return;
    const email = emailKey((entry.body as { email: string }).email);
    const previous = lastUnsettledInviteOf.get(email);
    if (previous !== undefined) {
      const between = log.slice(previous + 1, index);
      expect(between.some((e) => e.action === 'org.pendingInvites')).toBe(true);
    }
    if (!certainlyNotMade(entry)) lastUnsettledInviteOf.set(email, index);
  });
}

/** Pending invites per email in the emulator's state: never more than one. */
export async function expectNoDuplicateInvites(env: ApplyEnv): Promise<void> {
  const state = await env.emulator.control.state();
  const duplicates = state.orgs.flatMap((org) => {
    const seen = new Map<string, number>();
    for (const invite of org.invites ?? []) {
      const key = emailKey(invite.email);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([email]) => `${org.id} ${email}`);
  });
  expect(duplicates).toEqual([]);
}

/** The report's operations as `status summary`, for whole-value comparisons. */
export function statuses(report: ApplyReport): string[] {
  return report.orgs.flatMap((org) => org.operations.map((r) => `${r.status} ${r.summary}`));
}

export function resultFor(report: ApplyReport, action: Operation['action']): OperationResult[] {
  return report.orgs.flatMap((org) => org.operations.filter((r) => r.action === action));
}

/** Plans again from the live state: what is still left to do. */
export async function remainingOperations(
  env: ApplyEnv,
  desired: DesiredOrg[],
): Promise<Operation[]> {
  const { plan } = await planLive(env, desired);
  return operationsOf(plan);
}
