// The emulator's clock: a base clock, an offset, or a frozen time set through the control surface.

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
