import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  honoursRetryAfter,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
} from '../../src/losant/retry.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['3', 3_000],
    [' 120 ', 120_000],
    ['Wed, 01 May 2024 12:00:07 GMT', 7_000],
    ['Wed, 01 May 2024 11:59:00 GMT', 0],
  ])('%j -> %d ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([[undefined], [''], ['-1'], ['1.5'], ['soon'], ['12:00']])('%j is unusable', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('backoff with full jitter', () => {
  it('doubles the ceiling per attempt up to maxDelayMs', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((attempt) =>
      backoffDelay(attempt, policy, () => 0.999999),
    );
    expect(ceilings).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('can be anything down to zero', () => {
    expect(backoffDelay(4, policy, () => 0)).toBe(0);
    expect(backoffDelay(4, policy, () => 0.5)).toBe(400);
  });
});

describe('retryDelay', () => {
  it('uses Retry-After when given, capped at maxRetryAfterMs', () => {
    expect(retryDelay(1, 2_000, policy, () => 0.5)).toBe(2_000);
    expect(retryDelay(1, 3_600_000, policy, () => 0.5)).toBe(5_000);
  });

  it('falls back to backoff without Retry-After', () => {
    expect(retryDelay(2, undefined, policy, () => 0.5)).toBe(100);
  });
});

describe('which statuses', () => {
  it('retries 429 and 5xx only, and honours Retry-After on 429 and 503 only', () => {
    const statuses = [200, 301, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504];
    expect(statuses.filter(isRetryableStatus)).toEqual([429, 500, 502, 503, 504]);
    expect(statuses.filter(honoursRetryAfter)).toEqual([429, 503]);
  });

  it('has bounded defaults', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maxAttempts: 4,
      baseDelayMs: 500,
      maxDelayMs: 8_000,
      maxRetryAfterMs: 30_000,
    });
  });
});
