// The retry loop around one call: which failures are tried again, how long to wait, and whether a
// failed write may nevertheless have been made.
import { ACTIONS } from './actions.js';
import { buildApiError, describeRetryReason } from './failure-message.js';
import type { FailureContext } from './failure-message.js';
import { CONNECT_CODES, RETRYABLE_CODES } from './outcome.js';
import type { CallSpec, Failure, Outcome } from './outcome.js';
import { honoursRetryAfter, isRetryableStatus, retryDelay } from './retry.js';
import type { RetryInfo, RetryPolicy } from './retry.js';

export interface RetryLoop extends FailureContext {
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry: ((info: RetryInfo) => void) | undefined;
}

/** Makes the call, retrying what may be retried; the answer, or a LosantApiError. */
export async function callWithRetries<T>(
  spec: CallSpec,
  attemptOnce: (spec: CallSpec) => Promise<Outcome>,
  loop: RetryLoop,
): Promise<T> {
  const { method } = ACTIONS[spec.action];
  const isWrite = method !== 'GET';
  const mayRetry = method !== 'POST';
  let earlierMaybeCommitted = false;
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await attemptOnce(spec);
    if (outcome.type === 'ok') return outcome.value as T;
    const maybeCommitted = isWrite && mayHaveCommitted(outcome, method === 'POST');
    if (!mayRetry || attempt >= loop.policy.maxAttempts || !isRetryable(outcome)) {
      const ambiguous = isWrite && (maybeCommitted || earlierMaybeCommitted);
      throw buildApiError(spec, outcome, attempt, ambiguous, loop);
    }
    earlierMaybeCommitted ||= maybeCommitted;
    const retryAfterMs =
      outcome.type === 'http' && honoursRetryAfter(outcome.status)
        ? outcome.retryAfterMs
        : undefined;
    const waitMs = retryDelay(attempt, retryAfterMs, loop.policy, loop.random);
    loop.onRetry?.({
      action: spec.action,
      attempt,
      waitMs,
      reason: loop.redact(describeRetryReason(outcome, retryAfterMs)),
    });
    await loop.sleep(waitMs);
  }
}

/** Statuses by which the server refuses a request as such: nothing of it was done. */
const REFUSED_STATUSES: ReadonlySet<number> = new Set([
  400, 401, 403, 404, 405, 409, 413, 415, 422,
]);

function mayHaveCommitted(outcome: Failure, isPost: boolean): boolean {
  if (outcome.type === 'http') {
    if (outcome.status >= 500) return true;
    // A POST is not idempotent: only a refusal proves nothing was made (a 429 can come after the
    // invite was made), so anything else is settled by reading back, never by sending it again.
    return isPost && !REFUSED_STATUSES.has(outcome.status);
  }
  if (outcome.type === 'network') return !CONNECT_CODES.has(outcome.code);
  // A 2xx with a body we cannot use still means the server did it.
  return outcome.status >= 200 && outcome.status < 300;
}

function isRetryable(outcome: Failure): boolean {
  if (outcome.type === 'http') return isRetryableStatus(outcome.status);
  if (outcome.type === 'network') return RETRYABLE_CODES.has(outcome.code);
  return false;
}
