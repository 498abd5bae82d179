import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from '@houqin/event-sourcing';
import { EventMetadata } from '@houqin/contracts';
import { GENESIS_HASH, hashEvent } from './hash';
import { isUniqueViolation } from './pg-errors';
import { EVENT_COLUMNS, EventRow, toStoredEvent } from './rows';
import { AppendResult, ExpectedVersion, NewEvent, SqlClient, StoredEvent, StreamHead } from './types';

export interface AppendOptions {
  streamType: string;
  schoolId: string;
  expectedVersion: ExpectedVersion;
  metadata: EventMetadata;
  /** Kafka topic the outbox relay publishes these events to. */
  topic: string;
  /**
   * The head the caller already read in this transaction (null: no stream yet).
   * Saves a round trip; the compare-and-set still catches anyone who wrote since.
   */
  knownHead?: { version: number; lastHash: string } | null;
}

/**
 * Appends and reads one service's events. Every method runs on the client it is
 * given, so a caller can put an append, its outbox rows and its idempotency record
 * in one transaction.
 *
 * Concurrency has two guards (see docs/architecture.md): a compare-and-set on the
 * `streams` row and UNIQUE (stream_id, stream_version) on `events`. The hash chain
 * rides on the same compare-and-set: the prev_hash of version N is read in the
 * transaction that can only commit if nobody else wrote version N.
 */
export class PostgresEventStore {
  async readStream(client: SqlClient, streamId: string): Promise<StoredEvent[]> {
    const { rows } = await client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    return rows.map(toStoredEvent);
  }

  async readStreams(client: SqlClient, streamIds: string[]): Promise<StoredEvent[]> {
    if (streamIds.length === 0) return [];
    const { rows } = await client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ANY($1) ORDER BY stream_id, stream_version`,
      [streamIds],
    );
    return rows.map(toStoredEvent);
  }

  /** Newest first, by creation time; `before` pages backwards. */
  async listStreams(
    client: SqlClient,
    query: { schoolId?: string; streamType: string; limit: number; before?: Date },
  ): Promise<{ streamId: string; schoolId: string; createdAt: Date }[]> {
    const params: unknown[] = [query.streamType, query.limit];
    const conditions = ['stream_type = $1'];
    if (query.schoolId) conditions.push(`school_id = $${params.push(query.schoolId)}`);
    if (query.before) conditions.push(`created_at < $${params.push(query.before)}`);
    const { rows } = await client.query<{ stream_id: string; school_id: string; created_at: Date }>(
      `SELECT stream_id, school_id, created_at FROM streams WHERE ${conditions.join(' AND ')} ORDER BY created_at DESC LIMIT $2`,
      params,
    );
    return rows.map((r) => ({ streamId: r.stream_id, schoolId: r.school_id, createdAt: r.created_at }));
  }

  async readHead(client: SqlClient, streamId: string, forUpdate = false): Promise<StreamHead | undefined> {
    const { rows } = await client.query<{ stream_type: string; school_id: string; version: number; last_hash: string }>(
      `SELECT stream_type, school_id, version, last_hash FROM streams WHERE stream_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [streamId],
    );
    const row = rows[0];
    return row && { streamId, streamType: row.stream_type, schoolId: row.school_id, version: row.version, lastHash: row.last_hash };
  }

  /** Must run inside a transaction on `client`. */
  async append(client: SqlClient, streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('Nothing to append');
    let head: { version: number; lastHash: string } | undefined;
    if (options.knownHead !== undefined) head = this.checkKnownHead(streamId, options);
    else {
      const read = await this.headFor(client, streamId, options.expectedVersion);
      if (read && (read.schoolId !== options.schoolId || read.streamType !== options.streamType)) {
        // Streams never change school or type: refuse rather than mix two schools' records.
        throw new Error(`Stream ${streamId} belongs to ${read.streamType}/${read.schoolId}`);
      }
      head = read;
    }
    const from = head?.version ?? 0;
    const stored = this.seal(streamId, from, head?.lastHash ?? GENESIS_HASH, events, options);
    const last = stored[stored.length - 1];

    if (!head) await this.createStream(client, streamId, options, last);
    else await this.advanceStream(client, streamId, from, last, options.expectedVersion);

    const { rows } = await client.query<{ global_position: string; transaction_id: string; recorded_at: Date }>(
      `WITH inserted AS (
         INSERT INTO events (event_id, stream_id, stream_type, stream_version, school_id, type, schema_version, data, metadata, prev_hash, hash)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[], $10::text[], $11::text[])
         RETURNING global_position, transaction_id, recorded_at, stream_version
       ), queued AS (
         INSERT INTO outbox (global_position, topic) SELECT global_position, $12 FROM inserted
       )
       SELECT global_position, transaction_id::text AS transaction_id, recorded_at FROM inserted ORDER BY stream_version`,
      [
        stored.map((e) => e.eventId),
        stored.map((e) => e.streamId),
        stored.map((e) => e.streamType),
        stored.map((e) => e.streamVersion),
        stored.map((e) => e.schoolId),
        stored.map((e) => e.type),
        stored.map((e) => e.schemaVersion),
        stored.map((e) => JSON.stringify(e.data)),
        stored.map((e) => JSON.stringify(e.metadata)),
        stored.map((e) => e.prevHash),
        stored.map((e) => e.hash),
        options.topic,
      ],
    ).catch((err) => {
      if (isUniqueViolation(err, 'events_stream_version_uq')) throw new ConcurrencyError(streamId, String(options.expectedVersion));
      throw err;
    });
    rows.forEach((row, i) => {
      stored[i].globalPosition = row.global_position;
      stored[i].transactionId = row.transaction_id;
      stored[i].recordedAt = row.recorded_at;
    });
    return { streamId, version: last.streamVersion, events: stored };
  }

  private checkKnownHead(streamId: string, { knownHead, expectedVersion }: AppendOptions): { version: number; lastHash: string } | undefined {
    const actual = knownHead?.version;
    if (expectedVersion === 'no-stream' && knownHead) throw new ConcurrencyError(streamId, 'no-stream', actual);
    if (expectedVersion === 'exists' && !knownHead) throw new ConcurrencyError(streamId, 'exists');
    if (typeof expectedVersion === 'number' && (actual ?? 0) !== expectedVersion) {
      throw new ConcurrencyError(streamId, String(expectedVersion), actual);
    }
    return knownHead ?? undefined;
  }

  private async headFor(client: SqlClient, streamId: string, expected: ExpectedVersion): Promise<StreamHead | undefined> {
    // 'any' locks the row so concurrent unconditional appends queue instead of failing.
    const head = await this.readHead(client, streamId, expected === 'any');
    const actual = head?.version;
    if (expected === 'no-stream' && head) throw new ConcurrencyError(streamId, 'no-stream', actual);
    if (expected === 'exists' && !head) throw new ConcurrencyError(streamId, 'exists');
    if (typeof expected === 'number' && (actual ?? 0) !== expected) throw new ConcurrencyError(streamId, String(expected), actual);
    return head;
  }

  private seal(streamId: string, from: number, prevHash: string, events: NewEvent[], options: AppendOptions): StoredEvent[] {
    let previous = prevHash;
    return events.map((event, i) => {
      const fields = {
        eventId: randomUUID(),
        streamId,
        streamType: options.streamType,
        streamVersion: from + i + 1,
        schoolId: options.schoolId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: options.metadata,
        prevHash: previous,
      };
      previous = hashEvent(fields);
      return { ...fields, hash: previous, globalPosition: '', transactionId: '', recordedAt: new Date(0) };
    });
  }

  private async createStream(client: SqlClient, streamId: string, options: AppendOptions, last: StoredEvent): Promise<void> {
    try {
      await client.query(
        `INSERT INTO streams (stream_id, stream_type, school_id, version, last_hash) VALUES ($1, $2, $3, $4, $5)`,
        [streamId, options.streamType, options.schoolId, last.streamVersion, last.hash],
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConcurrencyError(streamId, String(options.expectedVersion));
      throw err;
    }
  }

  private async advanceStream(client: SqlClient, streamId: string, from: number, last: StoredEvent, expected: ExpectedVersion) {
    const { rowCount } = await client.query(
      `UPDATE streams SET version = $3, last_hash = $4, updated_at = now() WHERE stream_id = $1 AND version = $2`,
      [streamId, from, last.streamVersion, last.hash],
    );
    if (rowCount !== 1) throw new ConcurrencyError(streamId, String(expected));
  }
}
