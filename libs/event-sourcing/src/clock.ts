/**
 * Time, injected. Application code asks the clock (a Nest provider: `Clock`, SystemClock by
 * default); domain code gets the time in the command's metadata and never reads a clock.
 * Tests move a ManualClock instead of sleeping.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Always the same instant. */
export class FixedClock extends Clock {
  private readonly at: Date;

  constructor(at: Date | string) {
    super();
    this.at = new Date(at);
  }

  now(): Date {
    return new Date(this.at);
  }
}

/** A clock the test moves: `advance({ hours: 4 })`, `set('2026-11-24T08:00:00Z')`. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date | string) {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advance(by: { ms?: number; seconds?: number; minutes?: number; hours?: number; days?: number }): void {
    this.current += (by.ms ?? 0) + 1000 * ((by.seconds ?? 0) + 60 * ((by.minutes ?? 0) + 60 * ((by.hours ?? 0) + 24 * (by.days ?? 0))));
  }
}
