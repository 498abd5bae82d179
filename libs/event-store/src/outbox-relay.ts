import { EventEnvelope } from '@houqin/contracts';
import { toEnvelope } from './envelope';
import { LogCheckpoint, readGlobalLog } from './global-log';
import { CycleOutcome, PollingLoop } from './polling-loop';
import { RELAY_CHECKPOINT } from './migration';
import { PooledSqlClient, SqlClient, SqlPool } from './types';

/** Port to the message broker; the service wires a Kafka publisher in. */
export interface EnvelopePublisher {
  /** Resolves only once the broker has durably acknowledged every message. */
  publish(batch: { topic: string; envelope: EventEnvelope }[]): Promise<void>;
}

export interface OutboxRelayOptions {
  source: string;
  /** Kafka topic every event of this store goes to. */
  topic: string;
  /** Advisory-lock name: one relay per service schema publishes at a time. */
  lockName: string;
  batchSize?: number;
  pollIntervalMs?: number;
  maxBackoffMs?: number;
  /** How long commit hints are gathered before an idle relay wakes (default 5 ms). */
  coalesceMs?: number;
  /** Under load, the shortest time between two cycles that published a partial page (default 20 ms). */
  lingerMs?: number;
  /** Fault injection for the fault run: die after publishing, before advancing the checkpoint. */
  crashAfterPublish?: () => boolean;
  log?: (message: string) => void;
}

/**
 * The events table is the outbox: the relay reads it in commit order through the global
 * log and advances its checkpoint (relay_checkpoints) only after the broker acknowledged
 * the batch. A crash in between republishes (consumers dedupe by event id); Kafka being
 * down only delays: events wait behind the checkpoint (relay_backlog()).
 */
export class OutboxRelay {
  private readonly loop: PollingLoop;
  private client?: PooledSqlClient;
  /** Where the leader stands; loaded when it takes the lead. */
  private checkpoint?: LogCheckpoint;
  private lastPublishedAt = 0;
  published = 0;

  constructor(
    private readonly pool: SqlPool,
    private readonly publisher: EnvelopePublisher,
    private readonly options: OutboxRelayOptions,
  ) {
    this.loop = new PollingLoop(() => this.cycle(), {
      pollIntervalMs: options.pollIntervalMs ?? 100,
      coalesceMs: options.coalesceMs ?? 5,
      lingerMs: options.lingerMs ?? 20,
      maxBackoffMs: options.maxBackoffMs,
      onError: (err, retryInMs) => {
        this.log(`outbox relay: ${err.message}; retrying in ${retryInMs} ms`);
        this.dropLeadership(err);
      },
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    this.dropLeadership();
  }

  /**
   * Hint that new rows committed: publish soon instead of at the next poll. Hints are
   * coalesced for `coalesceMs`, and under load cycles linger (`lingerMs`), so that one relay
   * cycle (read, publish, mark) carries many events instead of one each.
   */
  notify(): void {
    this.loop.notify();
  }

  /** Publishes everything pending once; returns how many events went out. For tests and tools, not beside a running relay. */
  async drain(): Promise<number> {
    if (this.loop.isRunning) throw new Error('drain() is for a relay that is not running');
    const client = await this.pool.connect();
    try {
      await client.query(ASYNC_CHECKPOINT_COMMITS);
      this.checkpoint = await loadCheckpoint(client);
      let total = 0;
      for (let n = await this.publishBatch(client); n > 0; n = await this.publishBatch(client)) total += n;
      return total;
    } finally {
      this.checkpoint = undefined;
      client.release(true); // not back to the pool: the session setting above stays with it
    }
  }

  private async cycle(): Promise<CycleOutcome> {
    const client = await this.lead();
    if (!client) return 'not-leader';
    const sent = await this.publishBatch(client);
    return sent === 0 ? 'idle' : sent >= this.batchSize ? 'full' : 'some';
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  /** Holds a session advisory lock on a dedicated connection; losing the connection loses the lead. */
  private async lead(): Promise<PooledSqlClient | undefined> {
    if (this.client) return this.client;
    const client = await this.pool.connect();
    // Listen from the start: a connection cut while idle between polls (or during the lock
    // query) surfaces here rather than as an unhandled 'error' that ends the process.
    const onError = (err: Error) => {
      if (this.client === client) this.dropLeadership(err);
    };
    client.on?.('error', onError);
    let locked: boolean | undefined;
    try {
      const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [this.options.lockName]);
      locked = rows[0]?.locked;
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
    if (!locked) {
      client.removeListener?.('error', onError);
      client.release();
      return undefined;
    }
    try {
      await client.query(ASYNC_CHECKPOINT_COMMITS);
      this.checkpoint = await loadCheckpoint(client);
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
    this.client = client;
    return client;
  }

  private dropLeadership(err?: Error): void {
    // Destroying the connection releases the advisory lock with it.
    this.client?.release(err ?? true);
    this.client = undefined;
    this.checkpoint = undefined;
  }

  private async publishBatch(client: PooledSqlClient): Promise<number> {
    const page = await readGlobalLog(client, this.checkpoint!, this.batchSize);
    if (page.events.length === 0) return 0;
    await this.publisher.publish(page.events.map((e) => ({ topic: this.options.topic, envelope: toEnvelope(this.options.source, e) })));
    if (this.options.crashAfterPublish?.()) {
      this.log('outbox relay: fault injection, killing the process after publish and before advancing the checkpoint');
      process.kill(process.pid, 'SIGKILL');
    }
    this.checkpoint = await advanceCheckpoint(client, page.next);
    this.published += page.events.length;
    this.lastPublishedAt = Date.now();
    return page.events.length;
  }

  get idleForMs(): number {
    return Date.now() - this.lastPublishedAt;
  }

  private log(message: string): void {
    (this.options.log ?? console.warn)(message);
  }
}

/**
 * The relay's own connection commits its checkpoint without waiting for the WAL flush: a
 * crash can only lose the last few advances, which republishes those events (consumers
 * dedupe), and the commands' commits no longer queue behind hundreds of relay flushes a second.
 */
const ASYNC_CHECKPOINT_COMMITS = 'SET synchronous_commit = off';

async function loadCheckpoint(client: SqlClient): Promise<LogCheckpoint> {
  const { rows } = await client.query<{ transaction_id: string; global_position: string; in_future: boolean }>(
    `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position,
            transaction_id >= pg_snapshot_xmax(pg_current_snapshot()) AS in_future
       FROM relay_checkpoints WHERE name = $1`,
    [RELAY_CHECKPOINT],
  );
  if (!rows[0]) throw new Error(`No relay checkpoint ${RELAY_CHECKPOINT}: are the event store's migrations applied?`);
  if (rows[0].in_future) {
    // Transaction ids restarted below it (a logical restore, a move by logical replication):
    // every new event would sort before the checkpoint and never be published.
    throw new Error(
      `Relay checkpoint ${rows[0].transaction_id}:${rows[0].global_position} lies beyond the server's transaction ids (restored database?): reset it, see docs/operations.md`,
    );
  }
  return { transactionId: rows[0].transaction_id, globalPosition: rows[0].global_position };
}

/**
 * Moves the checkpoint forward, never back, and answers where it stands: an operator who
 * moved it further (e.g. past events that must not go out) is followed, not overwritten.
 */
async function advanceCheckpoint(client: SqlClient, to: LogCheckpoint): Promise<LogCheckpoint> {
  const { rows } = await client.query<{ transaction_id: string; global_position: string }>(
    `UPDATE relay_checkpoints c
        SET transaction_id  = CASE WHEN ($2::xid8, $3::bigint) > (c.transaction_id, c.global_position) THEN $2::xid8 ELSE c.transaction_id END,
            global_position = CASE WHEN ($2::xid8, $3::bigint) > (c.transaction_id, c.global_position) THEN $3::bigint ELSE c.global_position END,
            updated_at = now()
      WHERE c.name = $1
      RETURNING c.transaction_id::text AS transaction_id, c.global_position::text AS global_position`,
    [RELAY_CHECKPOINT, to.transactionId, to.globalPosition],
  );
  if (!rows[0]) throw new Error(`No relay checkpoint ${RELAY_CHECKPOINT}`);
  return { transactionId: rows[0].transaction_id, globalPosition: rows[0].global_position };
}
