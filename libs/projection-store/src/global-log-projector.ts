import { inTransaction, LogCheckpoint, PollingLoop, readGlobalLog, SqlPool, StoredEvent } from '@houqin/event-store';
import { ProjectedEvent } from '@houqin/projections';
import { applyEvents } from './apply-events';
import { reached, resolvePosition } from './checkpoints';
import { Prepared, prepareProjection, readStatus } from './status';
import { AnyStoredProjection } from './tables';

export interface GlobalLogProjectorOptions {
  batchSize?: number;
  /** How often it looks without being woken (notify). */
  pollIntervalMs?: number;
  /** How long wake-ups gather before an idle projector looks. */
  coalesceMs?: number;
  /** Under load, the shortest time between two cycles that applied a partial page (default 20 ms). */
  lingerMs?: number;
  /** The stored event as the projection reads it (e.g. upcast through the contracts). */
  toProjected?: (event: StoredEvent) => ProjectedEvent;
  log?: (message: string) => void;
}

const defaultProjected = (e: StoredEvent): ProjectedEvent => ({
  type: e.type,
  streamType: e.streamType,
  streamVersion: e.streamVersion,
  schoolId: e.schoolId,
  payload: e.data,
  streamId: e.streamId,
  globalPosition: e.globalPosition,
  metadata: e.metadata,
  recordedAt: e.recordedAt.toISOString(),
});

/**
 * The loop of a projector or a group of them: `runOnce` answers how many events a page held, or null when another
 * replica holds the turn; a full page goes again at once, a partial one lingers, an idle one sleeps until woken.
 */
export function readModelLoop(
  runOnce: () => Promise<number | null>,
  options: Pick<GlobalLogProjectorOptions, 'batchSize' | 'pollIntervalMs' | 'coalesceMs' | 'lingerMs'>,
  warn: (message: string) => void,
): PollingLoop {
  const batchSize = options.batchSize ?? 500;
  return new PollingLoop(
    async () => {
      const n = await runOnce();
      return n === null ? 'not-leader' : n === 0 ? 'idle' : n >= batchSize ? 'full' : 'some';
    },
    {
      pollIntervalMs: options.pollIntervalMs ?? 500,
      coalesceMs: options.coalesceMs ?? 2,
      lingerMs: options.lingerMs ?? Number(process.env['READ_MODELS_LINGER_MS'] ?? 20),
      onError: (err, retryInMs) => warn(`${err.message}; retrying in ${retryInMs} ms`),
    },
  );
}

/**
 * Keeps a projection of the service's OWN events: reads the global log in commit order
 * (never skipping a late commit) from the projection's checkpoint, and applies a page and
 * advances the checkpoint in one transaction. One replica at a time works on a projection
 * (a transaction-scoped advisory lock); the others wait their turn. A command's commit
 * wakes it early (notify), like the outbox relay.
 */
export class GlobalLogProjector {
  private readonly loop: PollingLoop;
  private readonly advanced = new Set<() => void>();
  /** The furthest checkpoint this process has seen committed. */
  private checkpoint?: LogCheckpoint;
  /** What a commit's hint wakes: this projector's own loop, or the ProjectorGroup driving it. */
  private wake: () => void;
  private grouped = false;
  /** The stored event as the projection reads it. */
  readonly toProjected: (event: StoredEvent) => ProjectedEvent;

  constructor(
    private readonly pool: SqlPool,
    readonly projection: AnyStoredProjection,
    private readonly options: GlobalLogProjectorOptions = {},
  ) {
    this.toProjected = options.toProjected ?? defaultProjected;
    this.loop = readModelLoop(() => this.runOnce(), options, (message) => (options.log ?? console.warn)(`projection ${projection.definition.name}: ${message}`));
    this.wake = () => this.loop.notify();
  }

  get name(): string {
    return this.projection.definition.name;
  }

  /** A ProjectorGroup drives this projector (its own loop is never started): hints wake the group. */
  wakeWith(wake: () => void): void {
    this.wake = wake;
    this.grouped = true;
  }

  prepare(): Promise<Prepared> {
    this.checkpoint = undefined;
    return prepareProjection(this.pool, this.projection);
  }

  start(): void {
    // Two loops on one read model would only take turns; a grouped one is paused and resumed through its group.
    if (this.grouped) throw new Error(`Read model ${this.name} is driven by its ProjectorGroup: start and stop the group`);
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** New events committed: look soon rather than at the next poll. */
  notify(): void {
    this.wake();
  }

  /**
   * Applies one page if this replica holds the projection's turn. Answers how many events
   * it applied, 0 when none were new, and null when another replica is at work.
   */
  async runOnce(): Promise<number | null> {
    const name = this.projection.definition.name;
    const done = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ turn: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || ':projection:' || $1)) AS turn`, [name]);
      if (!rows[0].turn) return null;
      const status = await readStatus(client, name);
      if (!status) throw new Error(`No status row for projection ${name}: prepare() it first`);
      // No write before this read: this transaction has no id yet, so it holds back no one's view of the log, its own included.
      const page = await readGlobalLog(client, status.checkpoint, this.options.batchSize ?? 500);
      if (page.events.length === 0) return { count: 0, checkpoint: status.checkpoint };
      const counts = await applyEvents(client, this.projection, page.events.map(this.toProjected));
      await client.query(
        `UPDATE projection_status SET transaction_id = $2::xid8, global_position = $3, events_applied = events_applied + $4,
                duplicates_absorbed = duplicates_absorbed + $5, last_event_at = now(), updated_at = now()
          WHERE projection = $1`,
        [name, page.next.transactionId, page.next.globalPosition, counts.applied, counts.duplicates],
      );
      return { count: page.events.length, checkpoint: page.next };
    });
    if (!done) return null;
    this.noteCheckpoint(done.checkpoint);
    return done.count;
  }

  /** Applies pages until nothing new is visible (tests, tools). */
  async catchUp(): Promise<number> {
    let total = 0;
    for (let n = await this.runOnce(); n !== 0; n = await this.runOnce()) {
      if (n === null) await new Promise((r) => setTimeout(r, 10)); // another replica's turn
      total += n ?? 0;
    }
    return total;
  }

  /**
   * Resolves true once the projection has applied everything up to `position` (a
   * command's answer), false after `timeoutMs`. Checks this process's view first, then
   * the status row (another replica may be the one at work).
   */
  async waitFor(position: string | LogCheckpoint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const target = await resolvePosition(this.pool, position);
    if (!target) return true; // no such event: nothing to wait for
    for (;;) {
      if (reached(this.checkpoint, target)) return true;
      this.notify();
      const status = await readStatus(this.pool, this.projection.definition.name);
      if (status) this.noteCheckpoint(status.checkpoint);
      if (reached(this.checkpoint, target)) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.advanced.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 50));
        this.advanced.add(wake);
      });
    }
  }

  /** The projection committed up to `to` (by this projector or its group): wakes the waiters it satisfies. */
  noteCheckpoint(to: LogCheckpoint): void {
    if (reached(this.checkpoint, to) && this.checkpoint) return;
    this.checkpoint = to;
    for (const wake of [...this.advanced]) wake();
  }
}
