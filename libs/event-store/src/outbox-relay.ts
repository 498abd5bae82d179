import { EventEnvelope } from '@houqin/contracts';
import { toEnvelope } from './envelope';
import { eventColumns, EventRow, toStoredEvent } from './rows';
import { PooledSqlClient, SqlPool } from './types';

/** Port to the message broker; the service wires a Kafka publisher in. */
export interface EnvelopePublisher {
  /** Resolves only once the broker has durably acknowledged every message. */
  publish(batch: { topic: string; envelope: EventEnvelope }[]): Promise<void>;
}

export interface OutboxRelayOptions {
  source: string;
  /** Advisory-lock name: one relay per service schema publishes at a time. */
  lockName: string;
  batchSize?: number;
  pollIntervalMs?: number;
  maxBackoffMs?: number;
  /** How long commit hints are gathered before a relay cycle (default 5 ms). */
  coalesceMs?: number;
  /** Fault injection for the fault run: die after publishing, before marking sent. */
  crashAfterPublish?: () => boolean;
  log?: (message: string) => void;
}

/**
 * Publishes committed outbox rows in global-position order and marks them sent only
 * after the broker acknowledged them. A crash in between republishes (consumers
 * dedupe by event id); Kafka being down only delays: rows wait in the outbox.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private notified?: NodeJS.Timeout;
  private client?: PooledSqlClient;
  private lastPublishedAt = 0;
  published = 0;

  constructor(
    private readonly pool: SqlPool,
    private readonly publisher: EnvelopePublisher,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.notified);
    this.wake?.();
    await this.loop;
  }

  /**
   * Hint that new rows committed: publish soon instead of at the next poll. Hints are
   * coalesced for `coalesceMs` so that under load one relay cycle (read, publish, mark)
   * carries many events instead of one each.
   */
  notify(): void {
    if (this.notified) return;
    this.notified = setTimeout(() => {
      this.notified = undefined;
      this.wake?.();
    }, this.options.coalesceMs ?? 5);
  }

  /** Publishes everything pending once; returns how many rows went out. For tests and tools. */
  async drain(): Promise<number> {
    const client = await this.pool.connect();
    try {
      let total = 0;
      for (let n = await this.publishBatch(client); n > 0; n = await this.publishBatch(client)) total += n;
      return total;
    } finally {
      client.release();
    }
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (this.running) {
      try {
        const client = await this.lead();
        if (!client) {
          await this.sleep(1000);
          continue;
        }
        const sent = await this.publishBatch(client);
        backoff = 100;
        if (sent === 0) await this.sleep(this.options.pollIntervalMs ?? 100);
      } catch (err) {
        this.log(`outbox relay: ${(err as Error).message}; retrying in ${backoff} ms`);
        this.dropLeadership(err as Error);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 5000);
      }
    }
    this.dropLeadership();
  }

  /** Holds a session advisory lock on a dedicated connection; losing the connection loses the lead. */
  private async lead(): Promise<PooledSqlClient | undefined> {
    if (this.client) return this.client;
    const client = await this.pool.connect();
    // Listen from the start: a connection cut while idle between polls (or during the lock
    // query) surfaces here rather than as an unhandled 'error' that ends the process.
    client.on?.('error', (err: Error) => {
      if (this.client === client) this.dropLeadership(err);
    });
    let locked: boolean | undefined;
    try {
      const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [this.options.lockName]);
      locked = rows[0]?.locked;
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
    if (!locked) {
      client.release();
      return undefined;
    }
    this.client = client;
    return client;
  }

  private dropLeadership(err?: Error): void {
    // Destroying the connection releases the advisory lock with it.
    this.client?.release(err ?? true);
    this.client = undefined;
  }

  private async publishBatch(client: PooledSqlClient): Promise<number> {
    const { rows } = await client.query<EventRow & { topic: string }>(
      `SELECT o.topic, ${eventColumns('e')}
         FROM outbox o JOIN events e USING (global_position)
        WHERE o.sent_at IS NULL
        ORDER BY o.global_position
        LIMIT $1`,
      [this.options.batchSize ?? 500],
    );
    if (rows.length === 0) return 0;
    await this.publisher.publish(rows.map((row) => ({ topic: row.topic, envelope: toEnvelope(this.options.source, toStoredEvent(row)) })));
    if (this.options.crashAfterPublish?.()) {
      this.log('outbox relay: fault injection, killing the process after publish and before marking sent');
      process.kill(process.pid, 'SIGKILL');
    }
    await client.query(`UPDATE outbox SET sent_at = now() WHERE global_position = ANY($1::bigint[]) AND sent_at IS NULL`, [
      rows.map((r) => r.global_position),
    ]);
    this.published += rows.length;
    this.lastPublishedAt = Date.now();
    return rows.length;
  }

  get idleForMs(): number {
    return Date.now() - this.lastPublishedAt;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private log(message: string): void {
    (this.options.log ?? console.warn)(message);
  }
}
