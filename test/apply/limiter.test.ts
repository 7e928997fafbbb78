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

  it('refuses a max that is not a whole number >= 1, saying which', () => {
    expect(() => new AdaptiveLimiter({ max: 0 })).toThrow(
      "the limiter's max must be a whole number >= 1, not 0",
    );
    expect(() => new AdaptiveLimiter({ max: 2.5 })).toThrow(
      "the limiter's max must be a whole number >= 1, not 2.5",
    );
  });

  it('its minimum is min, between 1 and max', () => {
    expect(new AdaptiveLimiter({ max: 8, min: 3 }).min).toBe(3);
    expect(new AdaptiveLimiter({ max: 8, min: 20 }).min).toBe(8);
    expect(new AdaptiveLimiter({ max: 8, min: 0 }).min).toBe(1);
    expect(new AdaptiveLimiter({ max: 8 }).min).toBe(1);
    const limiter = new AdaptiveLimiter({ max: 8, min: 3 });
    limiter.throttled();
    limiter.throttled();
    expect(limiter.limit).toBe(3);
  });

  it('a slot freed while others wait goes to the first in line, not to a newcomer', async () => {
    const limiter = new AdaptiveLimiter({ max: 1 });
    const held = await limiter.acquire();
    const order: string[] = [];
    const waiter = limiter.acquire().then((release) => {
      order.push('waiter');
      return release;
    });

    held?.();
    // The slot is the waiter's already: a newcomer waits behind it.
    const newcomer = limiter.acquire().then((release) => {
      order.push('newcomer');
      return release;
    });
    expect(limiter.inFlight).toBe(1);
    (await waiter)?.();
    (await newcomer)?.();

    expect(order).toEqual(['waiter', 'newcomer']);
    expect(limiter.inFlight).toBe(0);
  });

  it('releasing twice frees one slot only', async () => {
    const limiter = new AdaptiveLimiter({ max: 2 });
    const first = await limiter.acquire();
    await limiter.acquire();

    first?.();
    first?.();

    expect(limiter.inFlight).toBe(1);
  });

  it('a slot granted after an abort-aware wait is not taken back by a later abort', async () => {
    const limiter = new AdaptiveLimiter({ max: 1 });
    const held = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);

    held?.();
    const release = await waiting;
    controller.abort();

    expect(release).toBeTypeOf('function');
    expect(limiter.inFlight).toBe(1);
    release?.();
    expect(limiter.inFlight).toBe(0);
  });

  it('a window of successes raises the limit and lets a waiting call in', async () => {
    const limiter = new AdaptiveLimiter({ max: 4 });
    limiter.throttled();
    limiter.throttled();
    const held = await limiter.acquire();
    let inside = false;
    const waiting = limiter.acquire().then((release) => {
      inside = true;
      return release;
    });

    limiter.succeeded();
    const release = await waiting;

    expect(inside).toBe(true);
    expect(limiter.limit).toBe(2);
    expect(limiter.inFlight).toBe(2);
    release?.();
    held?.();
  });

  it('the onRetry hook throttles only on a reason that starts with HTTP 429', () => {
    const limiter = new AdaptiveLimiter({ max: 8 });
    const onRetry = throttleOnRateLimit(limiter);

    onRetry({ action: 'org.get', attempt: 1, waitMs: 0, reason: 'network: after HTTP 429' });
    onRetry({ action: 'org.get', attempt: 1, waitMs: 0, reason: 'HTTP 4290' });
    expect(limiter.throttleCount).toBe(0);
    onRetry({ action: 'org.get', attempt: 1, waitMs: 0, reason: 'HTTP 429' });
    expect(limiter.throttleCount).toBe(1);
  });
});
