import { Logger } from '@nestjs/common';

/** A timer's period from the environment: a whole number of ms; 0 turns the timer off (tests call tick()). */
export function intervalFromEnv(name: string, defaultMs: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  const ms = raw === undefined || raw === '' ? defaultMs : Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`${name} must be a whole number of milliseconds, not ${raw}`);
  return ms;
}

/**
 * A pass run on a timer and on demand: a pass still running is joined, not doubled; stop() waits for it.
 * The inspection scheduler and the failed-item process manager each run one.
 */
export class PeriodicPass {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly pass: () => Promise<number>,
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
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
