// The Losant API over undici: one keep-alive pool, bounded retries, and errors that say what to do.
import { setTimeout as sleepFor } from 'node:timers/promises';
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import { UsageError } from '../model/errors.js';
import { ACTIONS, LOSANT_API_VERSION } from './actions.js';
import type { ApiAction } from './actions.js';
import type { LosantApi, UnreadAnswer } from './api.js';
import { describeCall, describeNotFound, LosantApiError, scopesToOffer } from './api-error.js';
import type { CallSubject } from './api-error.js';
import { parseApiUrl } from './api-url.js';
import type { ApiUrl } from './api-url.js';
import { responseProblem, returnsOrg } from './check-response.js';
import {
  DEFAULT_RETRY_POLICY,
  honoursRetryAfter,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
} from './retry.js';
import type { RetryInfo, RetryPolicy } from './retry.js';
import type {
  LosantErrorBody,
  LosantOrg,
  LosantOrgInvite,
  LosantOrgInvitePost,
  LosantOrgMemberPatch,
  LosantOrgPatch,
  SummaryFields,
  TimeRange,
} from './types.js';

export type { RetryInfo } from './retry.js';

export interface RetryOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
  /** How to wait between attempts (tests may record instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

export interface ClientOptions {
  /** Validated: https, or http only on loopback. */
  apiUrl: string;
  token: string;
  losantDomain?: string;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** The whole request, body included; default 60 s. */
  requestTimeoutMs?: number;
  /** Default 20 MiB. */
  maxResponseBytes?: number;
  retry?: RetryOptions;
  onRetry?: (info: RetryInfo) => void;
  /** Clock for Retry-After dates; default Date.now. */
  now?: () => number;
}

export type LosantClient = LosantApi & {
  /** The validated API root, for messages. */
  readonly apiUrl: string;
  close(): Promise<void>;
};

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

const REDACTED = '[REDACTED]';
const MAX_QUOTED = 300;

/** Where the connection never got as far as sending the request: nothing can have happened. */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
/** Failures another attempt may cure. */
const RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'REQUEST_TIMEOUT',
]);

interface CallSpec extends CallSubject {
  query?: Query;
  body?: unknown;
  /** The caller does not read the answer: a 2xx is checked to be JSON of the right kind, not parsed. */
  unread?: boolean;
}

/** One attempt's result. */
type Outcome =
  | { type: 'ok'; value: unknown }
  | {
      type: 'http';
      status: number;
      losantType?: string;
      losantMessage?: string;
      retryAfterMs?: number;
      location?: string;
    }
  | { type: 'network'; code: string; cause: Error }
  | { type: 'body'; status: number; problem: string; cause?: Error };

export function createLosantClient(options: ClientOptions): LosantClient {
  // A trailing newline from a secrets file is not part of the token.
  const token = options.token.trim();
  if (token === '') {
    throw new UsageError(
      'LOSANT_API_TOKEN is empty: set it to a Losant API token (in Losant, on the API Tokens page of the organization)',
    );
  }
  if ([...token].some((c) => c.trim() === '' || c.charCodeAt(0) < 0x20 || c === '\x7f')) {
    throw new UsageError(
      'LOSANT_API_TOKEN contains spaces, line breaks or control characters: copy the token again without them',
    );
  }
  const url: ApiUrl = parseApiUrl(options.apiUrl, [token]);
  const redact = (text: string): string => text.split(token).join(REDACTED);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const policy: RetryPolicy = {
    maxAttempts: Math.max(1, options.retry?.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts),
    baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? DEFAULT_RETRY_POLICY.maxRetryAfterMs,
  };
  const sleep = options.retry?.sleep ?? ((ms: number) => sleepFor(ms));
  const random = options.retry?.random ?? Math.random;
  const now = options.now ?? Date.now;

  const pool = new Pool(url.origin, {
    connect: { timeout: connectTimeoutMs },
    headersTimeout: requestTimeoutMs,
    bodyTimeout: requestTimeoutMs,
    keepAliveTimeout: 10_000,
  });

  const baseHeaders: Record<string, string> = {
    authorization: `Bearer ${token}`,
    accept: 'application/json',
    'accept-version': LOSANT_API_VERSION,
    'user-agent': 'losant-org-gitops',
  };
  if (options.losantDomain !== undefined && options.losantDomain !== '') {
    baseHeaders.losantdomain = options.losantDomain;
  }

  function pathOf(spec: CallSpec): string {
    const template = ACTIONS[spec.action].path;
    const path = template.replace('{orgId}', encodeURIComponent(spec.orgId ?? ''));
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) query.set(key, value);
    }
    const search = query.toString();
    return `${url.basePath}${path}${search === '' ? '' : `?${search}`}`;
  }

  async function attemptOnce(spec: CallSpec): Promise<Outcome> {
    const method = ACTIONS[spec.action].method;
    const headers = { ...baseHeaders };
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error('request timeout')),
      requestTimeoutMs,
    );
    try {
      const response = await pool.request({
        path: pathOf(spec),
        method,
        headers,
        body: body ?? null,
        signal: controller.signal,
      });
      return await readResponse(response);
    } catch (error) {
      if (controller.signal.aborted) {
        const cause = new Error(`no response within ${requestTimeoutMs} ms`);
        cause.name = 'RequestTimeout';
        return { type: 'network', code: 'REQUEST_TIMEOUT', cause };
      }
      return { type: 'network', code: errorCode(error), cause: safeCause(error, redact) };
    } finally {
      clearTimeout(timer);
    }

    async function readResponse(response: Dispatcher.ResponseData): Promise<Outcome> {
      const { statusCode: status } = response;
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxResponseBytes) {
        response.body.destroy();
        return { type: 'body', status, problem: tooLarge() };
      }
      if (spec.unread === true && status >= 200 && status < 300) {
        return readUnreadSuccess(response, spec.action);
      }
      const chunks: Buffer[] = [];
      if (!(await readCapped(response, (chunk) => chunks.push(chunk)))) {
        return { type: 'body', status, problem: tooLarge() };
      }
      const text = Buffer.concat(chunks).toString('utf8');
      if (status >= 200 && status < 300) return parseSuccess(spec.action, status, text);
      const failure: Outcome & { type: 'http' } = { type: 'http', status };
      const parsed = parseErrorBody(text);
      if (parsed.type !== undefined) failure.losantType = parsed.type;
      // A body that is not Losant's { type, message } is still worth showing, shortened.
      const said =
        parsed.message ?? (parsed.type === undefined ? truncate(text.trim()) : undefined);
      if (said !== undefined && said !== '') failure.losantMessage = said;
      const retryAfterMs = parseRetryAfter(header(response, 'retry-after'), now());
      if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
      const location = header(response, 'location');
      if (location !== undefined) failure.location = location;
      return failure;
    }
  }

  /** Reads the answer through (so that the connection is kept) and checks only how it starts and ends. */
  async function readUnreadSuccess(
    response: Dispatcher.ResponseData,
    action: ApiAction,
  ): Promise<Outcome> {
    const { statusCode: status } = response;
    const ends = new JsonEnds();
    if (!(await readCapped(response, (chunk) => ends.see(chunk)))) {
      return { type: 'body', status, problem: tooLarge() };
    }
    const expected = returnsOrg(action) ? '{}' : '[]';
    if (ends.first === expected[0] && ends.last === expected[1])
      return { type: 'ok', value: undefined };
    return {
      type: 'body',
      status,
      problem: `the body is not a JSON ${expected === '{}' ? 'object' : 'array'} as Losant documents for ${action}; check that LOSANT_API_URL is the Losant API`,
    };
  }

  /**
   * Hands each chunk of the body on; false (and the body dropped) once it passes the size cap. Read
   * with 'data' events rather than an async iterator: a quarter less CPU on a 2 MB answer.
   */
  function readCapped(
    response: Dispatcher.ResponseData,
    onChunk: (chunk: Buffer) => void,
  ): Promise<boolean> {
    const body = response.body;
    return new Promise((resolve, reject) => {
      let size = 0;
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxResponseBytes) {
          body.destroy();
          resolve(false);
          return;
        }
        onChunk(chunk);
      });
      body.once('end', () => resolve(true));
      body.once('error', reject);
    });
  }

  function tooLarge(): string {
    return `the response is larger than ${maxResponseBytes} bytes (maxResponseBytes); raise the limit if this org is truly that large`;
  }

  async function call<T>(spec: CallSpec): Promise<T> {
    const { method } = ACTIONS[spec.action];
    const isWrite = method !== 'GET';
    const mayRetry = method !== 'POST';
    let earlierMaybeCommitted = false;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await attemptOnce(spec);
      if (outcome.type === 'ok') return outcome.value as T;
      const maybeCommitted = isWrite && mayHaveCommitted(outcome);
      if (!mayRetry || attempt >= policy.maxAttempts || !isRetryable(outcome)) {
        throw buildError(
          spec,
          outcome,
          attempt,
          isWrite && (maybeCommitted || earlierMaybeCommitted),
        );
      }
      earlierMaybeCommitted ||= maybeCommitted;
      const retryAfterMs =
        outcome.type === 'http' && honoursRetryAfter(outcome.status)
          ? outcome.retryAfterMs
          : undefined;
      const waitMs = retryDelay(attempt, retryAfterMs, policy, random);
      options.onRetry?.({
        action: spec.action,
        attempt,
        waitMs,
        reason: redact(reasonOf(outcome, retryAfterMs)),
      });
      await sleep(waitMs);
    }
  }

  function buildError(
    spec: CallSpec,
    outcome: Exclude<Outcome, { type: 'ok' }>,
    attempts: number,
    ambiguous: boolean,
  ): LosantApiError {
    const subject = describeCall(spec);
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    let problem: string;
    const details: ConstructorParameters<typeof LosantApiError>[1] = {
      action: spec.action,
      ambiguous,
      attempts,
    };
    if (spec.orgId !== undefined) details.orgId = redact(spec.orgId);
    if (outcome.type === 'http') {
      details.status = outcome.status;
      if (outcome.losantType !== undefined) details.losantType = redact(outcome.losantType);
      if (outcome.losantMessage !== undefined) {
        details.losantMessage = redact(outcome.losantMessage);
      }
      if (outcome.retryAfterMs !== undefined) details.retryAfterMs = outcome.retryAfterMs;
      problem = describeHttpFailure(spec, outcome, attempts, tries);
    } else if (outcome.type === 'network') {
      details.cause = outcome.cause;
      problem = describeNetworkFailure(outcome, tries);
    } else {
      details.status = outcome.status;
      if (outcome.cause !== undefined) details.cause = outcome.cause;
      problem = `HTTP ${outcome.status} but ${outcome.problem}`;
    }
    const doubt = ambiguous
      ? '. The change may or may not have been made: read the org again (run plan) before repeating it'
      : '';
    details.settledMessage = redact(`${subject} failed: ${problem}`);
    return new LosantApiError(redact(`${subject} failed: ${problem}${doubt}`), details);
  }

  function describeHttpFailure(
    spec: CallSpec,
    outcome: Outcome & { type: 'http' },
    attempts: number,
    tries: string,
  ): string {
    const { status } = outcome;
    const said = [
      outcome.losantType,
      outcome.losantMessage && JSON.stringify(outcome.losantMessage),
    ]
      .filter((part) => part !== undefined && part !== '')
      .join(' ');
    const head = `HTTP ${status}${said === '' ? '' : ` ${said}`}`;
    if (status >= 300 && status < 400) {
      const to = outcome.location === undefined ? '' : ` to ${quote(outcome.location)}`;
      return `${head}: the redirect${to} was not followed (the token is only sent to LOSANT_API_URL): set LOSANT_API_URL to the API's own address, e.g. https://api.losant.com`;
    }
    switch (status) {
      case 400:
        return `${head}: Losant refused the request as malformed; correct what it names and run again`;
      case 401:
        return `${head}: the token was rejected: check LOSANT_API_TOKEN`;
      case 403: {
        const role =
          ACTIONS[spec.action].method === 'GET'
            ? ''
            : ' (and its user must be an admin of the org)';
        return `${head}: the token may not call ${spec.action}: give it one of the scopes ${scopesToOffer(spec.action).join(', ')}${role}`;
      }
      case 404:
        return `${head}: ${describeNotFound(spec, outcome.losantMessage)}`;
      case 429:
        return attempts > 1
          ? `${head}: still rate limited${tries}: wait a minute and run again, or lower the concurrency`
          : `${head}: rate limited (${spec.action} is not retried automatically): wait a minute and run again`;
      default:
        if (status >= 500) return `${head}${tries}: Losant's API is failing; run again later`;
        return `${head}: an unexpected response; check that LOSANT_API_URL is the Losant API`;
    }
  }

  function describeNetworkFailure(outcome: Outcome & { type: 'network' }, tries: string): string {
    const { code } = outcome;
    if (code === 'REQUEST_TIMEOUT') {
      return `no complete response within ${requestTimeoutMs} ms${tries}: run again later, or raise the request timeout`;
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return `the response stalled (${code})${tries}: run again later`;
    }
    if (CONNECT_CODES.has(code)) {
      return `could not connect to ${url.href} (${code})${tries}: check LOSANT_API_URL and the network`;
    }
    if (RETRYABLE_CODES.has(code)) {
      return `the connection to ${url.href} broke before a complete response (${code})${tries}: run again later`;
    }
    return `the request to ${url.href} failed (${code}: ${quote(outcome.cause.message)})${tries}: check LOSANT_API_URL and the network`;
  }

  return {
    apiUrl: url.href,
    get: (orgId, s) => call({ action: 'org.get', orgId, query: summaryQuery(s) }),
    patch: (orgId: string, body: LosantOrgPatch, s?: SummaryFields, o?: UnreadAnswer) =>
      call<LosantOrg>({
        action: 'org.patch',
        orgId,
        body,
        query: summaryQuery(s),
        unread: isUnread(o),
      }),
    delete: (orgId) => call({ action: 'org.delete', orgId }),
    deviceCounts: (orgId, r) => call({ action: 'org.deviceCounts', orgId, query: range(r) }),
    notebookMinuteCounts: (orgId, r) =>
      call({ action: 'org.notebookMinuteCounts', orgId, query: range(r) }),
    payloadCounts: (orgId, r) =>
      call({
        action: 'org.payloadCounts',
        orgId,
        query: {
          ...range(r),
          asBytes: r?.asBytes === undefined ? undefined : String(r.asBytes),
        },
      }),
    pendingInvites: (orgId) => call({ action: 'org.pendingInvites', orgId }),
    inviteMember: (orgId: string, body: LosantOrgInvitePost, o?: UnreadAnswer) =>
      call<LosantOrgInvite[]>({ action: 'org.inviteMember', orgId, body, unread: isUnread(o) }),
    revokeInvite: (orgId: string, inviteId: string, o?: UnreadAnswer) =>
      call<LosantOrgInvite[]>({
        action: 'org.revokeInvite',
        orgId,
        inviteId,
        query: { inviteId },
        unread: isUnread(o),
      }),
    modifyMember: (
      orgId: string,
      body: LosantOrgMemberPatch,
      s?: SummaryFields,
      o?: UnreadAnswer,
    ) =>
      call<LosantOrg>({
        action: 'org.modifyMember',
        orgId,
        userId: body.userId,
        body,
        query: summaryQuery(s),
        unread: isUnread(o),
      }),
    removeMember: (orgId: string, userId: string, s?: SummaryFields, o?: UnreadAnswer) =>
      call<LosantOrg>({
        action: 'org.removeMember',
        orgId,
        userId,
        query: { userId, ...summaryQuery(s) },
        unread: isUnread(o),
      }),
    transferResources: (orgId, body) => call({ action: 'org.transferResources', orgId, body }),
    me: (q) =>
      call({
        action: 'me.get',
        query: {
          includeRecent: q?.includeRecent === undefined ? undefined : String(q.includeRecent),
          ...summaryQuery(q),
        },
      }),
    close: async () => {
      // Closing twice is harmless, so that every cleanup path may call it.
      if (!pool.closed && !pool.destroyed) await pool.close();
    },
  };
}

type Query = Record<string, string | undefined>;

function isUnread(options: UnreadAnswer | undefined): boolean {
  return options?.answer === 'unread';
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The first and last characters of a body other than JSON whitespace, seen chunk by chunk. */
class JsonEnds {
  first: string | undefined;
  last: string | undefined;

  see(chunk: Buffer): void {
    for (let i = 0; this.first === undefined && i < chunk.length; i += 1) {
      if (!WHITESPACE.has(chunk[i] as number)) this.first = String.fromCharCode(chunk[i] as number);
    }
    for (let i = chunk.length - 1; i >= 0; i -= 1) {
      if (!WHITESPACE.has(chunk[i] as number)) {
        this.last = String.fromCharCode(chunk[i] as number);
        return;
      }
    }
  }
}

function range(r: TimeRange | undefined): Query {
  return {
    start: r?.start === undefined ? undefined : String(r.start),
    end: r?.end === undefined ? undefined : String(r.end),
  };
}

/** Losant takes the summary field lists comma-separated. */
function summaryQuery(s: SummaryFields | undefined): Query {
  return {
    summaryInclude: s?.summaryInclude?.join(','),
    summaryExclude: s?.summaryExclude?.join(','),
  };
}

function parseSuccess(action: ApiAction, status: number, text: string): Outcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      type: 'body',
      status,
      problem: `the body is not JSON (${quote(text)}): check that LOSANT_API_URL is the Losant API`,
    };
  }
  const problem = responseProblem(action, value);
  if (problem !== undefined) {
    return {
      type: 'body',
      status,
      problem: `the body is not what Losant documents for ${action}: ${problem}; check that LOSANT_API_URL is the Losant API`,
    };
  }
  if (returnsOrg(action) && typeof value === 'object' && value !== null && !('orgId' in value)) {
    // Losant sends both id and orgId; the core reads either.
    Object.assign(value, { orgId: (value as { id: string }).id });
  }
  return { type: 'ok', value };
}

function parseErrorBody(text: string): LosantErrorBody {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return {};
    const { type, message } = value as Record<string, unknown>;
    return {
      ...(typeof type === 'string' ? { type } : {}),
      ...(typeof message === 'string' ? { message: truncate(message) } : {}),
    };
  } catch {
    return {};
  }
}

function header(response: Dispatcher.ResponseData, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function mayHaveCommitted(outcome: Exclude<Outcome, { type: 'ok' }>): boolean {
  if (outcome.type === 'http') return outcome.status >= 500;
  if (outcome.type === 'network') return !CONNECT_CODES.has(outcome.code);
  // A 2xx with a body we cannot use still means the server did it.
  return outcome.status >= 200 && outcome.status < 300;
}

function isRetryable(outcome: Exclude<Outcome, { type: 'ok' }>): boolean {
  if (outcome.type === 'http') return isRetryableStatus(outcome.status);
  if (outcome.type === 'network') return RETRYABLE_CODES.has(outcome.code);
  return false;
}

function reasonOf(
  outcome: Exclude<Outcome, { type: 'ok' }>,
  retryAfterMs: number | undefined,
): string {
  if (outcome.type === 'http') {
    const after = retryAfterMs === undefined ? '' : `, Retry-After ${retryAfterMs} ms`;
    return `HTTP ${outcome.status}${after}`;
  }
  if (outcome.type === 'network') return `connection failed (${outcome.code})`;
  return outcome.problem;
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, errors } = error as { code?: unknown; errors?: unknown };
    if (typeof code === 'string') return code;
    // Node's happy-eyeballs connect reports an AggregateError of the per-address failures.
    if (Array.isArray(errors)) return errorCode(errors[0]);
  }
  return 'UNKNOWN';
}

/** A plain copy of a failure (name, code, message) with the token blanked: safe to keep as `cause`. */
function safeCause(error: unknown, redact: (text: string) => string): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const copy = new Error(redact(source.message));
  copy.name = redact(source.name);
  const code = errorCode(error);
  if (code !== 'UNKNOWN') Object.assign(copy, { code });
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

function truncate(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}...` : text;
}

function quote(text: string): string {
  return JSON.stringify(truncate(text.trim()));
}
