import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_URL, dataSourceOptions, openDatabase } from '@houqin/platform';

/** Integration tests run in their own database and a fresh schema per suite. */
export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? DEFAULT_DATABASE_URL.replace(/\/houqin$/, '/houqin_test');

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;

export interface TestDatabase {
  url: string;
  schema: string;
  dataSource: DataSource;
  /** Drops the schema and closes the data source. */
  drop(): Promise<void>;
}

export async function createTestDatabase(
  prefix: string,
  migrations: (new () => unknown)[],
  schema = uniqueName(prefix),
): Promise<TestDatabase> {
  const options = dataSourceOptions({ url: TEST_DATABASE_URL, schema, poolSize: 30 }, migrations);
  const dataSource = await openDatabase(options);
  return {
    url: TEST_DATABASE_URL,
    schema,
    dataSource,
    async drop() {
      await dataSource.destroy().catch(() => undefined);
      await dropSchema(schema);
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Runs SQL in a schema from outside the service, as an operator (or an attacker) would. */
export async function sql<R = Record<string, unknown>>(schema: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as R[];
  } finally {
    await client.end();
  }
}

/** How many events of a service's store the outbox relay has yet to publish (relay_backlog()). */
export async function relayBacklog(schema: string): Promise<number> {
  const [{ n }] = await sql<{ n: string }>(schema, 'SELECT count(*) AS n FROM relay_backlog()');
  return Number(n);
}

/**
 * Waits until `count` sessions wait, directly or behind one another, on a lock that session
 * `pid` holds. Each look is its own transaction: pg_stat_activity is a snapshot per transaction.
 */
export async function waitUntilBlocked(schema: string, pid: number, count: number): Promise<void> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const rows = await sql<{ n: string }>(
      schema,
      `WITH RECURSIVE blocked(pid) AS (
         SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))
         UNION SELECT a.pid FROM pg_stat_activity a JOIN blocked b ON b.pid = ANY (pg_blocking_pids(a.pid)))
       SELECT count(*) AS n FROM blocked`,
      [pid],
    );
    if (Number(rows[0].n) >= count) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`fewer than ${count} sessions waited on the lock`);
}
