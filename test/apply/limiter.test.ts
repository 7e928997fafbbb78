// The shared limiter: a window of calls that halves on 429 and creeps back up on successes.
import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter, throttleOnRateLimit } from '../../src/apply/limiter.js';

describe('AdaptiveLimiter', () => {
  it('lets up to max calls in at once and queues the rest in order', async () => {
    const limiter = new AdaptiveLimiter({ max: 2 });
    const order: number[] = [];

    const first = await limiter.acquire();
    const second = await limiter.acquire();
    const third = limiter.acquire().then((release) => {
      order.push(3);
      return release;
    });
    const fourth = limiter.acquire().then((release) => {
      order.push(4);
      return release;
    });
    expect(limiter.inFlight).toBe(2);
    first?.();
    (await third)?.();
    second?.();
    (await fourth)?.();

    expect(order).toEqual([3, 4]);
    expect(limiter.inFlight).toBe(0);
  });

  it('halves on each 429 down to the minimum, then adds one after a window of successes', () => {
    const limiter = new AdaptiveLimiter({ max: 8 });

    limiter.throttled();
    const afterOne = limiter.limit;
    limiter.throttled();
    limiter.throttled();
    limiter.throttled();
    const floor = limiter.limit;
    limiter.succeeded();
    const afterOneSuccess = limiter.limit;
    limiter.succeeded();
    limiter.succeeded();
    limiter.succeeded();

    expect([afterOne, floor, afterOneSuccess, limiter.limit]).toEqual([4, 1, 2, 3]);
    expect(limiter.throttleCount).toBe(4);
  });

  it('an abort while waiting gives no slot', async () => {
    const limiter = new AdaptiveLimiter({ max: 1 });
    const held = await limiter.acquire();
    const controller = new AbortController();

    const waiting = limiter.acquire(controller.signal);
    controller.abort();

    expect(await waiting).toBeUndefined();
    held?.();
    expect(limiter.inFlight).toBe(0);
    expect(await limiter.acquire(controller.signal)).toBeUndefined();
  });

  it("the client's onRetry hook throttles on 429 only", () => {
    const limiter = new AdaptiveLimiter({ max: 8 });
    const onRetry = throttleOnRateLimit(limiter);

    onRetry({ action: 'org.get', attempt: 1, waitMs: 0, reason: 'HTTP 503' });
    onRetry({ action: 'org.get', attempt: 1, waitMs: 0, reason: 'HTTP 429, Retry-After 1000 ms' });

    expect(limiter.limit).toBe(4);
  });

  it('refuses a max below 1', () => {
    expect(() => new AdaptiveLimiter({ max: 0 })).toThrow(RangeError);
  });
});
