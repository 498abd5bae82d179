import { isConnectionError } from './pg-errors';

/**
 * What a database error means for whoever retries:
 * - `transient`: the database cannot serve now (connection lost or refused, overload, a
 *   cancelled statement, a failover's read-only standby, a lock or serialization conflict
 *   with another transaction). Retrying later, with backoff, can succeed.
 * - `conflict`: the statement clashed with data another writer committed (a unique
 *   violation). The same statement will fail again; one decided on fresh state may not.
 * - `permanent`: the statement or its data is wrong (data exceptions, integrity, syntax,
 *   undefined objects, privileges). It can never succeed as it is.
 * - `unknown`: anything else, including errors that are not the database's.
 */
export type DatabaseErrorClass = 'transient' | 'conflict' | 'permanent' | 'unknown';

export const SERIALIZATION_FAILURE = '40001';
export const DEADLOCK_DETECTED = '40P01';

/** SQLSTATEs (PostgreSQL errcodes appendix) that a later attempt can get past. */
const TRANSIENT_CODES = new Set([
  SERIALIZATION_FAILURE,
  DEADLOCK_DETECTED,
  '40003', // statement_completion_unknown
  '53000', // insufficient_resources
  '53100', // disk_full
  '53200', // out_of_memory
  '53300', // too_many_connections
  '57000', // operator_intervention
  '57014', // query_canceled (statement_timeout, pg_cancel_backend)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovery)
  '57P05', // idle_session_timeout
  '25006', // read_only_sql_transaction (a standby during failover)
  '25P03', // idle_in_transaction_session_timeout
  '25P04', // transaction_timeout
  '55P03', // lock_not_available (lock_timeout, NOWAIT)
  '55006', // object_in_use
  '72000', // snapshot_too_old
]);

const CONFLICT_CODES = new Set([
  '23505', // unique_violation
  '23P01', // exclusion_violation
  'HQ409', // the store's own compare-and-set refusal
]);

/** SQLSTATE classes (first two characters) of statements that can never succeed as they are. */
const PERMANENT_CLASSES = new Set(['0A', '0B', '0L', '0P', '20', '21', '22', '23', '26', '27', '28', '2B', '2D', '2F', '34', '38', '39', '3B', '3D', '3F', '42', '44', 'P0']);
const PERMANENT_CODES = new Set([
  '08P01', // protocol_violation: e.g. too many bind parameters, the same every time
  '53400', // configuration_limit_exceeded (temp_file_limit): the same statement hits it again
  '57P04', // database_dropped
]);

/** Errors of the network, the socket or node-pg's pool that come before or instead of a SQLSTATE. */
const TRANSIENT_NODE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);
const TRANSIENT_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Query read timeout|Connection ended unexpectedly/i;

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** Classifies an error of node-pg (or TypeORM's QueryFailedError, which copies its fields), looking through `cause`. */
export function classifyDatabaseError(err: unknown): DatabaseErrorClass {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (TRANSIENT_NODE_CODES.has(code)) return 'transient'; // first: 'EPIPE' looks like a SQLSTATE
    if (SQLSTATE.test(code)) return classifySqlState(code);
    if (isConnectionError(e) || TRANSIENT_MESSAGES.test(typeof e.message === 'string' ? e.message : '')) return 'transient';
    // Node's AggregateError (one ECONNREFUSED per address of 'localhost').
    if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => classifyDatabaseError(x) === 'transient')) return 'transient';
    e = e.cause as typeof e;
  }
  return 'unknown';
}

export function classifySqlState(code: string): DatabaseErrorClass {
  if (TRANSIENT_CODES.has(code)) return 'transient';
  if (CONFLICT_CODES.has(code)) return 'conflict';
  if (PERMANENT_CODES.has(code) || PERMANENT_CLASSES.has(code.slice(0, 2))) return 'permanent';
  if (code.startsWith('08')) return 'transient'; // connection exception
  return 'unknown';
}

/** Retry later: an outage or a clash with another transaction, not the work's own fault. */
export const isTransientDatabaseError = (err: unknown): boolean => classifyDatabaseError(err) === 'transient';

/**
 * Exponential backoff with jitter ("equal jitter": half fixed, half random), so that the
 * many clients an outage failed at the same moment do not come back at the same moment.
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * The error leaves open whether the work committed (the connection was lost after the
 * statement was sent): only a retry that replays a committed outcome (an idempotency key) is safe.
 */
export const mayHaveCommitted = (err: unknown): boolean =>
  isConnectionError(err) || (err as { code?: unknown } | undefined)?.code === '40003';
