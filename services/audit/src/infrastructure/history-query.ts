import { EventMetadata } from '@houqin/contracts';
import { LogCheckpoint, SqlClient, StoredEvent } from '@houqin/event-store';

/** The stored event's columns (as the event store's own reader selects them; its row mapper is internal to the lib). */
const COLUMNS = `global_position, transaction_id::text AS transaction_id, event_id, stream_id, stream_type, stream_version, school_id, type,
  schema_version, data, metadata, prev_hash, hash, recorded_at`;
type Row = { global_position: string; transaction_id: string; event_id: string; stream_id: string; stream_type: string; stream_version: number; school_id: string; type: string;
  schema_version: number; data: Record<string, unknown>; metadata: EventMetadata; prev_hash: string; hash: string; recorded_at: Date; kind: 'hit' | 'tail'; scanned: string | null };
const storedEvent = (r: Row): StoredEvent => ({
  globalPosition: r.global_position, transactionId: r.transaction_id, eventId: r.event_id, streamId: r.stream_id, streamType: r.stream_type, streamVersion: r.stream_version,
  schoolId: r.school_id, type: r.type, schemaVersion: r.schema_version, data: r.data, metadata: r.metadata, prevHash: r.prev_hash, hash: r.hash, recordedAt: r.recorded_at,
});

/** What the auditors may narrow a history page to, besides school and stream (which the log's indexes bound). */
export interface HistoryFilter {
  schoolId?: string;
  streamId?: string;
  /** Actor id (metadata.actor.id). */
  actor?: string;
  types?: string[];
  /** recorded_at ≥ from and < to (instants). */
  from?: string;
  to?: string;
}

export interface HistoryPage {
  events: StoredEvent[];
  /** Where the next page starts: after the last event shown, or after the last one scanned when fewer matched. */
  next: LogCheckpoint;
  /** Events looked at for this page. */
  scanned: number;
  /** The scan reached the end of what is visible: nothing further matches yet. */
  complete: boolean;
}

/**
 * One page of a source's history with the auditors' filters. The audit reads the services' event stores read-only and
 * cannot add indexes to them, so the filters that no index serves (actor, type, time) are applied to a BOUNDED window:
 * at most `scanLimit` events after the cursor, in commit order, on the (transaction_id, global_position) index (and the
 * school/stream filters as the log's own reader applies them). A page may therefore hold fewer than `limit` matches
 * with `complete: false`; its `next` continues the scan where it stopped. Cost per request is bounded whatever the history.
 */
export async function readFilteredHistory(client: SqlClient, after: LogCheckpoint, limit: number, filter: HistoryFilter, scanLimit: number): Promise<HistoryPage> {
  const values: unknown[] = [after.transactionId, after.globalPosition, scanLimit, limit];
  const window = ['transaction_id < pg_snapshot_xmin(pg_current_snapshot())', '(transaction_id, global_position) > ($1::xid8, $2::bigint)'];
  if (filter.schoolId) window.push(`school_id = $${values.push(filter.schoolId)}`);
  if (filter.streamId) window.push(`stream_id = $${values.push(filter.streamId)}`);
  const match: string[] = [];
  if (filter.actor) match.push(`metadata->'actor'->>'id' = $${values.push(filter.actor)}`);
  if (filter.types?.length) match.push(`type = ANY($${values.push(filter.types)}::text[])`);
  if (filter.from) match.push(`recorded_at >= $${values.push(filter.from)}::timestamptz`);
  if (filter.to) match.push(`recorded_at < $${values.push(filter.to)}::timestamptz`);
  const { rows } = await client.query<Row>({
    text: `WITH win AS (
             SELECT ${COLUMNS}, transaction_id AS tx FROM events WHERE ${window.join(' AND ')} ORDER BY events.transaction_id, events.global_position LIMIT $3),
           hits AS (SELECT * FROM win WHERE ${match.length ? match.join(' AND ') : 'true'} ORDER BY tx, global_position LIMIT $4),
           tail AS (SELECT * FROM win ORDER BY tx DESC, global_position DESC LIMIT 1)
           SELECT *, 'hit' AS kind, NULL::bigint AS scanned FROM hits
           UNION ALL
           SELECT *, 'tail' AS kind, (SELECT count(*) FROM win) AS scanned FROM tail`,
    values,
  });
  const hits = rows.filter((r) => r.kind === 'hit').map(storedEvent);
  const tail = rows.find((r) => r.kind === 'tail');
  const scanned = Number(tail?.scanned ?? 0);
  const lastHit = hits[hits.length - 1];
  const full = hits.length === limit;
  const next = full && lastHit ? { transactionId: lastHit.transactionId, globalPosition: lastHit.globalPosition } : tail ? { transactionId: tail.transaction_id, globalPosition: tail.global_position } : after;
  return { events: hits, next, scanned, complete: !full && scanned < scanLimit };
}
