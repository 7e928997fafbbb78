// One request to the Losant API over an undici pool, and what came of it: an answer, an HTTP error,
// a network failure or a body that cannot be used. Never throws; the retry loop decides what next.
import type { Dispatcher } from 'undici';
import { ACTIONS } from './actions.js';
import type { ApiAction } from './actions.js';
import { quote, truncate } from './failure-message.js';
import type { CallSpec, Outcome } from './outcome.js';
import { responseProblem, returnsOrg } from './check-response.js';
import { parseRetryAfter } from './retry.js';
import type { LosantErrorBody } from './types.js';

export interface RequestContext {
  dispatcher: Dispatcher;
  /** The API root's path, prefixed to each action's path. */
  basePath: string;
  headers: Readonly<Record<string, string>>;
  requestTimeoutMs: number;
  maxResponseBytes: number;
  redact: (text: string) => string;
  /** Clock for Retry-After dates. */
  now: () => number;
}

/** Makes one attempt of a call. */
export function createAttempt(context: RequestContext): (spec: CallSpec) => Promise<Outcome> {
  const { dispatcher, requestTimeoutMs, maxResponseBytes, redact, now } = context;

  function pathOf(spec: CallSpec): string {
    const template = ACTIONS[spec.action].path;
    const path = template.replace('{orgId}', encodeURIComponent(spec.orgId ?? ''));
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) query.set(key, value);
    }
    const search = query.toString();
    return `${context.basePath}${path}${search === '' ? '' : `?${search}`}`;
  }

  async function attemptOnce(spec: CallSpec): Promise<Outcome> {
    const method = ACTIONS[spec.action].method;
    const headers = { ...context.headers };
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error('request timeout')),
      requestTimeoutMs,
    );
    try {
      const response = await dispatcher.request({
        path: pathOf(spec),
        method,
        headers,
        body: body ?? null,
        signal: controller.signal,
      });
      return await readResponse(spec, response);
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
  }

  async function readResponse(spec: CallSpec, response: Dispatcher.ResponseData): Promise<Outcome> {
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
    const said = parsed.message ?? (parsed.type === undefined ? truncate(text.trim()) : undefined);
    if (said !== undefined && said !== '') failure.losantMessage = said;
    const retryAfterMs = parseRetryAfter(header(response, 'retry-after'), now());
    if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
    const location = header(response, 'location');
    if (location !== undefined) failure.location = location;
    return failure;
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

  return attemptOnce;
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
