import { EventMetadata } from '@houqin/contracts';
import { StoredEvent } from './types';

/** Columns selected wherever events are read, as `toStoredEvent` expects them. */
export const eventColumns = (alias = ''): string => {
  const a = alias ? `${alias}.` : '';
  return `${a}global_position, ${a}transaction_id::text AS transaction_id, ${a}event_id, ${a}stream_id, ${a}stream_type,
    ${a}stream_version, ${a}school_id, ${a}type, ${a}schema_version, ${a}data, ${a}metadata, ${a}prev_hash, ${a}hash, ${a}recorded_at`;
};
export const EVENT_COLUMNS = eventColumns();

export interface EventRow {
  global_position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_type: string;
  stream_version: number;
  school_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  prev_hash: string;
  hash: string;
  recorded_at: Date;
}

export const toStoredEvent = (row: EventRow): StoredEvent => ({
  globalPosition: row.global_position,
  transactionId: row.transaction_id,
  eventId: row.event_id,
  streamId: row.stream_id,
  streamType: row.stream_type,
  streamVersion: row.stream_version,
  schoolId: row.school_id,
  type: row.type,
  schemaVersion: row.schema_version,
  data: row.data,
  metadata: row.metadata,
  prevHash: row.prev_hash,
  hash: row.hash,
  recordedAt: row.recorded_at,
});
