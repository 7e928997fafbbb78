// The compact fault notation of `losant-org emulator --faults` and `--latency`.
import { ACTIONS } from '../losant/actions.js';
import type { ApiAction } from '../losant/actions.js';
import { UsageError } from '../model/errors.js';
import type { Fault, FaultEffect, FaultStatus, Latency } from './faults.js';
import { FAULT_STATUSES } from './faults.js';

export const FAULT_SPEC_HELP = `--faults is a comma-separated list of TARGET=FAULT[*COUNT]:
  TARGET  an action (org.get, org.inviteMember, ..., me.get) or * for every action
  FAULT   latency-MS | latency-MIN-MAX      delay the answer
          status-CODE[:RETRY_AFTER]         answer 429/500/502/503/504 before doing anything
                                            (RETRY_AFTER in seconds, sent as Retry-After)
          reset                             destroy the connection before doing anything
          after-commit-reset                do the call (the write happens), then destroy the connection
          after-commit-CODE                 do the call, then answer CODE (500/502/503/504/429)
  COUNT   how many matching calls it hits: default 1, 0 = every call
  e.g.    org.inviteMember=after-commit-reset*2,org.get=status-503*1,*=latency-20*0`;

function usage(spec: string, what: string): UsageError {
  return new UsageError(`--faults '${spec}': ${what}\n\n${FAULT_SPEC_HELP}`);
}

export function parseFaultSpec(spec: string): Fault[] {
  return spec
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => parseFaultItem(item));
}

function parseFaultItem(item: string): Fault {
  const eq = item.indexOf('=');
  if (eq <= 0) throw usage(item, 'expected TARGET=FAULT');
  const target = item.slice(0, eq);
  if (target !== '*' && !(target in ACTIONS)) {
    throw usage(item, `unknown target '${target}' (an action such as org.get, or *)`);
  }
  let rest = item.slice(eq + 1);
  let count: number | undefined;
  const counted = /^(.*)\*(\d+)$/.exec(rest);
  if (counted !== null) {
    rest = counted[1] ?? '';
    count = Number(counted[2]);
  }
  const effect = parseEffect(rest, item);
  return {
    ...effect,
    action: target as ApiAction | '*',
    ...(count !== undefined ? { count } : {}),
  };
}

function parseEffect(text: string, item: string): FaultEffect {
  if (text === 'reset') return { kind: 'reset' };
  if (text === 'after-commit-reset') return { kind: 'after-commit', then: 'reset' };
  const afterCommit = /^after-commit-(\d{3})$/.exec(text);
  if (afterCommit !== null) {
    return { kind: 'after-commit', then: 'status', status: parseStatus(afterCommit[1], item) };
  }
  const status = /^status-(\d{3})(?::(\d+))?$/.exec(text);
  if (status !== null) {
    const retryAfter = status[2];
    return {
      kind: 'status',
      status: parseStatus(status[1], item),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    };
  }
  const latency = /^latency-(.+)$/.exec(text);
  if (latency !== null) return { kind: 'latency', ms: parseLatencyText(latency[1] ?? '', item) };
  throw usage(item, `unknown fault '${text}'`);
}

function parseStatus(text: string | undefined, item: string): FaultStatus {
  const status = Number(text);
  if (!FAULT_STATUSES.includes(status as FaultStatus)) {
    throw usage(item, `status must be one of ${FAULT_STATUSES.join(', ')}`);
  }
  return status as FaultStatus;
}

function parseLatencyText(text: string, item: string): Latency {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (match === null) throw usage(item, 'latency is MS or MIN-MAX in milliseconds');
  const min = Number(match[1]);
  if (match[2] === undefined) return min;
  const max = Number(match[2]);
  if (max < min) throw usage(item, 'latency MIN-MAX needs MIN <= MAX');
  return [min, max];
}

/** `--latency 20` or `--latency 10-50` (ms), for every API call. */
export function parseLatencyOption(text: string): Latency {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  const min = Number(match?.[1]);
  const max = match?.[2] === undefined ? min : Number(match[2]);
  if (match === null || max < min) {
    throw new UsageError(
      `--latency '${text}': expected MS or MIN-MAX in milliseconds, e.g. --latency 20`,
    );
  }
  return match[2] === undefined ? min : [min, max];
}
