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
    const maybeCommitted = isWrite && mayHaveCommitted(outcome);
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

function mayHaveCommitted(outcome: Failure): boolean {
  if (outcome.type === 'http') return outcome.status >= 500;
  if (outcome.type === 'network') return !CONNECT_CODES.has(outcome.code);
  // A 2xx with a body we cannot use still means the server did it.
  return outcome.status >= 200 && outcome.status < 300;
}

function isRetryable(outcome: Failure): boolean {
  if (outcome.type === 'http') return isRetryableStatus(outcome.status);
  if (outcome.type === 'network') return RETRYABLE_CODES.has(outcome.code);
  return false;
}
