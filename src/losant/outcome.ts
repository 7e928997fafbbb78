// What one request to the Losant API came to, as the retry loop and the error wording both read it.
import type { CallSubject } from './api-error.js';

export type Query = Record<string, string | undefined>;

/** One call as the client makes it: the action, its subject, query and body. */
export interface CallSpec extends CallSubject {
  query?: Query;
  body?: unknown;
  /** The caller does not read the answer: a 2xx is checked to be JSON of the right kind, not parsed. */
  unread?: boolean;
}

/** One attempt's result. */
export type Outcome =
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

export type Failure = Exclude<Outcome, { type: 'ok' }>;

/** Where the connection never got as far as sending the request: nothing can have happened. */
export const CONNECT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** Failures another attempt may cure. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
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
