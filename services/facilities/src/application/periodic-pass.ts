import { Logger } from '@nestjs/common';

/** A timer's period from the environment: a whole number of ms; 0 turns the timer off (tests call tick()). */
export function intervalFromEnv(name: string, defaultMs: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  const ms = raw === undefined || raw === '' ? defaultMs : Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`${name} must be a whole number of milliseconds, not ${raw}`);
  return ms;
}

/**
 * A pass run on a timer and on demand: a pass still running is joined, not doubled. stop() tells the pass to end
 * (its signal aborts; a pass checks it between pages, so a long one, e.g. thousands of overdue orders after a
 * restart, does not hold the shutdown) and waits for it; what it left is the next pass's, on any replica.
 * The SLA scheduler, the inspection scheduler and the failed-item process manager each run one.
 */
export class PeriodicPass {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private readonly stopping = new AbortController();

  constructor(
    private readonly pass: (signal: AbortSignal) => Promise<number>,
    private readonly log: Logger,
  ) {}

  /** Starts the timer from the environment variable (no timer when it is 0). */
  start(envName: string, defaultMs: number): void {
    const interval = intervalFromEnv(envName, defaultMs);
    if (interval === 0) return;
    this.timer = setInterval(() => void this.tick().catch((err: Error) => this.log.warn(`pass failed: ${err.message}`)), interval);
    this.timer.unref();
  }

  tick(): Promise<number> {
    this.running ??= this.pass(this.stopping.signal).finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.running?.catch(() => undefined);
  }
}
