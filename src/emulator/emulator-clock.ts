// The emulator's clock: a base clock, an offset, or a frozen time set through the control surface.

/** The first time the clock may show: the epoch (dates before it are not API dates). */
export const CLOCK_MIN_MS = 0;
/** The last: the end of year 9999, the last time an ISO date-time writes with four digits. */
export const CLOCK_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Why `ms` cannot be the clock's time, or undefined when it can. */
export function clockTimeProblem(ms: number): string | undefined {
  if (Number.isFinite(ms) && ms >= CLOCK_MIN_MS && ms <= CLOCK_MAX_MS) return undefined;
  return `the time ${String(ms)} is out of range: the emulator's clock shows times from ${CLOCK_MIN_MS} (${new Date(CLOCK_MIN_MS).toISOString()}) to ${CLOCK_MAX_MS} (${new Date(CLOCK_MAX_MS).toISOString()}), in ms since the epoch`;
}

export class EmulatorClock {
  private frozenAt: number | undefined;
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.frozenAt ?? this.base() + this.offsetMs;
  }

  /** Freezes the clock at `ms` so that tests see exact dates; advance() moves it on. */
  set(ms: number): void {
    this.frozenAt = ms;
  }

  advance(ms: number): void {
    if (this.frozenAt === undefined) this.offsetMs += ms;
    else this.frozenAt += ms;
  }
}
