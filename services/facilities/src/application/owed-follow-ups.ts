import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainError } from '@houqin/event-sourcing';
import { SqlPool } from '@houqin/event-store';
import { ReadModels, StoredProjection } from '@houqin/projection-store';
import { PeriodicPass } from './periodic-pass';

/**
 * What a process manager owes, as its pass reads it: its own read model (one row per stream, with a column counting
 * the follow-ups the stream's facts call for) and a table of the follow-ups done (one row each, keyed by the read
 * model's key column). A row is still owed while it has fewer done than called for.
 */
export interface OwedFollowUps<Doc> {
  readModel: StoredProjection<Doc>;
  /** The read model's column counting the follow-ups owed by a row (e.g. failed items needing a work order). */
  owedColumn: string;
  /** One row per follow-up done, with a column named like the read model's key. */
  doneTable: string;
}

const PAGE = 100;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * One pass of a process manager: catches its read model up to every committed event, then hands each row still owed
 * to `followUp` (page by page in key order, stopping between rows once `signal` aborts) and answers the sum of what
 * `followUp` answered (how many follow-ups this pass did). `followUp` must be idempotent (derived ids or keys): two
 * replicas, or a crash after a follow-up and before its row in the done table, make it run again for the same row.
 */
export async function passOverOwed<Doc>(pool: SqlPool, readModels: ReadModels, owed: OwedFollowUps<Doc>, signal: AbortSignal, followUp: (doc: Doc) => Promise<number>): Promise<number> {
  const documents = owed.readModel.documents;
  const { table, keyColumn: key } = documents;
  for (const name of [owed.owedColumn, owed.doneTable]) if (!IDENTIFIER.test(name)) throw new Error(`Invalid SQL identifier ${name}`);
  await readModels.get(owed.readModel.definition.name).catchUp();
  let done = 0;
  let after = '';
  for (;;) {
    const { rows } = await pool.query<Record<string, unknown>>(
      `SELECT f.* FROM ${table} f
        WHERE f.${owed.owedColumn} > 0 AND f.${owed.owedColumn} > (SELECT count(*) FROM ${owed.doneTable} d WHERE d.${key} = f.${key}) AND f.${key} > $1
        ORDER BY f.${key} LIMIT ${PAGE}`,
      [after],
    );
    for (const row of rows) if (!signal.aborted) done += await followUp(documents.fromRow(row));
    if (rows.length < PAGE || signal.aborted) return done;
    after = String(rows[rows.length - 1][key]);
  }
}

/**
 * A follow-up that opens a stream under a derived id: 1 when this call opened it, 0 when the decider refused it with
 * `existsCode` (an earlier pass or another replica opened it); any other error is the caller's.
 */
export async function openedOnce(existsCode: string, open: () => Promise<unknown>): Promise<number> {
  try {
    await open();
    return 1;
  } catch (err) {
    if (err instanceof DomainError && err.code === existsCode) return 0;
    throw err;
  }
}

/** How a process manager runs: what it owes, its timer's variable and default period, what its log line counts. */
export interface FollowUpSettings<Doc> {
  owed: OwedFollowUps<Doc>;
  intervalEnv: string;
  defaultIntervalMs: number;
  /** e.g. 'work order(s) opened for failed inspection items'. */
  counted: string;
}

/**
 * A process manager: a PeriodicPass (timer from `intervalEnv`, 0: none; tests call tick()) whose pass is passOverOwed.
 * A subclass says what it owes (settings) and does one row's follow-ups (`followUp`, idempotent, answering how many
 * it did); it decides its commands, ids and done rows itself.
 */
export abstract class FollowUpProcess<Doc> implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly log = new Logger(this.constructor.name);
  private readonly periodic = new PeriodicPass((signal) => this.pass(signal), this.log);

  protected constructor(
    protected readonly pool: SqlPool,
    protected readonly readModels: ReadModels,
    private readonly settings: FollowUpSettings<Doc>,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic.start(this.settings.intervalEnv, this.settings.defaultIntervalMs);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass; answers how many follow-ups it did. */
  tick(): Promise<number> {
    return this.periodic.tick();
  }

  protected abstract followUp(doc: Doc): Promise<number>;

  private async pass(signal: AbortSignal): Promise<number> {
    const done = await passOverOwed(this.pool, this.readModels, this.settings.owed, signal, (doc) => this.followUp(doc));
    if (done > 0) this.log.log(`${done} ${this.settings.counted}`);
    return done;
  }
}
