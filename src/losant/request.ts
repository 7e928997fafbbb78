// One request to the Losant API over an undici pool, and what came of it: an answer, an HTTP error,
// a network failure or a body that cannot be used. Never throws; the retry loop decides what next.
import type { Dispatcher } from 'undici';
import { ACTIONS } from './actions.js';
import type { ApiAction } from './actions.js';
import { quote, truncate } from './failure-message.js';
import type { CallSpec, Outcome } from './outcome.js';
import { responseProblem, returnsOrg } from './check-response.js';
import {
  ACCEPT_ENCODING,
  contentEncodingOf,
  inflate,
  startsLikeGzip,
} from './response-encoding.js';
import type { ContentEncoding } from './response-encoding.js';
import { MAX_JSON_DEPTH, NestingScan } from './json-nesting.js';
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
    const encoding = contentEncodingOf(response.headers['content-encoding']);
    const success = status >= 200 && status < 300;
    if (typeof encoding !== 'string') {
      await readCapped(response, () => undefined);
      return {
        type: 'body',
        status,
        problem: `the body is encoded as ${quote(encoding.unknown)}, which the client did not ask for (it accepts ${ACCEPT_ENCODING}); check that LOSANT_API_URL is the Losant API`,
      };
    }
    if (spec.unread === true && success) {
      return encoding === 'identity'
        ? readUnreadSuccess(response, spec.action)
        : drainUnreadCompressed(response, encoding);
    }
    // The nesting is scanned as the bytes come: from the network, or from zlib as it inflates them.
    const nesting = new NestingScan(MAX_JSON_DEPTH);
    const chunks: Buffer[] = [];
    const complete = await readCapped(response, (chunk) => {
      chunks.push(chunk);
      if (encoding === 'identity') nesting.feed(chunk);
    });
    if (!complete) return { type: 'body', status, problem: tooLarge() };
    let raw: Buffer = Buffer.concat(chunks);
    if (encoding !== 'identity') {
      const inflated = await inflate(raw, encoding, maxResponseBytes, (slice) =>
        nesting.feed(slice),
      );
      if (inflated.type === 'too-large') {
        return { type: 'body', status, problem: `${tooLarge()} (once decompressed)` };
      }
      if (inflated.type === 'corrupt') {
        // An error answer that cannot be read is still that error; a success must be readable.
        if (success) {
          return {
            type: 'body',
            status,
            problem: `the ${encoding}-compressed body could not be decompressed (${inflated.reason}); check that LOSANT_API_URL is the Losant API and run again`,
          };
        }
        raw = Buffer.alloc(0);
      } else {
        raw = inflated.body;
      }
    }
    // An error answer that could not be inflated is read as empty, whatever its slices looked like.
    if (nesting.tooDeep && raw.length > 0) {
      return {
        type: 'body',
        status,
        problem: `the body nests JSON more than ${MAX_JSON_DEPTH} levels deep, which no Losant answer does; check that LOSANT_API_URL is the Losant API`,
      };
    }
    const text = raw.toString('utf8');
    if (success) return parseSuccess(spec.action, status, text, redact);
    const failure: Outcome & { type: 'http' } = { type: 'http', status };
    const parsed = parseErrorBody(text, redact);
    if (parsed.type !== undefined) failure.losantType = parsed.type;
    // A body that is not Losant's { type, message } is still worth showing, shortened; redacted
    // before it is cut, since a cut through the token would keep part of it.
    const said =
      parsed.message ?? (parsed.type === undefined ? truncate(redact(text).trim()) : undefined);
    if (said !== undefined && said !== '') failure.losantMessage = said;
    const retryAfterMs = parseRetryAfter(header(response, 'retry-after'), now());
    if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
    const location = header(response, 'location');
    if (location !== undefined) failure.location = redact(location);
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
   * A compressed answer nobody reads is drained as it came, never inflated (at 10,000 members each
   * write answers with a 2 MB org); only a gzip stream's first bytes are checked.
   */
  async function drainUnreadCompressed(
    response: Dispatcher.ResponseData,
    encoding: Exclude<ContentEncoding, 'identity'>,
  ): Promise<Outcome> {
    const { statusCode: status } = response;
    let first: Buffer | undefined;
    const complete = await readCapped(response, (chunk) => {
      first =
        first === undefined ? chunk : first.length < 2 ? Buffer.concat([first, chunk]) : first;
    });
    if (!complete) return { type: 'body', status, problem: tooLarge() };
    if (encoding === 'gzip' && !startsLikeGzip(first)) {
      return {
        type: 'body',
        status,
        problem:
          'the body is said to be gzip-compressed but is not gzip; check that LOSANT_API_URL is the Losant API',
      };
    }
    return { type: 'ok', value: undefined };
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

function parseSuccess(
  action: ApiAction,
  status: number,
  text: string,
  redact: (text: string) => string,
): Outcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      type: 'body',
      status,
      problem: `the body is not JSON (${quote(redact(text))}): check that LOSANT_API_URL is the Losant API`,
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

/** Losant's { type, message }; JSON escapes can spell the token too, so the values are redacted before they are cut. */
function parseErrorBody(text: string, redact: (text: string) => string): LosantErrorBody {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return {};
    const { type, message } = value as Record<string, unknown>;
    return {
      ...(typeof type === 'string' ? { type: truncate(redact(type)) } : {}),
      ...(typeof message === 'string' ? { message: truncate(redact(message)) } : {}),
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
