import { isConnectionError } from './pg-errors';
import { PooledSqlClient, SqlPool } from './types';

/**
 * Runs `work` on one pooled connection without opening a transaction: each statement
 * commits on its own (autocommit). While the connection is checked out, node-pg's pool no
 * longer listens for its errors: a connection cut between two statements
 * (pg_terminate_backend, network) would be an unhandled 'error' event and kill the
 * process, so it is caught here. Unlike node-pg's `pool.query`, which discards the
 * connection on ANY error, a failed statement (a conflict, a unique violation) keeps the
 * connection and its prepared statements; only a broken connection is discarded, or one
 * that `work` gives up through `discard`.
 */
export async function withConnection<T>(
  pool: SqlPool,
  work: (client: PooledSqlClient, discard: (err: Error) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const discard = (err: Error) => (broken = err);
  client.on?.('error', discard);
  try {
    return await work(client, discard);
  } catch (err) {
    if (!broken && isConnectionError(err)) broken = err as Error;
    throw err;
  } finally {
    // A discarded connection can still emit 'error' while it closes: keep listening to it.
    // A healthy one goes back to the pool, which listens again while it is idle.
    if (!broken) client.removeListener?.('error', discard);
    client.release(broken ?? false);
  }
}

/** Runs `work` in one transaction on one pinned connection (see `withConnection`). */
export function inTransaction<T>(pool: SqlPool, work: (client: PooledSqlClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  return withConnection(pool, async (client, discard) => {
    await client.query(begin);
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(discard);
      throw err;
    }
  });
}
