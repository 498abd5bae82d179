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

/**
 * houqin_append: a whole command's write in ONE statement (its own transaction in
 * autocommit), so a command costs two round trips: read the stream, then this.
 *
 * In order, atomically:
 *  1. claims the idempotency key (INSERT ... ON CONFLICT DO NOTHING). A concurrent
 *     first attempt with the same key makes this wait on the primary key until it ends;
 *     the next statement (a fresh READ COMMITTED snapshot: the function is VOLATILE)
 *     then sees its committed outcome → 'replayed' (or 'key-reused' for another request).
 *  2. with events: compare-and-set of the stream head — INSERT for a new stream (ON
 *     CONFLICT DO NOTHING on the streams row only), else UPDATE ... WHERE version =
 *     expected AND last_hash = prev hash. Nothing written raises SQLSTATE HQ409
 *     (DETAIL: the actual version), which rolls back
 *     everything including the key claim. Then inserts events + outbox rows (no
 *     ON CONFLICT: UNIQUE (stream_id, stream_version) stays the backstop, 23505).
 *  3. records the outcome under the key: the CommandResult built here (global
 *     positions are only known now), or p_outcome when there are no events (a refusal).
 *
 * status: 'appended' | 'recorded' (no events, outcome stored) | 'replayed' | 'key-reused'.
 */
export class CreateAppendFunction1764100000000 implements MigrationInterface {
  name = 'CreateAppendFunction1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION houqin_append(
        p_stream_id         text,
        p_stream_type       text,
        p_school_id         text,
        p_expected_version  integer,  -- version the events were decided on; 0 = new stream
        p_prev_hash         text,     -- hash of that version's event (genesis hash for a new stream)
        p_event_ids         uuid[],
        p_types             text[],
        p_schema_versions   integer[],
        p_data              jsonb[],
        p_hashes            text[],
        p_metadata          jsonb,
        p_topic             text,
        p_idempotency_scope text,     -- all three null: no idempotency key
        p_idempotency_key   text,
        p_request_hash      text,
        p_outcome           jsonb,    -- outcome to record when there are no events
        OUT status           text,
        OUT outcome          jsonb,
        OUT global_positions text[],
        OUT transaction_id   text,
        OUT recorded_at      timestamptz
      ) LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      DECLARE
        v_count   integer := coalesce(cardinality(p_event_ids), 0);
        v_keyed   boolean := p_idempotency_key IS NOT NULL;
        v_stored  record;
        v_actual  integer;
        v_events  jsonb;
        v_outcome jsonb;
      BEGIN
        IF v_keyed THEN
          -- Without events the outcome is known already: claim and record in one write.
          INSERT INTO idempotency_keys AS k (scope, key, request_hash, outcome)
          VALUES (p_idempotency_scope, p_idempotency_key, p_request_hash, CASE WHEN v_count = 0 THEN p_outcome END)
          ON CONFLICT DO NOTHING;
          IF NOT FOUND THEN
            -- Used before, or by a concurrent attempt this INSERT waited for: the next
            -- statement takes a new READ COMMITTED snapshot and sees its committed row.
            SELECT k.request_hash, k.outcome INTO v_stored
              FROM idempotency_keys k WHERE k.scope = p_idempotency_scope AND k.key = p_idempotency_key;
            IF v_stored.request_hash IS DISTINCT FROM p_request_hash THEN
              status := 'key-reused';
              RETURN;
            END IF;
            IF v_stored.outcome IS NULL THEN
              RAISE EXCEPTION 'Idempotency key % has no outcome', p_idempotency_key;
            END IF;
            status := 'replayed';
            outcome := v_stored.outcome;
            RETURN;
          END IF;
        END IF;

        IF v_count = 0 THEN
          status := 'recorded';
          outcome := p_outcome;
          RETURN;
        END IF;

        IF p_expected_version = 0 THEN
          IF p_prev_hash IS DISTINCT FROM repeat('0', 64) THEN
            RAISE EXCEPTION 'A new stream starts from the genesis hash' USING ERRCODE = '22023';
          END IF;
          INSERT INTO streams AS s (stream_id, stream_type, school_id, version, last_hash)
          VALUES (p_stream_id, p_stream_type, p_school_id, v_count, p_hashes[v_count])
          ON CONFLICT (stream_id) DO NOTHING;
        ELSE
          UPDATE streams AS s SET version = p_expected_version + v_count, last_hash = p_hashes[v_count], updated_at = now()
           WHERE s.stream_id = p_stream_id AND s.version = p_expected_version AND s.last_hash = p_prev_hash;
        END IF;
        IF NOT FOUND THEN
          SELECT s.version INTO v_actual FROM streams s WHERE s.stream_id = p_stream_id;
          RAISE EXCEPTION 'Stream % was changed by someone else (expected version %, actual %)',
            p_stream_id, p_expected_version, coalesce(v_actual, 0)
            USING ERRCODE = 'HQ409', DETAIL = coalesce(v_actual, 0)::text;
        END IF;

        -- No ON CONFLICT: UNIQUE (stream_id, stream_version) stays the backstop (23505).
        WITH inserted AS (
          INSERT INTO events (event_id, stream_id, stream_type, stream_version, school_id, type, schema_version, data, metadata, prev_hash, hash)
          SELECT u.event_id, p_stream_id, p_stream_type, p_expected_version + u.i, p_school_id, u.type, u.schema_version, u.data, p_metadata,
                 CASE WHEN u.i = 1 THEN p_prev_hash ELSE p_hashes[u.i - 1] END, u.hash
            FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_hashes)
                 WITH ORDINALITY AS u(event_id, type, schema_version, data, hash, i)
           ORDER BY u.i
          RETURNING global_position, transaction_id, recorded_at, event_id, type, stream_version
        ), queued AS (
          INSERT INTO outbox (global_position, topic) SELECT e.global_position, p_topic FROM inserted e
        )
        SELECT array_agg(e.global_position::text ORDER BY e.stream_version),
               (array_agg(e.transaction_id::text))[1],
               min(e.recorded_at),
               jsonb_agg(jsonb_build_object('eventId', e.event_id, 'type', e.type, 'streamVersion', e.stream_version,
                                            'globalPosition', e.global_position::text) ORDER BY e.stream_version)
          INTO global_positions, transaction_id, recorded_at, v_events
          FROM inserted e;

        v_outcome := jsonb_build_object('ok', true, 'result',
          jsonb_build_object('streamId', p_stream_id, 'version', p_expected_version + v_count, 'events', v_events));
        IF v_keyed THEN
          UPDATE idempotency_keys AS k SET outcome = v_outcome
           WHERE k.scope = p_idempotency_scope AND k.key = p_idempotency_key;
        END IF;
        status := 'appended';
        outcome := v_outcome;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION houqin_append(text, text, text, integer, text, uuid[], text[], integer[], jsonb[], text[], jsonb, text, text, text, text, jsonb)`);
  }
}

/**
 * houqin_append_batch: the writes of many commands in ONE statement, hence one
 * transaction and one commit (group commit). Replaces houqin_append; a single command
 * is a batch of one. Each element of p_commands is one command's write:
 *   { streamId, streamType, schoolId, expectedVersion (0 = new stream), prevHash,
 *     events: [{ eventId, type, schemaVersion, data, hash }], metadata,
 *     scope, key, requestHash (all null: no idempotency key), outcome (when no events) }
 * and gets one answer row (ordinal = its 1-based place in the array):
 *   'appended' | 'recorded' (no events, outcome stored) | 'replayed' | 'key-reused'
 *   | 'conflict' (the head moved; actual_version says to what; nothing of it written).
 *
 * Per command, in order: claim the idempotency key (INSERT ... ON CONFLICT DO NOTHING;
 * a concurrent first attempt with the same key makes this wait until it ends, and the
 * next statement's fresh READ COMMITTED snapshot sees its committed outcome); compare-
 * and-set the stream head (INSERT for a new stream, else UPDATE ... WHERE version AND
 * last_hash match); insert the events; record the outcome under the key. (No outbox
 * rows: the events table is the outbox, see EventsAsOutbox1764300000000.)
 * A lost compare-and-set deletes the key it claimed in this same transaction, so one
 * command's conflict never needs a rollback (no subtransactions) and never touches the
 * other commands of the batch. Callers sort a batch by stream id so that two concurrent
 * batches take stream locks in the same order. UNIQUE (stream_id, stream_version) stays
 * the backstop: if it fires, the whole batch fails and the caller retries one by one.
 */
export class CreateAppendBatchFunction1764200000000 implements MigrationInterface {
  name = 'CreateAppendBatchFunction1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION houqin_append_batch(p_commands jsonb)
      RETURNS TABLE (ordinal integer, status text, outcome jsonb, global_positions text[], transaction_id text,
                     recorded_at timestamptz, actual_version integer)
      LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      DECLARE
        c         jsonb;
        v_i       integer;
        v_count   integer;
        v_keyed   boolean;
        v_from    integer;
        v_prev    text;
        v_last    text;
        v_stored  record;
        v_events  jsonb;
        v_outcome jsonb;
      BEGIN
        FOR c, v_i IN SELECT e.value, e.ordinality::integer FROM jsonb_array_elements(p_commands) WITH ORDINALITY AS e LOOP
          ordinal := v_i;
          status := NULL; outcome := NULL; global_positions := NULL; transaction_id := NULL; recorded_at := NULL; actual_version := NULL;
          v_count := jsonb_array_length(c->'events');
          v_keyed := (c->>'key') IS NOT NULL;
          v_from := (c->>'expectedVersion')::integer;
          v_prev := c->>'prevHash';

          IF v_keyed THEN
            INSERT INTO idempotency_keys AS k (scope, key, request_hash, outcome)
            VALUES (c->>'scope', c->>'key', c->>'requestHash', CASE WHEN v_count = 0 THEN c->'outcome' END)
            ON CONFLICT DO NOTHING;
            IF NOT FOUND THEN
              SELECT k.request_hash, k.outcome INTO v_stored
                FROM idempotency_keys k WHERE k.scope = c->>'scope' AND k.key = c->>'key';
              IF v_stored.request_hash IS DISTINCT FROM c->>'requestHash' THEN
                status := 'key-reused';
              ELSIF v_stored.outcome IS NULL THEN
                RAISE EXCEPTION 'Idempotency key % has no outcome', c->>'key';
              ELSE
                status := 'replayed';
                outcome := v_stored.outcome;
              END IF;
              RETURN NEXT;
              CONTINUE;
            END IF;
          END IF;

          IF v_count = 0 THEN
            status := 'recorded';
            outcome := c->'outcome';
            RETURN NEXT;
            CONTINUE;
          END IF;

          v_last := c->'events'->(v_count - 1)->>'hash';
          IF v_from = 0 THEN
            IF v_prev IS DISTINCT FROM repeat('0', 64) THEN
              RAISE EXCEPTION 'A new stream starts from the genesis hash' USING ERRCODE = '22023';
            END IF;
            INSERT INTO streams AS s (stream_id, stream_type, school_id, version, last_hash)
            VALUES (c->>'streamId', c->>'streamType', c->>'schoolId', v_count, v_last)
            ON CONFLICT (stream_id) DO NOTHING;
          ELSE
            UPDATE streams AS s SET version = v_from + v_count, last_hash = v_last, updated_at = now()
             WHERE s.stream_id = c->>'streamId' AND s.version = v_from AND s.last_hash = v_prev;
          END IF;
          IF NOT FOUND THEN
            IF v_keyed THEN
              DELETE FROM idempotency_keys k WHERE k.scope = c->>'scope' AND k.key = c->>'key';
            END IF;
            SELECT coalesce(max(s.version), 0) INTO actual_version FROM streams s WHERE s.stream_id = c->>'streamId';
            status := 'conflict';
            RETURN NEXT;
            CONTINUE;
          END IF;

          -- No ON CONFLICT: UNIQUE (stream_id, stream_version) stays the backstop (23505).
          WITH inserted AS (
            INSERT INTO events (event_id, stream_id, stream_type, stream_version, school_id, type, schema_version, data, metadata, prev_hash, hash)
            SELECT (u.e->>'eventId')::uuid, c->>'streamId', c->>'streamType', v_from + u.i, c->>'schoolId', u.e->>'type',
                   (u.e->>'schemaVersion')::integer, u.e->'data', c->'metadata',
                   CASE WHEN u.i = 1 THEN v_prev ELSE c->'events'->(u.i::integer - 2)->>'hash' END, u.e->>'hash'
              FROM jsonb_array_elements(c->'events') WITH ORDINALITY AS u(e, i)
             ORDER BY u.i
            RETURNING global_position, transaction_id, recorded_at, event_id, type, stream_version
          )
          SELECT array_agg(e.global_position::text ORDER BY e.stream_version),
                 (array_agg(e.transaction_id::text))[1],
                 min(e.recorded_at),
                 jsonb_agg(jsonb_build_object('eventId', e.event_id, 'type', e.type, 'streamVersion', e.stream_version,
                                              'globalPosition', e.global_position::text) ORDER BY e.stream_version)
            INTO global_positions, transaction_id, recorded_at, v_events
            FROM inserted e;

          v_outcome := jsonb_build_object('ok', true, 'result',
            jsonb_build_object('streamId', c->>'streamId', 'version', v_from + v_count, 'events', v_events));
          IF v_keyed THEN
            UPDATE idempotency_keys AS k SET outcome = v_outcome WHERE k.scope = c->>'scope' AND k.key = c->>'key';
          END IF;
          status := 'appended';
          outcome := v_outcome;
          RETURN NEXT;
        END LOOP;
      END
      $fn$`);
    await q.query(`DROP FUNCTION houqin_append(text, text, text, integer, text, uuid[], text[], integer[], jsonb[], text[], jsonb, text, text, text, text, jsonb)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION houqin_append_batch(jsonb)`);
    await new CreateAppendFunction1764100000000().up(q);
  }
}

/** The relay's row in relay_checkpoints. */
export const RELAY_CHECKPOINT = 'outbox-relay';

/**
 * The events table becomes the outbox: the relay reads it in commit order through the
 * global log (below the oldest open transaction, so a late commit is never skipped) from
 * a checkpoint it advances after each acknowledged batch. A command no longer writes an
 * outbox row and the relay no longer updates one per event: one row per relay instead of
 * two writes per event, and nothing to prune.
 *
 * The checkpoint starts just before the first event the old outbox had not sent (or after
 * the last event), never at or past an event of a transaction still open: republishing a
 * few is harmless (consumers dedupe), skipping one is not.
 * relay_backlog() lists what the relay has still to publish (operators, tests).
 */
export class EventsAsOutbox1764300000000 implements MigrationInterface {
  name = 'EventsAsOutbox1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE relay_checkpoints (
        name            text PRIMARY KEY,
        transaction_id  xid8 NOT NULL,
        global_position bigint NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      WITH first_pending AS (
        SELECT e.transaction_id, e.global_position FROM outbox o JOIN events e USING (global_position)
         WHERE o.sent_at IS NULL ORDER BY e.transaction_id, e.global_position LIMIT 1
      ), last_sent AS (
        SELECT e.transaction_id, e.global_position FROM events e
         WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
           AND (NOT EXISTS (SELECT 1 FROM first_pending)
                OR (e.transaction_id, e.global_position) < (SELECT p.transaction_id, p.global_position FROM first_pending p))
         ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1
      )
      INSERT INTO relay_checkpoints (name, transaction_id, global_position)
      SELECT '${RELAY_CHECKPOINT}', coalesce((SELECT transaction_id FROM last_sent), '0'::xid8), coalesce((SELECT global_position FROM last_sent), 0)`);
    // A function, not a view: the checkpoint goes into the query as literals, so the planner
    // sees real values and range-scans the indexes. (A view had to read the checkpoint in a
    // join or subquery; with 2M events in one transaction it chose a sequential scan, 0.3 s.)
    // search_path is pinned to this schema, so that operators can call facilities.relay_backlog().
    await q.query(`
      CREATE FUNCTION relay_backlog() RETURNS SETOF events LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $fn$
      DECLARE
        c relay_checkpoints;
      BEGIN
        SELECT * INTO c FROM relay_checkpoints WHERE name = '${RELAY_CHECKPOINT}';
        IF NOT FOUND THEN
          RAISE EXCEPTION 'No relay checkpoint ${RELAY_CHECKPOINT} in relay_checkpoints';
        END IF;
        RETURN QUERY EXECUTE format(
          'SELECT * FROM events WHERE transaction_id > %L::xid8 OR (transaction_id = %L::xid8 AND global_position > %s)',
          c.transaction_id, c.transaction_id, c.global_position);
      END
      $fn$`);
    await q.query(`DROP TABLE outbox`);
  }

  /** Events still behind the checkpoint are not requeued (the outbox needs their topic): drain first. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION relay_backlog()`);
    await q.query(`
      CREATE TABLE outbox (
        global_position bigint PRIMARY KEY,
        topic           text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        sent_at         timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (global_position) WHERE sent_at IS NULL`);
    await q.query(`DROP TABLE relay_checkpoints`);
  }
}

/** Every migration of the event store, in order; a service runs its own after these. */
export const EVENT_STORE_MIGRATIONS = [
  CreateEventStore1764000000000,
  CreateAppendFunction1764100000000,
  CreateAppendBatchFunction1764200000000,
  EventsAsOutbox1764300000000,
];
