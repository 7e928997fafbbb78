// An API request end to end: route, injected faults and latency, the action, the answer, the call log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiAction } from '../losant/actions.js';
import type { LosantErrorType } from './api-failure.js';
import { ApiFailure } from './api-failure.js';
import { matchRoute } from './api-routes.js';
import type { CallLog } from './call-log.js';
import type { EmulatorState } from './emulator-state.js';
import type { ApiResult } from './execute-action.js';
import { executeAction } from './execute-action.js';
import type { BreakingFault, FaultQueue, Latency } from './faults.js';
import { drawLatency } from './faults.js';
import type { ParsedBody } from './http-json.js';
import { bodyForLog, sendJson } from './http-json.js';
import { chooseEncoding } from './answer-compression.js';
import type { BandwidthLink } from './bandwidth-link.js';
import { prepareAnswer, sendAnswer } from './send-answer.js';

export interface ApiContext {
  state: EmulatorState;
  faults: FaultQueue;
  log: CallLog;
  /** Added to every API call (benchmarks, rehearsals on a "slow" API). */
  latency?: Latency;
  /** Paces the action answers' bytes (benchmarks of transfer time). */
  link?: BandwidthLink;
}

const STATUS_TYPES: Record<number, LosantErrorType> = {
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export async function handleApiRequest(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: ParsedBody,
  /** performance.now() when the request came in. */
  arrived: number,
): Promise<void> {
  const method = req.method ?? 'GET';
  const base = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: bodyForLog(body),
  };
  const route = matchRoute(method, url.pathname);
  if (route.kind !== 'action') {
    const failure =
      route.kind === 'no-route'
        ? new ApiFailure(404, 'NotFound', `No API route ${method} ${url.pathname}`)
        : new ApiFailure(
            405,
            'MethodNotAllowed',
            `${method} is not allowed on ${route.template}; use ${route.allow.join(', ')}`,
          );
    const headers: Record<string, string> =
      route.kind === 'method-not-allowed' ? { allow: route.allow.join(', ') } : {};
    ctx.log.record({ action: null, ...base, status: failure.status });
    sendJson(res, failure.status, failure.body, headers);
    return;
  }

  const { action } = route;
  // The latency is the time from the request's arrival to its answer, as a remote API's time is: the
  // work (the action and the answer's serialization) is done on arrival and the answer waits for the
  // rest, so that calls in flight together are not held up behind one another's work on this one thread.
  const hit = ctx.faults.takeFor(action);
  const record = (status: number | null): void =>
    ctx.log.record({
      action,
      ...base,
      status,
      ...(hit.labels.length > 0 ? { fault: hit.labels.join('+') } : {}),
    });
  const delay = (ctx.latency === undefined ? 0 : drawLatency(ctx.latency)) + hit.latencyMs;
  const answerTime = (): Promise<void> => waitUntil(arrived + delay);

  const fault = hit.breaking;
  if (fault?.kind === 'reset') {
    record(null);
    await answerTime();
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'status') {
    record(fault.status);
    await answerTime();
    sendFaultStatus(res, action, fault);
    return;
  }

  const result = runAction(ctx.state, action, route.orgId, req, url, body);
  if (fault?.kind === 'after-commit') {
    const status = fault.then === 'reset' ? null : (fault.status ?? 500);
    record(status);
    await answerTime();
    if (status === null) req.socket.destroy();
    else sendFaultStatus(res, action, { kind: 'status', status });
    return;
  }
  record(result.status);
  const encoding = chooseEncoding(headerText(req.headers['accept-encoding']));
  const answer = prepareAnswer(result.status, result.body, encoding, ctx.log);
  await answerTime();
  await sendAnswer(res, answer, ctx.link);
}

/**
 * Resolves at `deadline` (a performance.now() time), never sooner and within a fraction of a millisecond
 * after: a timer for all but the last millisecond (timers count from the event loop's cached clock, in
 * whole milliseconds, so they fire up to a millisecond or more off), then turns of the event loop, which
 * keep serving other requests, until the deadline has passed.
 */
async function waitUntil(deadline: number): Promise<void> {
  for (let left = deadline - performance.now(); left > 0; left = deadline - performance.now()) {
    if (left > 1.5) await sleep(Math.floor(left - 1));
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function runAction(
  state: EmulatorState,
  action: ApiAction,
  orgId: string | undefined,
  req: IncomingMessage,
  url: URL,
  body: ParsedBody,
): ApiResult {
  try {
    return executeAction(state, {
      action,
      ...(orgId !== undefined ? { orgId } : {}),
      authorization: req.headers.authorization,
      query: url.searchParams,
      body,
    });
  } catch (error) {
    if (error instanceof ApiFailure) return { status: error.status, body: error.body };
    throw error;
  }
}

function sendFaultStatus(
  res: ServerResponse,
  action: ApiAction,
  fault: Extract<BreakingFault, { kind: 'status' }>,
): void {
  const type = STATUS_TYPES[fault.status] ?? 'InternalServerError';
  const retryAfter = fault.retryAfter ?? (fault.status === 429 ? '1' : undefined);
  const message =
    fault.status === 429
      ? 'Rate limit exceeded; retry after the time in the Retry-After header'
      : `The service failed to handle ${action} (injected by the emulator)`;
  sendJson(
    res,
    fault.status,
    { type, message },
    retryAfter !== undefined ? { 'retry-after': retryAfter } : {},
  );
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
