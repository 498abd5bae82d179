/** What one cycle did, which decides how long the loop waits before the next. */
export type CycleOutcome =
  /** Nothing new: sleep until the poll interval or a commit's hint. */
  | 'idle'
  /** Applied a partial page: more may come, but gather it for `lingerMs` first. */
  | 'some'
  /** A full page: there is more already waiting; go again at once. */
  | 'full'
  /** Another replica holds the turn: look again later. */
  | 'not-leader';

export interface PollingLoopOptions {
  /** Sleep when idle, unless a commit hint wakes it. */
  pollIntervalMs: number;
  /** How long commit hints gather before an idle loop wakes. */
  coalesceMs: number;
  /**
   * Under load, a cycle starts at most this often after a partial page, so each carries many
   * events: back-to-back cycles of a few events each cost a database round trip (and a broker
   * request) per handful of events, which under load costs more than the events themselves.
   */
  lingerMs: number;
  /** Sleep when another replica leads. */
  notLeaderMs?: number;
  maxBackoffMs?: number;
  /** A cycle failed: the caller logs and resets what it holds (e.g. drops its lead). */
  onError: (error: Error, retryInMs: number) => void;
}

/**
 * The loop behind the outbox relay and the read models' projectors: one cycle at a time,
 * woken early by commit hints (coalesced), lingering under load, backing off on errors.
 */
export class PollingLoop {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private hint?: NodeJS.Timeout;
  /** A hint arrived while a cycle ran: the page it read may predate that commit. */
  private wakeRequested = false;

  constructor(
    private readonly cycle: () => Promise<CycleOutcome>,
    private readonly options: PollingLoopOptions,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.hint);
    this.hint = undefined;
    this.wake?.();
    await this.loop;
  }

  /** New events committed: look soon rather than at the next poll. */
  notify(): void {
    if (this.hint || !this.running) return;
    this.hint = setTimeout(() => {
      this.hint = undefined;
      this.wakeRequested = true;
      this.wake?.();
    }, this.options.coalesceMs);
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (this.running) {
      const started = Date.now();
      this.wakeRequested = false; // this cycle reads whatever those hints announced
      try {
        const outcome = await this.cycle();
        backoff = 100;
        if (outcome === 'full') continue;
        if (outcome === 'some') await this.sleep(started + this.options.lingerMs - Date.now(), false);
        else if (outcome === 'idle') await this.sleep(this.options.pollIntervalMs, true);
        else await this.sleep(this.options.notLeaderMs ?? 1000, true);
      } catch (err) {
        this.options.onError(err as Error, backoff);
        await this.sleep(backoff, false);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 5000);
      }
    }
  }

  /** `wakeable`: a commit hint ends the sleep (idle); a linger or a backoff runs its time out. */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      if (!this.running || ms <= 0 || (wakeable && this.wakeRequested)) {
        if (wakeable) this.wakeRequested = false;
        return resolve();
      }
      const done = () => {
        this.wake = undefined;
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = () => {
        if (this.running && !wakeable) return; // only stop() cuts a linger or a backoff short
        this.wakeRequested = false;
        done();
      };
    });
  }
}
