import { BatchWrite, CommandWriteRequest, PostgresEventStore } from './event-store';
import { classifyDatabaseError, DEADLOCK_DETECTED } from './database-errors';
import { isStatementError } from './pg-errors';
import { withConnection } from './transaction';
import { SqlPool } from './types';

export interface WriteBatcherOptions {
  /** Most commands in one statement (default 32). */
  maxBatch?: number;
  /**
   * Batches written at the same time, each on its own connection (default 1). Above 1, two
   * batches can deadlock when a retried command's key and another command's stream cross
   * (PostgreSQL breaks it after deadlock_timeout and the batch is rewritten one by one).
   */
  concurrency?: number;
}

interface Pending {
  request: CommandWriteRequest;
  resolve(write: BatchWrite): void;
  reject(err: unknown): void;
}

/**
 * Group commit. Commands that are ready to write while `concurrency` batches are being
 * written queue up and go together in the next batch: one statement, one transaction,
 * one WAL flush for all of them. Nothing waits on purpose: a command that finds a free
 * slot is written at once, so a lone command pays no extra latency and batches grow only
 * with load.
 */
export class WriteBatcher {
  private readonly queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly pool: SqlPool,
    private readonly store: PostgresEventStore,
    private readonly options: WriteBatcherOptions = {},
  ) {}

  write(request: CommandWriteRequest): Promise<BatchWrite> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < (this.options.concurrency ?? 1) && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch ?? 32);
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    // One order of stream locks for every batch, so two concurrent batches cannot deadlock on streams.
    batch.sort((a, b) => (a.request.streamId < b.request.streamId ? -1 : a.request.streamId > b.request.streamId ? 1 : 0));
    try {
      const writes = await this.append(batch);
      writes.forEach((write, i) => batch[i].resolve(write));
    } catch (err) {
      if (batch.length === 1 || !oneCommandCouldCause(err)) {
        // A cut connection fails the whole batch: whether it committed is unknown, and
        // each keyed command's retry finds out (it replays a committed outcome). An
        // overload (too many connections, a cancelled statement, a read-only failover) fails
        // it too: writing the batch again one statement per command would multiply the load
        // while every other command waits; each command's own retry backs off instead.
        for (const p of batch) p.reject(err);
        return;
      }
      // One command broke the statement (the UNIQUE backstop, data PostgreSQL cannot store,
      // a deadlock with another replica's batch): PostgreSQL rolled it back whole; write
      // each alone, one after the other, so that only the culprit fails.
      for (const p of batch) await this.append([p]).then(([write]) => p.resolve(write), p.reject);
    }
  }

  private append(batch: Pending[]): Promise<BatchWrite[]> {
    return withConnection(this.pool, (client) => this.store.appendBatch(client, batch.map((p) => p.request)));
  }
}

/**
 * PostgreSQL refused the statement for something one command's part of it could cause: its
 * data or a clash with another writer over its rows. Not an outage, not an overload.
 */
function oneCommandCouldCause(err: unknown): boolean {
  if (!isStatementError(err)) return false;
  const kind = classifyDatabaseError(err);
  return kind === 'conflict' || kind === 'permanent' || (err as { code?: string }).code === DEADLOCK_DETECTED;
}
