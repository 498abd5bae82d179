import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { EVENT_STORE_MIGRATIONS, pgPoolOf, SqlPool } from '@houqin/event-store';
import { ProjectionGapError } from '@houqin/projections';
import { createTestDatabase, sql, TestDatabase, TEST_DATABASE_URL, waitUntilBlocked } from '@houqin/testing';
import { awaitReadModel, BatchProjector, CreateProjectionStatus1764400000000, GlobalLogProjector, readStatus } from '../src';
import { CreateTaskTables1764400000001, store, taskStream, taskTables } from './tasks';

let db: TestDatabase;
let pool: SqlPool;

beforeAll(async () => {
  db = await createTestDatabase('projections', [...EVENT_STORE_MIGRATIONS, CreateProjectionStatus1764400000000, CreateTaskTables1764400000001]);
  pool = pgPoolOf(db.dataSource);
});
afterAll(() => db?.drop());
beforeEach(async () => {
  await sql(db.schema, `TRUNCATE events, task_list, task_counts; DELETE FROM projection_status`);
});

const newSchool = () => `S${randomBytes(4).toString('hex')}`;
const countsOf = async (school: string) => (await sql<{ open: string; done: string }>(db.schema, 'SELECT open, done FROM task_counts WHERE school_id = $1', [school]))[0];
const taskOf = async (id: string) => (await sql<{ done: boolean; last_version: number }>(db.schema, 'SELECT done, last_version FROM task_list WHERE task_id = $1', [id]))[0];

describe('projections fed in batches (Kafka), real PostgreSQL', () => {
  let projector: BatchProjector;
  beforeEach(async () => {
    projector = new BatchProjector(pool, [taskTables()]);
    await projector.prepare();
  });

  it('applies a redelivered event once, within a batch and across batches, and counts the duplicates', async () => {
    const school = newSchool();
    const t = taskStream(school);
    expect((await projector.apply([t.opened(), t.opened(), t.done()])).get('tasks')).toEqual({ applied: 2, duplicates: 1 });
    expect((await projector.apply([t.opened(), t.done()])).get('tasks')).toEqual({ applied: 0, duplicates: 2 });
    expect(await countsOf(school)).toEqual({ open: '0', done: '1' });
    expect(await taskOf(t.id)).toEqual({ done: true, last_version: 2 });
    expect(await readStatus(pool, 'tasks')).toMatchObject({ version: 1, eventsApplied: 2, duplicatesAbsorbed: 3 });
  });

  it('refuses a gap and writes nothing of its batch', async () => {
    const school = newSchool();
    const [a, b] = [taskStream(school), taskStream(school)];
    await projector.apply([a.opened()]);
    await expect(projector.apply([b.opened(), a.done(3)])).rejects.toThrow(ProjectionGapError);
    expect(await taskOf(b.id)).toBeUndefined();
    expect(await countsOf(school)).toEqual({ open: '1', done: '0' });
  });

  it('counts a new stream once when two appliers handle its first event at the same time', async () => {
    const school = newSchool();
    await projector.apply([taskStream(school).opened()]); // the school's row exists
    const t = taskStream(school);
    const holder = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${db.schema}` });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM task_counts WHERE school_id = $1 FOR UPDATE', [school]);
      const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const racing = [projector.apply([t.opened()]), new BatchProjector(pool, [taskTables()]).apply([t.opened()])];
      await waitUntilBlocked(db.schema, rows[0].pid, 2);
      await holder.query('COMMIT');
      const results = await Promise.all(racing);
      expect(results.map((r) => r.get('tasks')!.applied).sort()).toEqual([0, 1]);
    } finally {
      await holder.end();
    }
    expect(await countsOf(school)).toEqual({ open: '2', done: '0' });
  });
});

describe("projections of the service's own global log, real PostgreSQL", () => {
  const projectors: GlobalLogProjector[] = [];
  const projectorOf = async (version = 1) => {
    const p = new GlobalLogProjector(pool, taskTables(version), { batchSize: 3, pollIntervalMs: 5_000 });
    projectors.push(p);
    await p.prepare();
    return p;
  };
  afterEach(async () => {
    await Promise.all(projectors.splice(0).map((p) => p.stop()));
  });

  it('advances its checkpoint with each page, in the transaction that applies it, and reads nothing twice', async () => {
    const school = newSchool();
    const [a, b] = [taskStream(school), taskStream(school)];
    await store(db.schema, [a.opened(), b.opened(), a.done(), b.event('TaskCommented', 2), b.done(3)]);
    const projector = await projectorOf();
    expect(await projector.runOnce()).toBe(3);
    expect(await projector.catchUp()).toBe(2);
    expect(await projector.catchUp()).toBe(0);
    const [last] = await sql<{ transaction_id: string; global_position: string }>(
      db.schema,
      'SELECT transaction_id::text, global_position::text FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1',
    );
    expect((await readStatus(pool, 'tasks'))!).toMatchObject({ eventsApplied: 5, duplicatesAbsorbed: 0, checkpoint: { transactionId: last.transaction_id, globalPosition: last.global_position } });
    expect(await countsOf(school)).toEqual({ open: '0', done: '2' });
    expect(await taskOf(b.id)).toEqual({ done: true, last_version: 3 });
  });

  it('lets one replica at a time apply a page: two projectors racing apply every event once', async () => {
    const school = newSchool();
    await store(db.schema, Array.from({ length: 20 }, () => taskStream(school).opened()));
    const [one, two] = [await projectorOf(), await projectorOf()];
    await Promise.all([one.catchUp(), two.catchUp()]);
    await Promise.all([one.catchUp(), two.catchUp()]);
    expect(await countsOf(school)).toEqual({ open: '20', done: '0' });
    expect(await readStatus(pool, 'tasks')).toMatchObject({ eventsApplied: 20, duplicatesAbsorbed: 0 });
  });

  it('rebuilds from the first event when the definition’s version changes, and only then', async () => {
    const school = newSchool();
    const t = taskStream(school);
    await store(db.schema, [t.opened(), t.done()]);
    expect(await new GlobalLogProjector(pool, taskTables(1)).prepare()).toEqual({ fromStart: true, rebuilt: false }); // new here
    await (await projectorOf(1)).catchUp();
    await sql(db.schema, `UPDATE task_counts SET done = 99 WHERE school_id = $1`, [school]); // what an old evolve left behind

    expect(await (await projectorOf(1)).prepare()).toEqual({ fromStart: false, rebuilt: false });
    const v2 = new GlobalLogProjector(pool, taskTables(2));
    projectors.push(v2);
    expect(await v2.prepare()).toEqual({ fromStart: true, rebuilt: true, fromVersion: 1 });
    expect(await v2.prepare()).toEqual({ fromStart: false, rebuilt: false });
    expect(await readStatus(pool, 'tasks')).toMatchObject({ version: 2, eventsApplied: 0, checkpoint: { transactionId: '0', globalPosition: '0' } });
    expect(await countsOf(school)).toBeUndefined();
    await v2.catchUp();
    expect(await countsOf(school)).toEqual({ open: '0', done: '1' });
    expect(await readStatus(pool, 'tasks')).toMatchObject({ version: 2, eventsApplied: 2 });
  });

  it('resolves waitFor once a command’s position is applied, woken by notify rather than its poll', async () => {
    const projector = await projectorOf();
    projector.start();
    const t = taskStream(newSchool());
    const [position] = await store(db.schema, [t.opened()]);
    const started = Date.now();
    await expect(projector.waitFor(position, 3_000)).resolves.toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000); // its poll interval is 5 s
    expect(await taskOf(t.id)).toEqual({ done: false, last_version: 1 });
  });

  it('does not sleep through a commit announced while it was at work', async () => {
    // Its read of the log returns, empty; then a command commits and announces it; only then it goes to sleep.
    let atGate!: () => void;
    const reachedGate = new Promise<void>((r) => (atGate = r));
    let openGate!: () => void;
    const gate = new Promise<void>((r) => (openGate = r));
    const slowPool: SqlPool = {
      query: (...args: unknown[]) => (pool.query as (...a: unknown[]) => Promise<never>)(...args),
      connect: async () => {
        const client = await pool.connect();
        return new Proxy(client, {
          get(target, property) {
            const value = Reflect.get(target, property) as unknown;
            if (property !== 'query' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
            return async (...args: unknown[]) => {
              const result = await (value as (...a: unknown[]) => Promise<{ rows: unknown[] }>).apply(target, args);
              if (JSON.stringify(args[0]).includes('FROM events WHERE') && result.rows.length === 0) {
                atGate();
                await gate;
              }
              return result;
            };
          },
        });
      },
    };
    const projector = new GlobalLogProjector(slowPool, taskTables(), { pollIntervalMs: 10_000 });
    projectors.push(projector);
    await projector.prepare();
    projector.start();
    await reachedGate;
    await store(db.schema, [taskStream(newSchool()).opened()]);
    projector.notify();
    await new Promise((r) => setTimeout(r, 50)); // the announcement arrives while it is at work
    openGate();
    await new Promise((r) => setTimeout(r, 500)); // no reader waits to wake it again
    expect(await readStatus(pool, 'tasks')).toMatchObject({ eventsApplied: 1 });
  });

  it('answers 503 with Retry-After when the read model does not reach the position in time', async () => {
    const projector = await projectorOf(); // not started: it never catches up
    const [position] = await store(db.schema, [taskStream(newSchool()).opened()]);
    const headers: Record<string, string> = {};
    const response = { header: (name: string, value: string) => (headers[name] = value) };
    const started = Date.now();
    const error = await awaitReadModel(projector, position, response, { timeoutMs: 300, retryAfterSeconds: 2 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(error).toMatchObject({ status: 503, response: { code: 'read-model-behind', messageZh: expect.stringContaining('重试') } });
    expect(headers).toEqual({ 'Retry-After': '2' });

    await projector.catchUp(); // then the same read goes through at once
    await expect(awaitReadModel(projector, position, response, { timeoutMs: 300 })).resolves.toBeUndefined();
    await expect(awaitReadModel(projector, undefined, response)).resolves.toBeUndefined();
  });
});

describe('the status table of a read model from before versions', () => {
  it('gains the new columns, keeps its counters, and takes its tables as built by the current version', async () => {
    const schema = `projections_old_${randomBytes(4).toString('hex')}`;
    await sql(db.schema, `CREATE SCHEMA ${schema}`);
    await sql(schema, `CREATE TABLE projection_status (projection text PRIMARY KEY, events_applied bigint NOT NULL DEFAULT 0,
      duplicates_absorbed bigint NOT NULL DEFAULT 0, last_event_at timestamptz, updated_at timestamptz NOT NULL DEFAULT now())`);
    await sql(schema, `INSERT INTO projection_status (projection, events_applied) VALUES ('tasks', 42)`);
    const old = await createTestDatabase('unused', [CreateProjectionStatus1764400000000, CreateTaskTables1764400000001], schema);
    try {
      const projector = new GlobalLogProjector(pgPoolOf(old.dataSource), taskTables(3));
      expect(await projector.prepare()).toEqual({ fromStart: false, rebuilt: false });
      expect(await readStatus(pgPoolOf(old.dataSource), 'tasks')).toMatchObject({ version: 3, eventsApplied: 42 });
    } finally {
      await old.drop();
    }
  });
});

