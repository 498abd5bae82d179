import { inTransaction, LogCheckpoint, PollingLoop, readGlobalLog, SqlClient, SqlPool, StoredEvent } from '@houqin/event-store';
import { ProjectedEvent } from '@houqin/projections';
import { applyEvents } from './apply-events';
import { reached } from './checkpoints';
import { GlobalLogProjector, readModelLoop } from './global-log-projector';

export interface ProjectorGroupOptions {
  batchSize?: number;
  pollIntervalMs?: number;
  coalesceMs?: number;
  lingerMs?: number;
  log?: (message: string) => void;
}

interface Turn {
  projector: GlobalLogProjector;
  checkpoint: LogCheckpoint;
}

/** A projection whose page failed waits this long (doubling up to the cap) before it is tried again. */
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/**
 * Drives a service's read models with ONE loop over the global log instead of a loop each: a cycle reads one page
 * from the furthest-behind checkpoint and, in one transaction, gives every projection the events past its own
 * checkpoint (each in a savepoint, so one failing projection neither stops nor undoes the others; it retries after
 * a backoff of its own). A commit then costs one read-model transaction, not one per read model, and a service
 * with many read models starts and idles as cheaply as one with few.
 * The turns are the projectors' own (the same advisory lock per projection), so a projector's runOnce/catchUp and
 * another replica's group take turns with this one safely.
 */
export class ProjectorGroup {
  private readonly loop: PollingLoop;
  private readonly retry = new Map<string, { at: number; delayMs: number }>();

  constructor(
    private readonly pool: SqlPool,
    private readonly projectors: GlobalLogProjector[],
    private readonly options: ProjectorGroupOptions = {},
  ) {
    this.loop = readModelLoop(() => this.runOnce(), options, (message) => this.warn(`read models: ${message}`));
    for (const p of projectors) p.wakeWith(() => this.loop.notify());
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  notify(): void {
    this.loop.notify();
  }

  /**
   * One page for every projection whose turn this replica holds. Answers how many events the page held (0 when
   * nothing was new), or null when another replica holds every turn.
   */
  async runOnce(): Promise<number | null> {
    const batchSize = this.options.batchSize ?? 500;
    const now = Date.now();
    const due = this.projectors.filter((p) => (this.retry.get(p.name)?.at ?? 0) <= now);
    if (due.length === 0) return 0;
    const advanced: Turn[] = [];
    const read = await inTransaction(this.pool, async (client) => {
      const turns = await this.takeTurns(client, due);
      if (turns.length === 0) return null;
      const from = turns.reduce((min, t) => (reached(t.checkpoint, min) ? min : t.checkpoint), turns[0].checkpoint);
      const page = await readGlobalLog(client, from, batchSize);
      if (page.events.length === 0) {
        advanced.push(...turns);
        return 0;
      }
      const quiet: Turn[] = [];
      const projected = projectOnce();
      for (const turn of turns) {
        if (reached(turn.checkpoint, page.next)) {
          advanced.push(turn); // ahead of this page: nothing in it is new to it
          continue;
        }
        const { streamType } = turn.projector.projection.definition;
        const mine = page.events.filter((e) => e.streamType === streamType && !reached(turn.checkpoint, e));
        const next = { projector: turn.projector, checkpoint: page.next };
        if (mine.length === 0) {
          quiet.push(next);
          continue;
        }
        if (await this.applyInSavepoint(client, turn.projector, projected(mine, turn.projector.toProjected), page.next)) advanced.push(next);
      }
      await advanceQuiet(client, quiet);
      advanced.push(...quiet);
      return page.events.length;
    });
    for (const { projector, checkpoint } of advanced) projector.noteCheckpoint(checkpoint);
    return read;
  }

  /** Applies until nothing new is visible (tests, tools). */
  async catchUp(): Promise<void> {
    for (let n = await this.runOnce(); n !== 0; n = await this.runOnce()) {
      if (n === null) await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async takeTurns(client: SqlClient, due: GlobalLogProjector[]): Promise<Turn[]> {
    const { rows } = await client.query<{ projection: string; turn: boolean; transaction_id: string | null; global_position: string | null }>(
      `SELECT n.projection, pg_try_advisory_xact_lock(hashtext(current_schema() || ':projection:' || n.projection)) AS turn,
              s.transaction_id::text AS transaction_id, s.global_position::text AS global_position
         FROM unnest($1::text[]) WITH ORDINALITY AS n(projection, i)
         LEFT JOIN projection_status s ON s.projection = n.projection
        ORDER BY n.i`,
      [due.map((p) => p.name)],
    );
    const turns: Turn[] = [];
    rows.forEach((row, i) => {
      if (!row.turn) return;
      if (row.transaction_id === null || row.global_position === null) throw new Error(`No status row for projection ${row.projection}: prepare() it first`);
      turns.push({ projector: due[i], checkpoint: { transactionId: row.transaction_id, globalPosition: row.global_position } });
    });
    return turns;
  }

  private async applyInSavepoint(client: SqlClient, projector: GlobalLogProjector, events: ProjectedEvent[], next: LogCheckpoint): Promise<boolean> {
    await client.query('SAVEPOINT read_model');
    try {
      const counts = await applyEvents(client, projector.projection, events);
      await client.query(
        `UPDATE projection_status SET transaction_id = $2::xid8, global_position = $3, events_applied = events_applied + $4,
                duplicates_absorbed = duplicates_absorbed + $5, last_event_at = now(), updated_at = now()
          WHERE projection = $1`,
        [projector.name, next.transactionId, next.globalPosition, counts.applied, counts.duplicates],
      );
      await client.query('RELEASE SAVEPOINT read_model');
      this.retry.delete(projector.name);
      return true;
    } catch (err) {
      await client.query('ROLLBACK TO SAVEPOINT read_model');
      const delayMs = Math.min(MAX_RETRY_MS, (this.retry.get(projector.name)?.delayMs ?? FIRST_RETRY_MS / 2) * 2);
      this.retry.set(projector.name, { at: Date.now() + delayMs, delayMs });
      this.warn(`projection ${projector.name}: ${(err as Error).message}; retrying in ${delayMs} ms`);
      return false;
    }
  }

  private warn(message: string): void {
    (this.options.log ?? console.warn)(message);
  }
}

/**
 * The page's events as the projections read them, each projected (upcast, validated) once per page however many
 * read models read it: with a dozen read models, projecting per read model was most of a catch-up's CPU.
 */
function projectOnce(): (events: StoredEvent[], toProjected: (e: StoredEvent) => ProjectedEvent) => ProjectedEvent[] {
  const cache = new Map<(e: StoredEvent) => ProjectedEvent, Map<StoredEvent, ProjectedEvent>>();
  return (events, toProjected) => {
    let projected = cache.get(toProjected);
    if (!projected) cache.set(toProjected, (projected = new Map()));
    return events.map((e) => {
      let p = projected!.get(e);
      if (!p) projected!.set(e, (p = toProjected(e)));
      return p;
    });
  };
}

/** The projections that had none of their own events in the page: their checkpoints move past it in one statement. */
async function advanceQuiet(client: SqlClient, quiet: Turn[]): Promise<void> {
  if (quiet.length === 0) return;
  await client.query(
    `UPDATE projection_status s SET transaction_id = q.transaction_id::xid8, global_position = q.global_position::bigint, updated_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS q(projection, transaction_id, global_position)
      WHERE s.projection = q.projection`,
    [quiet.map((t) => t.projector.name), quiet.map((t) => t.checkpoint.transactionId), quiet.map((t) => t.checkpoint.globalPosition)],
  );
}
