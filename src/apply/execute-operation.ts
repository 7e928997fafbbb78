// One planned write, sent and, when its answer is lost, settled by reading back: never lost, never doubled.
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { LosantApi, UnreadAnswer } from '../losant/api.js';
import { LosantApiError } from '../losant/api-error.js';
import { NO_SUMMARY } from '../losant/org-summary-fields.js';
import type { Operation } from '../model/plan.js';
import type { AdaptiveLimiter } from './limiter.js';
import { isOperationInEffect, type ReadBackContext } from './read-back.js';

export type OperationOutcome =
  | { status: 'done'; attempts: number; note?: string }
  | { status: 'failed'; attempts: number; error: string; stopsOrg: boolean }
  | { status: 'skipped'; attempts: number; reason: string };

export interface RateLimitOptions {
  /** Sends of one write that the API may answer 429 before it counts as failed; default 5. */
  maxAttempts?: number;
  /** The longest wait before sending again, whatever Retry-After says; default 30 s. */
  maxWaitMs?: number;
  /** The wait when the API names none: doubled each time; default 1 s. */
  baseDelayMs?: number;
  /** How a wait is made; default a timer that the signal cuts short (tests record the waits). */
  wait?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

async function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  await sleepFor(ms, undefined, signal === undefined ? {} : { signal });
}

export interface ExecuteContext {
  api: LosantApi;
  limiter: AdaptiveLimiter;
  signal?: AbortSignal | undefined;
  readBack: ReadBackContext;
  rateLimit?: RateLimitOptions | undefined;
  /**
   * How long to wait before reading back after a timeout or a broken connection: the server may
   * still be carrying out the request, and a read-back that comes too early would send it twice.
   * Default 1 s.
   */
  settleDelayMs?: number | undefined;
  /**
   * An invite whose answer never came (a timeout, a broken connection) and that a read-back does not
   * show is sent again only this long after it was first sent, and only if a second read-back does
   * not show it either: a server may still be carrying out a request the client gave up on. The
   * client's request timeout (default 60 s).
   */
  resendWaitMs?: number | undefined;
}

export const DEFAULT_SETTLE_DELAY_MS = 1_000;
export const DEFAULT_RESEND_WAIT_MS = 60_000;

export const INTERRUPTED = 'interrupted';

const STOPPING_STATUSES = new Set([401, 403, 404]);

/** Apply never reads a write's answer (the whole org, 2 MB at 10,000 members): the client skips parsing it. */
const UNREAD: UnreadAnswer = { answer: 'unread' };

/** The write itself, with exactly the body or query of the plan. */
export async function sendOperation(api: LosantApi, op: Operation): Promise<void> {
  switch (op.action) {
    case 'patch':
      await api.patch(op.orgId, op.body, NO_SUMMARY, UNREAD);
      return;
    case 'inviteMember':
      await api.inviteMember(op.orgId, op.body, UNREAD);
      return;
    case 'modifyMember':
      await api.modifyMember(op.orgId, op.body, NO_SUMMARY, UNREAD);
      return;
    case 'removeMember':
      await api.removeMember(op.orgId, op.query.userId, NO_SUMMARY, UNREAD);
      return;
    case 'revokeInvite':
      await api.revokeInvite(op.orgId, op.query.inviteId, UNREAD);
      return;
  }
}

/** Waits `ms`, or less when the signal aborts; true when it was aborted. */
async function waitUnlessAborted(
  ms: number,
  signal: AbortSignal | undefined,
  wait: NonNullable<RateLimitOptions['wait']>,
): Promise<boolean> {
  if (signal?.aborted === true) return true;
  try {
    await wait(ms, signal);
    return false;
  } catch {
    return true;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends the operation; an ambiguous answer (timeout, reset, 5xx) or a 404 is settled by reading back.
 * A write found not made is sent once more (and settled again); a 429 is sent again after waiting.
 */
export async function executeOperation(
  op: Operation,
  context: ExecuteContext,
): Promise<OperationOutcome> {
  const { api, limiter, signal } = context;
  const maxRateLimited = context.rateLimit?.maxAttempts ?? 5;
  const maxWaitMs = context.rateLimit?.maxWaitMs ?? 30_000;
  const baseDelayMs = context.rateLimit?.baseDelayMs ?? 1_000;
  let attempts = 0;
  let rateLimited = 0;
  let resent = false;
  for (;;) {
    attempts += 1;
    let failure: LosantApiError;
    const sentAt = Date.now();
    try {
      await sendOperation(api, op);
      limiter.succeeded();
      return resent
        ? {
            status: 'done',
            attempts,
            note: 'the first answer was lost and a read-back showed it was not made, so it was sent again',
          }
        : { status: 'done', attempts };
    } catch (error) {
      if (!(error instanceof LosantApiError)) throw error;
      failure = error;
    }

    // A 429 known not to have been acted on: wait (Retry-After, else backoff) and send again.
    const waitOutRateLimit = async (notMade: string): Promise<OperationOutcome | undefined> => {
      limiter.throttled();
      rateLimited += 1;
      if (rateLimited >= maxRateLimited) {
        return { status: 'failed', attempts, error: failure.message, stopsOrg: false };
      }
      const waitMs = Math.min(
        maxWaitMs,
        failure.retryAfterMs ?? baseDelayMs * 2 ** (rateLimited - 1),
      );
      if (await waitUnlessAborted(waitMs, signal, context.rateLimit?.wait ?? sleepUnlessAborted)) {
        return {
          status: 'skipped',
          attempts,
          reason: `${INTERRUPTED} while waiting out a rate limit (HTTP 429); ${notMade}`,
        };
      }
      return undefined;
    };
    if (failure.status === 429 && !failure.ambiguous) {
      const stop = await waitOutRateLimit('it was not made');
      if (stop !== undefined) return stop;
      continue;
    }
    if (failure.status === 401 || failure.status === 403) {
      return { status: 'failed', attempts, error: failure.message, stopsOrg: true };
    }
    if (!failure.ambiguous && failure.status !== 404) {
      return { status: 'failed', attempts, error: failure.message, stopsOrg: false };
    }

    const unanswered = failure.ambiguous && failure.status === undefined;
    if (unanswered) {
      // Not cut short by an interrupt: a read-back that comes too early could misreport the write.
      await sleepFor(context.settleDelayMs ?? DEFAULT_SETTLE_DELAY_MS);
    }
    const readBack = async (): Promise<boolean | OperationOutcome> => {
      try {
        return await isOperationInEffect(api, op, context.readBack);
      } catch (readError) {
        const stopsOrg =
          readError instanceof LosantApiError && STOPPING_STATUSES.has(readError.status ?? 0);
        return {
          status: 'failed',
          attempts,
          error: `${failure.message}; reading the org back to check failed too: ${messageOf(readError)}`,
          stopsOrg,
        };
      }
    };
    let read = await readBack();
    if (read === false && unanswered && op.action === 'inviteMember') {
      // An invite is the one write that is not idempotent: before it may be sent again, the
      // request the client gave up on must be over, so wait out the request timeout and look again.
      const waitMs = sentAt + (context.resendWaitMs ?? DEFAULT_RESEND_WAIT_MS) - Date.now();
      if (waitMs > 0) await sleepFor(waitMs);
      read = await readBack();
    }
    if (typeof read !== 'boolean') return read;
    const inEffect = read;
    if (!inEffect && failure.status === 429) {
      // The server answered 429 and the invite is not there: a rate limit after all; wait and send again.
      const stop = await waitOutRateLimit('a read-back shows it was not made');
      if (stop !== undefined) return stop;
      continue;
    }
    if (inEffect) {
      return {
        status: 'done',
        attempts,
        note:
          failure.status === 404
            ? 'the API answered 404 and a read-back confirms it is already done'
            : failure.status === 429
              ? 'the API answered 429 and a read-back shows it was made all the same'
              : 'the answer was lost and a read-back confirms it was made',
      };
    }
    if (failure.status === 404 || resent) {
      // The read-back settled the doubt: its verdict replaces the client's "may or may not".
      const error = failure.ambiguous
        ? `${failure.settledMessage}; a read-back shows it was not made`
        : failure.message;
      return { status: 'failed', attempts, error, stopsOrg: false };
    }
    if (signal?.aborted === true) {
      return {
        status: 'skipped',
        attempts,
        reason: `${INTERRUPTED}: the answer was lost, a read-back shows it was not made, and it was not sent again`,
      };
    }
    resent = true;
  }
}
