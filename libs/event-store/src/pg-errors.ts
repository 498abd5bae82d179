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

/** PostgreSQL refused the statement (the error carries a SQLSTATE): nothing of it was committed. */
export const isStatementError = (err: unknown): boolean => /^[0-9A-Z]{5}$/.test(String((err as { code?: unknown })?.code ?? ''));
