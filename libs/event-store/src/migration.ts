import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store of one service (in the service's own schema, via search_path):
 * streams (head per stream: version + last hash), events (global position, per-stream
 * version, hash chain, committing transaction id), outbox, idempotency keys.
 */
export class CreateEventStore1764000000000 implements MigrationInterface {
  name = 'CreateEventStore1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE streams (
        stream_id   text PRIMARY KEY,
        stream_type text NOT NULL,
        school_id   text NOT NULL,
        version     integer NOT NULL CHECK (version > 0),
        last_hash   text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX streams_school_idx ON streams (school_id, stream_type, created_at DESC)`);
    await q.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id        uuid NOT NULL,
        stream_id       text NOT NULL,
        stream_type     text NOT NULL,
        stream_version  integer NOT NULL CHECK (stream_version > 0),
        school_id       text NOT NULL,
        type            text NOT NULL,
        schema_version  integer NOT NULL,
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        prev_hash       text NOT NULL,
        hash            text NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_version_uq UNIQUE (stream_id, stream_version),
        CONSTRAINT events_event_id_uq UNIQUE (event_id)
      )`);
    // Global-log readers page by (transaction_id, global_position) below the oldest open transaction.
    await q.query(`CREATE INDEX events_transaction_position_idx ON events (transaction_id, global_position)`);
    await q.query(`CREATE INDEX events_school_position_idx ON events (school_id, global_position)`);
    await q.query(`
      CREATE TABLE outbox (
        global_position bigint PRIMARY KEY,
        topic           text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        sent_at         timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (global_position) WHERE sent_at IS NULL`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope        text NOT NULL,
        key          text NOT NULL,
        request_hash text NOT NULL,
        outcome      jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys, outbox, events, streams`);
  }
}
