// The Losant API over undici: one keep-alive pool, bounded retries, and errors that say what to do.
import { setTimeout as sleepFor } from 'node:timers/promises';
import { Pool } from 'undici';
import { UsageError } from '../model/errors.js';
import { LOSANT_API_VERSION } from './actions.js';
import type { LosantApi, UnreadAnswer } from './api.js';
import { parseApiUrl } from './api-url.js';
import type { ApiUrl } from './api-url.js';
import { callWithRetries } from './call-with-retries.js';
import type { RetryLoop } from './call-with-retries.js';
import type { CallSpec, Query } from './outcome.js';
import { createAttempt } from './request.js';
import { DEFAULT_RETRY_POLICY } from './retry.js';
import type { RetryInfo, RetryPolicy } from './retry.js';
import type {
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

  const attemptOnce = createAttempt({
    dispatcher: pool,
    basePath: url.basePath,
    headers: baseHeaders,
    requestTimeoutMs,
    maxResponseBytes,
    redact,
    now,
  });
  const loop: RetryLoop = {
    policy,
    sleep,
    random,
    onRetry: options.onRetry,
    href: url.href,
    requestTimeoutMs,
    redact,
  };
  const call = <T>(spec: CallSpec): Promise<T> => callWithRetries<T>(spec, attemptOnce, loop);

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

function isUnread(options: UnreadAnswer | undefined): boolean {
  return options?.answer === 'unread';
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
