import { EventMetadata } from '@houqin/contracts';

/** An event about to be appended. */
export interface NewEvent {
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
}

/** An event as stored: row of the `events` table. */
export interface StoredEvent {
  globalPosition: string;
  transactionId: string;
  eventId: string;
  streamId: string;
  streamType: string;
  streamVersion: number;
  schoolId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  prevHash: string;
  hash: string;
  recordedAt: Date;
}

export interface AppendResult {
  streamId: string;
  /** Version of the stream after the append. */
  version: number;
  events: StoredEvent[];
}

/** A node-pg query config; a `name` makes it a prepared statement (parsed and planned once per connection). */
export interface SqlQuery {
  name?: string;
  text: string;
  values?: unknown[];
}

/** The subset of node-pg's client that the store needs. */
export interface SqlClient {
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
  query<R = Record<string, unknown>>(query: SqlQuery): Promise<{ rows: R[]; rowCount: number | null }>;
}

export interface PooledSqlClient extends SqlClient {
  release(err?: Error | boolean): void;
  on?(event: 'error', listener: (err: Error) => void): unknown;
  removeListener?(event: 'error', listener: (err: Error) => void): unknown;
}

export interface SqlPool extends SqlClient {
  connect(): Promise<PooledSqlClient>;
}
