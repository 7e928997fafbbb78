// The wording of a failed call: what was called, what Losant said, and what to do next.
import { ACTIONS } from './actions.js';
import { describeCall, describeNotFound, LosantApiError, scopesToOffer } from './api-error.js';
import { CONNECT_CODES, RETRYABLE_CODES } from './outcome.js';
import type { CallSpec, Failure, Outcome } from './outcome.js';

const MAX_QUOTED = 300;

export interface FailureContext {
  /** The API root, for connection failures. */
  href: string;
  requestTimeoutMs: number;
  /** Blanks the token out of any text that reaches a message. */
  redact: (text: string) => string;
}

/** The LosantApiError for a call that failed after `attempts` tries. */
export function buildApiError(
  spec: CallSpec,
  outcome: Failure,
  attempts: number,
  ambiguous: boolean,
  context: FailureContext,
): LosantApiError {
  const { redact } = context;
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
    problem = describeNetworkFailure(outcome, tries, context);
  } else {
    details.status = outcome.status;
    if (outcome.cause !== undefined) details.cause = outcome.cause;
    problem = `HTTP ${outcome.status} but ${outcome.problem}`;
  }
  const doubt = ambiguous
    ? '. The change may or may not have been made: read the org again (run plan) before repeating it'
    : '';
  return new LosantApiError(redact(`${subject} failed: ${problem}${doubt}`), details);
}

function describeHttpFailure(
  spec: CallSpec,
  outcome: Outcome & { type: 'http' },
  attempts: number,
  tries: string,
): string {
  const { status } = outcome;
  const said = [outcome.losantType, outcome.losantMessage && JSON.stringify(outcome.losantMessage)]
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
        ACTIONS[spec.action].method === 'GET' ? '' : ' (and its user must be an admin of the org)';
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

function describeNetworkFailure(
  outcome: Outcome & { type: 'network' },
  tries: string,
  { href, requestTimeoutMs }: FailureContext,
): string {
  const { code } = outcome;
  if (code === 'REQUEST_TIMEOUT') {
    return `no complete response within ${requestTimeoutMs} ms${tries}: run again later, or raise the request timeout`;
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return `the response stalled (${code})${tries}: run again later`;
  }
  if (CONNECT_CODES.has(code)) {
    return `could not connect to ${href} (${code})${tries}: check LOSANT_API_URL and the network`;
  }
  if (RETRYABLE_CODES.has(code)) {
    return `the connection to ${href} broke before a complete response (${code})${tries}: run again later`;
  }
  return `the request to ${href} failed (${code}: ${quote(outcome.cause.message)})${tries}: check LOSANT_API_URL and the network`;
}

/** Why an attempt is retried, for onRetry: `HTTP 503, Retry-After 2000 ms`. */
export function describeRetryReason(outcome: Failure, retryAfterMs: number | undefined): string {
  if (outcome.type === 'http') {
    const after = retryAfterMs === undefined ? '' : `, Retry-After ${retryAfterMs} ms`;
    return `HTTP ${outcome.status}${after}`;
  }
  if (outcome.type === 'network') return `connection failed (${outcome.code})`;
  return outcome.problem;
}

export function truncate(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}...` : text;
}

/** A server's text, shortened and quoted, for a message. */
export function quote(text: string): string {
  return JSON.stringify(truncate(text.trim()));
}
