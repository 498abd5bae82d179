import { randomUUID } from 'node:crypto';
import { ConcurrencyError, IdempotencyKeyReusedError } from '@houqin/event-sourcing';
import { EventMetadata } from '@houqin/contracts';
import { GENESIS_HASH, hashEvent } from './hash';
import { IdempotencyKey } from './idempotency';
import { EVENT_COLUMNS, eventColumns, EventRow, toStoredEvent } from './rows';
import { AppendResult, NewEvent, SqlClient, StoredEvent } from './types';

/** What a command reads in its first round trip. */
export interface CommandRead {
  /** The stream's events in version order (empty when `earlier` is set). */
  events: StoredEvent[];
  /** The outcome already stored under the command's idempotency key: replay it. */
  earlier?: unknown;
}

/** A command's single write statement (houqin_append_batch): see CreateAppendBatchFunction1764200000000. */
export interface CommandWriteOptions {
  streamType: string;
  schoolId: string;
  metadata: EventMetadata;
  /** The head the events were decided on (null: no stream yet). Compare-and-set on version and last hash. */
  head: { version: number; lastHash: string } | null;
  idempotency?: IdempotencyKey;
  /** Outcome recorded under the key when there are no events (e.g. a domain refusal). */
  outcome?: unknown;
}

/** One command's write in a batch. */
export interface CommandWriteRequest {
  streamId: string;
  events: NewEvent[];
  options: CommandWriteOptions;
}

interface BatchRow {
  ordinal: number;
  status: string;
  outcome: unknown;
  global_positions: string[] | null;
  transaction_id: string | null;
  recorded_at: Date | null;
  actual_version: number | null;
}

/** A command's answer in a batch: its write, or the error it alone gets. */
export type BatchWrite =
  | CommandWrite
  | { status: 'conflict'; error: ConcurrencyError }
  | { status: 'key-reused'; error: IdempotencyKeyReusedError };

export type CommandWrite =
  /** Events appended; `outcome` is what was recorded under the key ({ ok: true, result }). */
  | { status: 'appended'; append: AppendResult; outcome: unknown }
  /** No events; `options.outcome` recorded under the key. */
  | { status: 'recorded'; outcome: unknown }
  /** The key was answered before (or by a concurrent attempt that committed first): nothing written. */
  | { status: 'replayed'; outcome: unknown };

/**
 * Appends and reads one service's events. Every write goes through one SQL function,
 * houqin_append_batch (one command = a batch of one), so the compare-and-set, hash and
 * idempotency rules live in one place. Every method runs on the client it is given.
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

  /**
   * Round trip 1 of a command: the stream's events and, in the same statement (one
   * snapshot), the outcome stored under the idempotency key. A key that was already
   * answered skips the events and is replayed; a key used for another request throws.
   */
  async readForCommand(client: SqlClient, streamId: string, key?: IdempotencyKey): Promise<CommandRead> {
    if (!key) return { events: await this.readStream(client, streamId) };
    const { rows } = await client.query<EventRow & { key_request_hash: string | null; key_outcome: unknown }>({
      name: 'houqin_read_for_command',
      text: `SELECT k.request_hash AS key_request_hash, k.outcome AS key_outcome, ${eventColumns('e')}
         FROM (VALUES ($2::text, $3::text)) AS q (scope, key)
         LEFT JOIN idempotency_keys k ON k.scope = q.scope AND k.key = q.key
         LEFT JOIN LATERAL (SELECT * FROM events WHERE stream_id = $1 AND k.scope IS NULL) e ON true
        ORDER BY e.stream_version`,
      values: [streamId, key.scope, key.key],
    });
    const first = rows[0];
    if (first && first.key_request_hash !== null) {
      if (first.key_request_hash !== key.requestHash) throw new IdempotencyKeyReusedError(key.key);
      if (first.key_outcome === null) throw new Error(`Idempotency key ${key.key} has no outcome`);
      return { events: [], earlier: first.key_outcome };
    }
    return { events: rows.filter((r) => r.global_position !== null).map(toStoredEvent) };
  }

  /**
   * Round trip 2 of a command, in autocommit: claims the idempotency key, compare-and-sets
   * the stream head, appends the events and records the outcome,
   * all in one statement (houqin_append_batch, a batch of one), hence one transaction.
   * A lost race throws ConcurrencyError and leaves nothing behind, not even the key claim.
   * Also works inside a caller's transaction (then it commits with it).
   */
  async appendAndRecord(client: SqlClient, streamId: string, events: NewEvent[], options: CommandWriteOptions): Promise<CommandWrite> {
    const [write] = await this.appendBatch(client, [{ streamId, events, options }]);
    if ('error' in write) throw write.error;
    return write;
  }

  /**
   * Many commands' writes in ONE statement and one transaction (group commit): see
   * CreateAppendBatchFunction1764200000000. Answers in the order given; a command that
   * lost its compare-and-set answers 'conflict' and left nothing, the others are written.
   */
  async appendBatch(client: SqlClient, writes: CommandWriteRequest[]): Promise<BatchWrite[]> {
    const sealed = writes.map(({ streamId, events, options }) => {
      if (events.length === 0 && !options.idempotency) throw new Error('Nothing to write');
      const from = options.head?.version ?? 0;
      const prevHash = options.head?.lastHash ?? GENESIS_HASH;
      return { streamId, from, prevHash, options, stored: this.seal(streamId, from, prevHash, events, options) };
    });
    const commands = sealed.map(({ streamId, from, prevHash, options, stored }) => ({
      streamId,
      streamType: options.streamType,
      schoolId: options.schoolId,
      expectedVersion: from,
      prevHash,
      events: stored.map((e) => ({ eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, data: e.data, hash: e.hash })),
      metadata: options.metadata,
      scope: options.idempotency?.scope ?? null,
      key: options.idempotency?.key ?? null,
      requestHash: options.idempotency?.requestHash ?? null,
      outcome: options.outcome === undefined || stored.length > 0 ? null : options.outcome,
    }));
    const { rows } = await client.query<BatchRow>({
      name: 'houqin_append_batch',
      text: `SELECT ordinal, status, outcome, global_positions, transaction_id, recorded_at, actual_version FROM houqin_append_batch($1::jsonb)`,
      values: [JSON.stringify(commands)],
    });
    if (rows.length !== writes.length) throw new Error(`houqin_append_batch answered ${rows.length} of ${writes.length} commands`);
    const answers: BatchWrite[] = [];
    for (const row of rows) answers[row.ordinal - 1] = this.toWrite(sealed[row.ordinal - 1], row);
    return answers;
  }

  private toWrite({ streamId, from, options, stored }: { streamId: string; from: number; options: CommandWriteOptions; stored: StoredEvent[] }, row: BatchRow): BatchWrite {
    switch (row.status) {
      case 'appended':
        stored.forEach((e, i) => {
          e.globalPosition = row.global_positions![i];
          e.transactionId = row.transaction_id!;
          e.recordedAt = row.recorded_at!;
        });
        return { status: 'appended', outcome: row.outcome, append: { streamId, version: from + stored.length, events: stored } };
      case 'recorded':
        return { status: 'recorded', outcome: row.outcome };
      case 'replayed':
        return { status: 'replayed', outcome: row.outcome };
      case 'conflict':
        return { status: 'conflict', error: new ConcurrencyError(streamId, from === 0 ? 'no-stream' : String(from), row.actual_version ?? undefined) };
      case 'key-reused':
        return { status: 'key-reused', error: new IdempotencyKeyReusedError(options.idempotency!.key) };
      default:
        throw new Error(`houqin_append_batch answered ${row.status}`);
    }
  }

  private seal(
    streamId: string,
    from: number,
    prevHash: string,
    events: NewEvent[],
    options: Pick<CommandWriteOptions, 'streamType' | 'schoolId' | 'metadata'>,
  ): StoredEvent[] {
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
}
