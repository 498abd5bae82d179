import { EVENT_COLUMNS, EventRow, toStoredEvent } from './rows';
import { SqlClient, SqlQuery, StoredEvent } from './types';

/**
 * Position in the global log: (committing transaction id, global position).
 * Written as "tx:position"; "0:0" is the beginning.
 */
export interface LogCheckpoint {
  transactionId: string;
  globalPosition: string;
}

export const BEGINNING: LogCheckpoint = { transactionId: '0', globalPosition: '0' };

export const formatCheckpoint = (c: LogCheckpoint): string => `${c.transactionId}:${c.globalPosition}`;

export function parseCheckpoint(text: string | undefined): LogCheckpoint {
  if (!text) return BEGINNING;
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(text);
  if (!match) throw new Error(`Invalid checkpoint ${text}`);
  return { transactionId: match[1], globalPosition: match[2] };
}

export interface LogFilter {
  schoolId?: string;
  streamId?: string;
}

export interface LogPage {
  events: StoredEvent[];
  /** Where the next page starts; equal to the input when nothing new is visible yet. */
  next: LogCheckpoint;
}

/**
 * Reads the global log in commit order without ever skipping a late commit: only rows
 * of transactions older than every transaction still open are visible, so a row that
 * commits after a reader passed its position cannot appear behind the checkpoint.
 */
export async function readGlobalLog(client: SqlClient, after: LogCheckpoint, limit: number, filter: LogFilter = {}): Promise<LogPage> {
  const { rows } = await client.query<EventRow>(globalLogQuery(after, limit, filter));
  const events = rows.map(toStoredEvent);
  const last = events[events.length - 1];
  return { events, next: last ? { transactionId: last.transactionId, globalPosition: last.globalPosition } : after };
}

/**
 * The statement behind readGlobalLog. The checkpoint goes in as parameters, so that it bounds
 * an index range scan on (transaction_id, global_position) instead of filtering a walk of it.
 */
export function globalLogQuery(after: LogCheckpoint, limit: number, filter: LogFilter = {}): SqlQuery {
  const values: unknown[] = [after.transactionId, after.globalPosition, limit];
  const conditions = [
    'transaction_id < pg_snapshot_xmin(pg_current_snapshot())',
    '(transaction_id, global_position) > ($1::xid8, $2::bigint)',
  ];
  if (filter.schoolId) conditions.push(`school_id = $${values.push(filter.schoolId)}`);
  if (filter.streamId) conditions.push(`stream_id = $${values.push(filter.streamId)}`);
  return {
    // events.transaction_id, qualified: a bare name would sort by the output column of that name, the id as TEXT, which
    // is not commit order ('10' < '9') and cannot use the index (every row past the checkpoint read and sorted per page).
    text: `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY events.transaction_id, events.global_position LIMIT $3`,
    values,
  };
}
