// Injected faults: which API calls they hit, how many times, and what they do to the call.
import type { ApiAction } from '../losant/actions.js';
import { ACTIONS } from '../losant/actions.js';
import { validationFailure } from './api-failure.js';

export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

/** Fixed ms, or a [min, max] range drawn uniformly per request. */
export type Latency = number | [number, number];

export type FaultEffect =
  | { kind: 'latency'; ms: Latency }
  /** Answered before anything is done; `retryAfter` is sent as the Retry-After header (seconds or HTTP date). */
  | { kind: 'status'; status: FaultStatus; retryAfter?: string }
  /** The socket is destroyed before anything is done. */
  | { kind: 'reset' }
  /** The call is carried out (the write is committed), then the client gets a reset or an error status. */
  | { kind: 'after-commit'; then: 'reset' | 'status'; status?: FaultStatus };

export type Fault = FaultEffect & {
  action: ApiAction | '*';
  /** How many matching requests it hits: default 1, 0 = every request forever. */
  count?: number;
};

export type BreakingFault = Exclude<FaultEffect, { kind: 'latency' }>;

export interface FaultsForCall {
  latencyMs: number;
  breaking?: BreakingFault;
  /** The faults applied, in the --faults notation, for the call log. */
  labels: string[];
}

interface ArmedFault {
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private armed: ArmedFault[] = [];

  add(faults: readonly Fault[]): void {
    for (const fault of faults) {
      const count = fault.count ?? 1;
      this.armed.push({ fault, remaining: count === 0 ? Infinity : count });
    }
  }

  clear(): void {
    this.armed = [];
  }

  /** Faults still armed, with their remaining counts (0 = forever). */
  list(): Fault[] {
    return this.armed.map(({ fault, remaining }) => ({
      ...fault,
      count: remaining === Infinity ? 0 : remaining,
    }));
  }

  /** Consumes the faults that hit this call: every matching latency, then the first other fault. */
  takeFor(action: ApiAction): FaultsForCall {
    const result: FaultsForCall = { latencyMs: 0, labels: [] };
    for (const entry of this.armed) {
      const { fault } = entry;
      if (entry.remaining <= 0 || (fault.action !== '*' && fault.action !== action)) continue;
      if (fault.kind === 'latency') {
        result.latencyMs += drawLatency(fault.ms);
      } else if (result.breaking === undefined) {
        result.breaking = withoutTarget(fault);
      } else {
        continue;
      }
      entry.remaining -= 1;
      result.labels.push(describeFault(fault));
    }
    this.armed = this.armed.filter((entry) => entry.remaining > 0);
    return result;
  }
}

function withoutTarget(fault: Fault): BreakingFault {
  const effect: Partial<Fault> = { ...fault };
  delete effect.action;
  delete effect.count;
  return effect as BreakingFault;
}

export function drawLatency(latency: Latency): number {
  if (typeof latency === 'number') return latency;
  const [min, max] = latency;
  return min + Math.floor(Math.random() * (max - min + 1));
}

/** A fault in the compact notation of `--faults` (without target and count). */
function describeFault(fault: FaultEffect): string {
  switch (fault.kind) {
    case 'latency':
      return typeof fault.ms === 'number'
        ? `latency-${fault.ms}`
        : `latency-${fault.ms[0]}-${fault.ms[1]}`;
    case 'status':
      return fault.retryAfter === undefined
        ? `status-${fault.status}`
        : `status-${fault.status}:${fault.retryAfter}`;
    case 'reset':
      return 'reset';
    case 'after-commit':
      return fault.then === 'reset' ? 'after-commit-reset' : `after-commit-${fault.status ?? 500}`;
  }
}

/** Checks faults posted to the control surface; a 400 names the first thing wrong. */
export function checkFaults(value: unknown): Fault[] {
  if (!Array.isArray(value)) throw validationFailure('faults must be an array of fault objects');
  return value.map((item: unknown, i) => checkFault(item, `faults[${i}]`));
}

function checkFault(item: unknown, where: string): Fault {
  if (typeof item !== 'object' || item === null)
    throw validationFailure(`${where} must be an object`);
  const f = item as Record<string, unknown>;
  const action = f['action'];
  if (action !== '*' && !(typeof action === 'string' && action in ACTIONS)) {
    throw validationFailure(
      `${where}.action must be '*' or one of: ${Object.keys(ACTIONS).join(', ')}`,
    );
  }
  const target = action as ApiAction | '*';
  const count = f['count'];
  if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 0)) {
    throw validationFailure(`${where}.count must be an integer >= 0 (0 = forever)`);
  }
  const base = { action: target, ...(count !== undefined ? { count: count as number } : {}) };
  switch (f['kind']) {
    case 'latency':
      return { ...base, kind: 'latency', ms: checkLatency(f['ms'], `${where}.ms`) };
    case 'status': {
      const status = checkStatus(f['status'], `${where}.status`);
      const retryAfter = f['retryAfter'];
      if (retryAfter !== undefined && typeof retryAfter !== 'string') {
        throw validationFailure(`${where}.retryAfter must be a string (seconds or an HTTP date)`);
      }
      return {
        ...base,
        kind: 'status',
        status,
        ...(retryAfter !== undefined ? { retryAfter } : {}),
      };
    }
    case 'reset':
      return { ...base, kind: 'reset' };
    case 'after-commit': {
      const then = f['then'];
      if (then !== 'reset' && then !== 'status') {
        throw validationFailure(`${where}.then must be 'reset' or 'status'`);
      }
      if (then === 'reset') return { ...base, kind: 'after-commit', then };
      const status = f['status'] === undefined ? 500 : checkStatus(f['status'], `${where}.status`);
      return { ...base, kind: 'after-commit', then, status };
    }
    default:
      throw validationFailure(`${where}.kind must be one of: latency, status, reset, after-commit`);
  }
}

function checkStatus(value: unknown, where: string): FaultStatus {
  if (!FAULT_STATUSES.includes(value as FaultStatus)) {
    throw validationFailure(`${where} must be one of: ${FAULT_STATUSES.join(', ')}`);
  }
  return value as FaultStatus;
}

function checkLatency(value: unknown, where: string): Latency {
  const valid = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
  if (valid(value)) return value;
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    valid(value[0]) &&
    valid(value[1]) &&
    value[0] <= value[1]
  ) {
    return [value[0], value[1]];
  }
  throw validationFailure(`${where} must be ms (an integer >= 0) or [min, max]`);
}
