import { isConnectionError } from './pg-errors';
import { PooledSqlClient, SqlPool } from './types';

/**
 * Runs `work` in one transaction on one pinned connection. While the connection is
 * checked out, node-pg's pool no longer listens for its errors: a connection cut
 * between two statements (pg_terminate_backend, network) would be an unhandled
 * 'error' event and kill the process, so it is caught here and the connection discarded.
 */
export async function inTransaction<T>(
  pool: SqlPool,
  work: (client: PooledSqlClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.on?.('error', onError);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    if (!broken) await client.query('ROLLBACK').catch((rollbackErr: Error) => (broken = rollbackErr));
    throw err;
  } finally {
    (client as { removeListener?: (e: string, l: (err: Error) => void) => void }).removeListener?.('error', onError);
    client.release(broken ?? false);
  }
}

/**
 * Runs `work` on one pooled connection without opening a transaction: each statement
 * commits on its own (autocommit). Unlike node-pg's `pool.query`, which discards the
 * connection on ANY error, a failed statement (a conflict, a unique violation) keeps the
 * connection and its prepared statements; only a broken connection is discarded. A cut
 * connection is caught as in `inTransaction`.
 */
export async function withConnection<T>(pool: SqlPool, work: (client: PooledSqlClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.on?.('error', onError);
  try {
    return await work(client);
  } catch (err) {
    if (!broken && isConnectionError(err)) broken = err as Error;
    throw err;
  } finally {
    (client as { removeListener?: (e: string, l: (err: Error) => void) => void }).removeListener?.('error', onError);
    client.release(broken ?? false);
  }
}
