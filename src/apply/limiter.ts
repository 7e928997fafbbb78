// One concurrency limit shared by every org of a run, that backs off when the API answers 429 (AIMD).
import type { RetryInfo } from '../losant/retry.js';

export interface LimiterOptions {
  /** Most calls in flight at once; the limit never goes above it. */
  max: number;
  /** The limit never goes below it; default 1. */
  min?: number;
}

/** Releases the slot taken by `acquire`; calling it twice is harmless. */
export type Release = () => void;

export class AdaptiveLimiter {
  readonly max: number;
  readonly min: number;
  private current: number;
  private active = 0;
  private successes = 0;
  private throttles = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: LimiterOptions) {
    if (!Number.isInteger(options.max) || options.max < 1) {
      throw new RangeError(`the limiter's max must be a whole number >= 1, not ${options.max}`);
    }
    this.max = options.max;
    this.min = Math.min(this.max, Math.max(1, options.min ?? 1));
    this.current = this.max;
  }

  /** How many calls may be in flight now. */
  get limit(): number {
    return this.current;
  }

  get inFlight(): number {
    return this.active;
  }

  /** How many 429 signals it has seen. */
  get throttleCount(): number {
    return this.throttles;
  }

  /** Waits for a free slot; undefined when `signal` aborts first (no slot is then held). */
  acquire(signal?: AbortSignal): Promise<Release | undefined> {
    if (signal?.aborted === true) return Promise.resolve(undefined);
    if (this.active < this.current && this.waiting.length === 0) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.active += 1;
        resolve(this.releaser());
      };
      const onAbort = (): void => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(undefined);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  /** The API said 429: halve the limit (multiplicative decrease). */
  throttled(): void {
    this.throttles += 1;
    this.successes = 0;
    this.current = Math.max(this.min, Math.floor(this.current / 2));
  }

  /** A call went through: after `limit` successes in a row, allow one more (additive increase). */
  succeeded(): void {
    if (this.current >= this.max) return;
    this.successes += 1;
    if (this.successes >= this.current) {
      this.successes = 0;
      this.current += 1;
      this.wake();
    }
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.wake();
    };
  }

  private wake(): void {
    while (this.active < this.current && this.waiting.length > 0) {
      this.waiting.shift()?.();
    }
  }
}

/** The client's `onRetry` hook that tells the limiter about every 429 the client retries. */
export function throttleOnRateLimit(limiter: AdaptiveLimiter): (info: RetryInfo) => void {
  return (info) => {
    if (/^HTTP 429\b/.test(info.reason)) limiter.throttled();
  };
}
