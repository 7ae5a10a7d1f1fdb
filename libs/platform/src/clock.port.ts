/** Time as a port: the domain never reads the clock, and tests set "now" instead of waiting. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

export const systemClock: Clock = { now: () => new Date() };

/** A clock a test moves by hand; it can also follow real time from an offset. */
export class ManualClock implements Clock {
  private offsetMs: number;
  constructor(
    start: Date | string,
    private readonly ticking = false,
  ) {
    this.offsetMs = new Date(start).getTime() - Date.now();
    if (!ticking) this.fixed = new Date(start).getTime();
  }
  private fixed = 0;
  now(): Date {
    return new Date(this.ticking ? Date.now() + this.offsetMs : this.fixed);
  }
  set(to: Date | string): void {
    const t = new Date(to).getTime();
    if (this.ticking) this.offsetMs = t - Date.now();
    else this.fixed = t;
  }
  advance(ms: number): void {
    if (this.ticking) this.offsetMs += ms;
    else this.fixed += ms;
  }
}
