import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createTestDatabase, TestDatabase, TEST_DATABASE_URL } from '@houqin/testing';
import { classifyDatabaseError, CommandExecutor, EVENT_STORE_MIGRATIONS, mayHaveCommitted, PostgresEventStore, SqlClient, SqlPool, SqlQuery, WriteBatcher } from '../src';
import { metadata, tally, tallyContracts } from './fixtures';

/** Every class of error below is produced by the real PostgreSQL, then classified. */
const connect = async ({ user, port, options }: { user?: string; options?: string; port?: number } = {}) => {
  // node-pg lets the connection string win over separate settings: change the URL itself.
  const url = new URL(TEST_DATABASE_URL);
  if (user) url.username = user;
  if (port) url.port = String(port);
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000, options });
  client.on('error', () => undefined); // a terminated backend also emits 'error'
  await client.connect();
  return client;
};
const failure = async (work: () => Promise<unknown>): Promise<unknown> => {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error('expected the database to refuse');
};
const table = `hq_errors_${randomBytes(4).toString('hex')}`;
const opened: Client[] = [];
const open = async (options?: Parameters<typeof connect>[0]) => {
  const client = await connect(options);
  opened.push(client);
  return client;
};

beforeAll(async () => {
  const admin = await open();
  await admin.query(`CREATE TABLE ${table} (id int PRIMARY KEY, n int NOT NULL)`);
  await admin.query(`INSERT INTO ${table} VALUES (1, 0), (2, 0)`);
});
afterAll(async () => {
  await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
  const admin = await connect();
  await admin.query(`DROP TABLE IF EXISTS ${table}`);
  await admin.end();
});

describe('transient errors of the real PostgreSQL', () => {
  it('a statement cancelled by statement_timeout (57014)', async () => {
    const client = await open();
    await client.query('SET statement_timeout = 50');
    const err = await failure(() => client.query('SELECT pg_sleep(1)'));
    expect(err).toMatchObject({ code: '57014' });
    expect(classifyDatabaseError(err)).toBe('transient');
    expect(mayHaveCommitted(err)).toBe(false);
  });

  it('a connection refused because of a connection limit (53300 too_many_connections)', async () => {
    const role = `hq_limited_${randomBytes(4).toString('hex')}`;
    const admin = await open();
    await admin.query(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT 0`);
    try {
      const err = await failure(() => connect({ user: role }));
      expect(err).toMatchObject({ code: '53300' });
      expect(classifyDatabaseError(err)).toBe('transient');
    } finally {
      await admin.query(`DROP ROLE ${role}`);
    }
  });

  it('a serialization failure (40001)', async () => {
    const [a, b] = [await open(), await open()];
    await a.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await a.query(`SELECT n FROM ${table} WHERE id = 1`);
    await b.query(`UPDATE ${table} SET n = n + 1 WHERE id = 1`);
    const err = await failure(() => a.query(`UPDATE ${table} SET n = n + 1 WHERE id = 1`));
    await a.query('ROLLBACK');
    expect(err).toMatchObject({ code: '40001' });
    expect(classifyDatabaseError(err)).toBe('transient');
  });

  it('a deadlock (40P01)', async () => {
    const [a, b] = [await open(), await open()];
    for (const c of [a, b]) await c.query(`SET deadlock_timeout = '100ms'; BEGIN`);
    await a.query(`SELECT 1 FROM ${table} WHERE id = 1 FOR UPDATE`);
    await b.query(`SELECT 1 FROM ${table} WHERE id = 2 FOR UPDATE`);
    const results = await Promise.allSettled([
      a.query(`SELECT 1 FROM ${table} WHERE id = 2 FOR UPDATE`),
      b.query(`SELECT 1 FROM ${table} WHERE id = 1 FOR UPDATE`),
    ]);
    await Promise.all([a.query('ROLLBACK'), b.query('ROLLBACK')]);
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: '40P01' });
    expect(classifyDatabaseError(errors[0])).toBe('transient');
  });

  it('a write on a read-only session, as on a standby during failover (25006)', async () => {
    const client = await open();
    await client.query('SET default_transaction_read_only = on');
    const err = await failure(() => client.query(`UPDATE ${table} SET n = n + 1 WHERE id = 1`));
    expect(err).toMatchObject({ code: '25006' });
    expect(classifyDatabaseError(err)).toBe('transient');
  });

  it('a lock that is not available (55P03)', async () => {
    const [a, b] = [await open(), await open()];
    await a.query('BEGIN');
    await a.query(`SELECT 1 FROM ${table} WHERE id = 1 FOR UPDATE`);
    const err = await failure(() => b.query(`SELECT 1 FROM ${table} WHERE id = 1 FOR UPDATE NOWAIT`));
    await a.query('ROLLBACK');
    expect(err).toMatchObject({ code: '55P03' });
    expect(classifyDatabaseError(err)).toBe('transient');
  });

  it('a connection the server terminated (57P01): transient, and the commit is unknown', async () => {
    const [victim, admin] = [await open(), await open()];
    const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const running = failure(() => victim.query('SELECT pg_sleep(5)'));
    // Terminated while the statement runs, not before it was sent.
    for (let waited = 0; waited < 5000; waited += 20) {
      const active = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active'`, [rows[0].pid]);
      if (active.rowCount) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    const err = (await running) as { code?: string; message?: string };
    expect({ code: err.code, message: err.message, kind: classifyDatabaseError(err), unknownCommit: mayHaveCommitted(err) }).toMatchObject({
      kind: 'transient',
      unknownCommit: true,
    });
  });

  it("node-pg's pool timing out while every connection is busy, and a refused TCP connection", async () => {
    const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1, connectionTimeoutMillis: 100 });
    const held = await pool.connect();
    const timeout = await failure(() => pool.connect());
    held.release();
    await pool.end();
    expect(String((timeout as Error).message)).toMatch(/timeout/);
    expect(classifyDatabaseError(timeout)).toBe('transient');

    const refused = await failure(() => connect({ port: 1 }));
    expect(classifyDatabaseError(refused)).toBe('transient');
  });
});

describe('errors that a retry cannot get past', () => {
  it.each([
    ['division by zero', 'SELECT 1 / 0', '22012', 'permanent'],
    ['a NUL character in jsonb', `SELECT '"a\\u0000b"'::jsonb`, '22P05', 'permanent'],
    ['an undefined table', 'SELECT * FROM hq_no_such_table', '42P01', 'permanent'],
    ['a NOT NULL violation', `INSERT INTO ${table} VALUES (9, NULL)`, '23502', 'permanent'],
    ['a unique violation', `INSERT INTO ${table} VALUES (1, 0)`, '23505', 'conflict'],
  ])('%s', async (_, text, code, kind) => {
    const client = await open();
    const err = await failure(() => client.query(text));
    expect(err).toMatchObject({ code });
    expect(classifyDatabaseError(err)).toBe(kind);
  });
});

describe('an overloaded database is not asked N statements for one batch', () => {
  let db: TestDatabase;
  let impatient: Pool;
  beforeAll(async () => {
    db = await createTestDatabase('es_errors', EVENT_STORE_MIGRATIONS);
    // Statements give up after 300 ms, as under a statement_timeout during an overload.
    impatient = new Pool({ connectionString: db.url, options: `-c search_path=${db.schema} -c statement_timeout=300`, max: 4 });
  });
  afterAll(async () => {
    await impatient.end();
    await db.drop();
  });

  /** `impatient`, every houqin_append_batch statement counted; `onFailure` sees each refused one. */
  const counting = (onFailure: (err: unknown) => Promise<void> = async () => undefined) => {
    let appends = 0;
    const run = async (target: SqlClient, q: string | SqlQuery, values?: unknown[]) => {
      const text = typeof q === 'string' ? q : q.text;
      if (text.includes('houqin_append_batch')) appends++;
      try {
        return await (typeof q === 'string' ? target.query(q, values) : target.query(q));
      } catch (err) {
        await onFailure(err);
        throw err;
      }
    };
    const pool = {
      query: (q: string | SqlQuery, values?: unknown[]) => run(impatient as unknown as SqlPool, q, values),
      async connect() {
        const client = await impatient.connect();
        return Object.assign(Object.create(client), { query: (q: string | SqlQuery, values?: unknown[]) => run(client as unknown as SqlClient, q, values) });
      },
    } as SqlPool;
    return { pool, appends: () => appends };
  };

  /** Holds a lock that every first append waits behind (a stream insert) until released. */
  const blockNewStreams = async () => {
    const holder = await open({ options: `-c search_path=${db.schema}` });
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE streams IN SHARE MODE');
    return { release: () => holder.query('COMMIT') };
  };

  const opening = (batcher: WriteBatcher, id: string) =>
    batcher.write({
      streamId: id,
      events: [{ type: 'TallyOpened', schemaVersion: 1, data: { schoolId: 'S001', name: id } }],
      options: { streamType: 'Tally', schoolId: 'S001', metadata: metadata(), head: null },
    });

  it('fails the whole batch with the cancelled statement instead of rewriting it one command at a time', async () => {
    const { pool, appends } = counting();
    const batcher = new WriteBatcher(pool, new PostgresEventStore(), { concurrency: 1 });
    const lock = await blockNewStreams();
    try {
      const outcomes = await Promise.allSettled([
        opening(batcher, `tally-${randomUUID()}`), // takes the only slot: the five below queue into one batch
        ...Array.from({ length: 5 }, () => opening(batcher, `tally-${randomUUID()}`)),
      ]);
      expect(outcomes.map((o) => o.status === 'rejected' && (o.reason as { code?: string }).code)).toEqual(Array(6).fill('57014'));
    } finally {
      await lock.release();
    }
    expect(appends()).toBe(2); // the lone first write and the batch of five; one by one would be 2 + 5
  });

  it('retries a command whose statement the database cancelled, with backoff, and writes it once', async () => {
    let lock: { release(): Promise<unknown> } | undefined;
    // The overload passes once the first statement was cancelled.
    const { pool, appends } = counting(async () => {
      await lock?.release();
      lock = undefined;
    });
    const exec = new CommandExecutor(pool, { contracts: tallyContracts });
    const id = `tally-${randomUUID()}`;
    lock = await blockNewStreams();
    const result = await exec.execute({ decider: tally, streamId: id, streamType: 'Tally', schoolId: 'S001', command: { type: 'Open', schoolId: 'S001', name: id }, metadata: metadata(), newStream: true });
    expect(result).toMatchObject({ streamId: id, version: 1 });
    expect(appends()).toBe(2);
    const [{ n }] = (await impatient.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE stream_id = $1', [id])).rows;
    expect(Number(n)).toBe(1);
  });
});
