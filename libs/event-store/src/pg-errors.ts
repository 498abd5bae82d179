/** SQLSTATEs the store reacts to. */
export const UNIQUE_VIOLATION = '23505';

export const isUniqueViolation = (err: unknown, constraint?: string): boolean => {
  const e = err as { code?: string; constraint?: string };
  return e?.code === UNIQUE_VIOLATION && (constraint === undefined || e.constraint === constraint);
};

/**
 * The connection, not the statement, failed (server terminated it, network reset).
 * Whether the transaction committed is unknown: only a command with an idempotency key
 * can safely be retried, because its retry replays the first outcome if there was one.
 */
export const isConnectionError = (err: unknown): boolean => {
  const e = err as { code?: string; message?: string };
  if (!e) return false;
  if (e.code && /^(57P0[123]|08\d{3})$/.test(e.code)) return true;
  if (e.code === 'ECONNRESET' || e.code === 'ECONNREFUSED' || e.code === 'EPIPE') return true;
  return /Connection terminated|Client has encountered a connection error|Client was closed/i.test(e.message ?? '');
};

/** Raised by houqin_append when the stream head no longer matches what the command read. */
export const STREAM_CONFLICT = 'HQ409';

/**
 * A write lost the race for a stream: the compare-and-set raised HQ409 (DETAIL: the
 * actual version), or a unique key on the stream head / (stream_id, stream_version) fired.
 */
export const isStreamConflict = (err: unknown): boolean => {
  const e = err as { code?: string; constraint?: string };
  return e?.code === STREAM_CONFLICT || isUniqueViolation(err, 'streams_pkey') || isUniqueViolation(err, 'events_stream_version_uq');
};

/** The actual version a HQ409 conflict reported, if any. */
export const conflictActualVersion = (err: unknown): number | undefined => {
  const detail = (err as { code?: string; detail?: string })?.detail;
  return (err as { code?: string })?.code === STREAM_CONFLICT && detail && /^\d+$/.test(detail) ? Number(detail) : undefined;
};
