/** The emulator's "now": wall time plus however far tests have moved it. */
export class EmulatorClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the clock only moves forward (got ${ms} ms)`);
    this.offsetMs += ms;
  }
}
