import { DataSource } from 'typeorm';
import { SqlPool } from './types';

/**
 * The node-pg pool behind a TypeORM DataSource. The hot paths (appends, relay,
 * projections) use it directly: one pinned client per transaction, no ORM layer.
 */
export function pgPoolOf(dataSource: DataSource): SqlPool {
  const pool = (dataSource.driver as unknown as { master?: SqlPool }).master;
  if (!pool) throw new Error('DataSource is not an initialized PostgreSQL data source');
  return pool;
}
