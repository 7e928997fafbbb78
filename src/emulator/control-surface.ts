// The emulator's own endpoints under /_emulator/: state, invites, clock, call log, faults, tokens.
import type { ServerResponse } from 'node:http';
import { LOSANT_ID_PATTERN } from '../losant/actions.js';
import { ApiFailure, validationFailure } from './api-failure.js';
import type { CallLog } from './call-log.js';
import { clockTimeProblem, type EmulatorClock } from './emulator-clock.js';
import type { EmulatorSeed, SeedToken } from './emulator-seed.js';
import type { EmulatorState } from './emulator-state.js';
import type { FaultQueue } from './faults.js';
import { checkFaults } from './faults.js';
import type { ParsedBody } from './http-json.js';
import { sendJson } from './http-json.js';
import { formatPath } from './schema-validator.js';
import { checkSeed, completeSeed } from './validate-seed.js';

export const CONTROL_PREFIX = '/_emulator/';

export interface ControlContext {
  state: EmulatorState;
  clock: EmulatorClock;
  faults: FaultQueue;
  log: CallLog;
}

export function handleControlRequest(
  ctx: ControlContext,
  method: string,
  pathname: string,
  body: ParsedBody,
  res: ServerResponse,
): void {
  try {
    const result = route(
      ctx,
      method,
      pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, ''),
      body,
    );
    sendJson(res, 200, result);
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    sendJson(res, error.status, error.body);
  }
}

function route(ctx: ControlContext, method: string, path: string, body: ParsedBody): unknown {
  const accept = /^invites\/([^/]+)\/accept$/.exec(path);
  const key = accept === null ? `${method} ${path}` : `${method} invites/{id}/accept`;
  switch (key) {
    case 'GET state':
      return ctx.state.snapshot();
    case 'PUT state':
      ctx.state.replace(checkedSeed(jsonBody(body), ctx.clock.now()));
      return ctx.state.snapshot();
    case 'POST invites/{id}/accept':
      return ctx.state.acceptInvite(decodeURIComponent(accept?.[1] ?? ''));
    case 'POST invites/expire':
      return { expired: ctx.state.expireInvites(inviteIds(optionalJsonBody(body))) };
    case 'GET clock':
      return { now: ctx.clock.now() };
    case 'POST clock':
      setClock(ctx.clock, jsonBody(body));
      return { now: ctx.clock.now() };
    case 'GET log':
      return ctx.log.list();
    case 'GET traffic':
      return ctx.log.traffic();
    case 'DELETE log':
      ctx.log.clear();
      return { success: true };
    case 'GET faults':
      return ctx.faults.list();
    case 'POST faults':
      ctx.faults.add(checkFaults(jsonBody(body)));
      return ctx.faults.list();
    case 'DELETE faults':
      ctx.faults.clear();
      return { success: true };
    case 'POST tokens':
      ctx.state.addToken(checkToken(jsonBody(body)));
      return { success: true };
    default:
      throw new ApiFailure(404, 'NotFound', `No control route ${method} ${CONTROL_PREFIX}${path}`);
  }
}

function jsonBody(body: ParsedBody): unknown {
  if (body.kind === 'json') return body.value;
  throw validationFailure(
    body.kind === 'none' ? 'A JSON body is required' : 'The request body is not valid JSON',
  );
}

function optionalJsonBody(body: ParsedBody): unknown {
  return body.kind === 'none' ? {} : jsonBody(body);
}

function checkedSeed(value: unknown, now: number): EmulatorSeed {
  const problems = checkSeed(value);
  if (problems.length > 0) {
    throw validationFailure(
      problems.map((p) => `${formatPath('', p.path)} ${p.message}`).join('; '),
    );
  }
  return completeSeed(value as EmulatorSeed, now);
}

function inviteIds(value: unknown): string[] | undefined {
  const ids = (value as { inviteIds?: unknown } | null)?.inviteIds;
  if (ids === undefined) return undefined;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw validationFailure('inviteIds must be an array of invite ids');
  }
  return ids as string[];
}

/** Sets or advances the clock; a time out of range (or a body of another shape) is a 400 saying why. */
function setClock(clock: EmulatorClock, value: unknown): void {
  const { now, advanceMs } = (value ?? {}) as { now?: unknown; advanceMs?: unknown };
  const to =
    typeof now === 'number' && advanceMs === undefined
      ? now
      : typeof advanceMs === 'number' && now === undefined
        ? clock.now() + advanceMs
        : undefined;
  if (to === undefined) {
    throw validationFailure(
      'The body must be { "now": <ms since epoch> } or { "advanceMs": <ms> }',
    );
  }
  const problem = clockTimeProblem(to);
  if (problem !== undefined) {
    const by =
      typeof advanceMs === 'number' ? `advanceMs ${advanceMs} moves the clock too far: ` : '';
    throw validationFailure(`${by}${problem}; the clock is unchanged`);
  }
  if (typeof advanceMs === 'number') clock.advance(advanceMs);
  else clock.set(to);
}

function checkToken(value: unknown): SeedToken {
  const { token, userId, scopes } = (value ?? {}) as Record<string, unknown>;
  if (typeof token !== 'string' || token === '')
    throw validationFailure('token must be a non-empty string');
  if (typeof userId !== 'string' || !LOSANT_ID_PATTERN.test(userId)) {
    throw validationFailure('userId must be an id of 24 hex characters');
  }
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) {
    throw validationFailure('scopes must be an array of strings');
  }
  return { token, userId, scopes: scopes as string[] };
}
