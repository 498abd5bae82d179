import { EVENT_STORE_MIGRATIONS, pgPoolOf, SqlPool } from '@houqin/event-store';
import { defineProjection } from '@houqin/projections';
import { createTestDatabase, eventually, sql, TestDatabase } from '@houqin/testing';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateProjectionStatus1764400000000, GlobalLogProjector, GlobalLogProjectorOptions, ProjectorGroup, readStatus, storedProjection } from '../src';
import { StoredEvent } from '@houqin/event-store';
import { CreateTaskTables1764400000001, store, taskStream, taskTables } from './tasks';

/** A second read model of the same streams (titles by school), which can be told to fail on one title. */
let failOn: string | undefined;
const titles = storedProjection({
  definition: defineProjection<{ id: string; schoolId: string; title: string }, 'count'>({
    name: 'task-titles',
    version: 1,
    streamType: 'Task',
    canHandle: ['TaskOpened'],
    streamKey: (e) => String(e.payload['id']),
    evolve: (doc, e) => {
      if (e.payload['title'] === failOn) throw new Error('cannot read this title');
      return doc ?? { id: String(e.payload['id']), schoolId: e.schoolId, title: String(e.payload['title']) };
    },
    rollup: { fields: ['count'], groupBy: (t) => t.schoolId, contribution: () => ({ count: 1 }) },
  }),
  documents: { table: 'task_titles', keyColumn: 'task_id', versionColumn: 'last_version', columns: { title: 'text' }, toRow: (t) => ({ title: t.title }), fromRow: (r) => ({ id: String(r['task_id']), schoolId: '', title: String(r['title']) }) },
  groups: { table: 'task_title_counts', keyColumn: 'school_id', columns: { count: 'count' } },
});

/** A read model of streams no event here belongs to: its checkpoint must still move on. */
const meters = storedProjection({
  definition: defineProjection<{ id: string }, 'n'>({ name: 'meters', version: 1, streamType: 'Meter', canHandle: ['MeterInstalled'], streamKey: (e) => String(e.payload['id']), evolve: (doc, e) => doc ?? { id: String(e.payload['id']) } }),
  documents: { table: 'meter_list', keyColumn: 'meter_id', versionColumn: 'last_version', columns: {}, toRow: () => ({}), fromRow: (r) => ({ id: String(r['meter_id']) }) },
});

class CreateGroupTables1764400000002 implements MigrationInterface {
  name = 'CreateGroupTables1764400000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE task_titles (task_id text PRIMARY KEY, title text NOT NULL, last_version integer NOT NULL)`);
    await q.query(`CREATE TABLE task_title_counts (school_id text PRIMARY KEY, count bigint NOT NULL)`);
    await q.query(`CREATE TABLE meter_list (meter_id text PRIMARY KEY, last_version integer NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_titles, task_title_counts, meter_list`);
  }
}

let db: TestDatabase;
let pool: SqlPool;
beforeAll(async () => {
  db = await createTestDatabase('projector_group', [...EVENT_STORE_MIGRATIONS, CreateProjectionStatus1764400000000, CreateTaskTables1764400000001, CreateGroupTables1764400000002]);
  pool = pgPoolOf(db.dataSource);
});
afterAll(() => db?.drop());
beforeEach(async () => {
  failOn = undefined;
  await sql(db.schema, `TRUNCATE events, projection_status, task_list, task_counts, task_titles, task_title_counts, meter_list`);
});

async function groupOf(...projections: Parameters<typeof storedProjection>[0][]) {
  return groupWith({}, ...projections);
}

async function groupWith(options: GlobalLogProjectorOptions, ...projections: Parameters<typeof storedProjection>[0][]) {
  const projectors = projections.map((p) => new GlobalLogProjector(pool, p, { batchSize: 3, ...options }));
  for (const p of projectors) await p.prepare();
  return { projectors, group: new ProjectorGroup(pool, projectors, { batchSize: 3, log: () => undefined }) };
}

const status = async (name: string) => (await readStatus(pool, name))!;

/**
 * Catches up until every named read model applied `applied` events. The global log shows a commit only once every
 * transaction older than it ended, anywhere in the database (another suite's), so one catchUp may see nothing yet.
 */
async function catchUpTo(group: ProjectorGroup, applied: Record<string, number>): Promise<void> {
  await eventually(async () => {
    await group.catchUp();
    for (const [name, n] of Object.entries(applied)) if ((await status(name)).eventsApplied < n) return undefined;
    return true;
  }, 10_000, 50);
}
const lastCheckpoint = async () => (await sql<{ c: string }>(db.schema, `SELECT max(transaction_id)::text || ':' || max(global_position)::text AS c FROM events`))[0].c;
const checkpointText = (s: { checkpoint: { transactionId: string; globalPosition: string } }) => `${s.checkpoint.transactionId}:${s.checkpoint.globalPosition}`;

describe('one loop for all of a service’s read models (ProjectorGroup), real PostgreSQL', () => {
  it('gives every read model each event once, over pages, and moves a read model with no events of its own past them', async () => {
    const { group } = await groupOf(taskTables(), titles, meters);
    const a = taskStream('S1');
    const b = taskStream('S1');
    await store(db.schema, [a.opened(), b.opened(), a.done(), taskStream('S2').opened()]);
    await catchUpTo(group, { tasks: 4, 'task-titles': 4 }); // 4 events, pages of 3

    expect(await sql(db.schema, `SELECT school_id, open, done FROM task_counts ORDER BY school_id`)).toEqual([
      { school_id: 'S1', open: '1', done: '1' },
      { school_id: 'S2', open: '1', done: '0' },
    ]);
    expect(await sql(db.schema, `SELECT school_id, count FROM task_title_counts ORDER BY school_id`)).toEqual([
      { school_id: 'S1', count: '2' },
      { school_id: 'S2', count: '1' },
    ]);
    expect(await status('tasks')).toMatchObject({ eventsApplied: 4, duplicatesAbsorbed: 0 });
    expect(await status('task-titles')).toMatchObject({ eventsApplied: 4 }); // TaskDone counts as applied: it moves the stream's version
    const end = await lastCheckpoint();
    for (const name of ['tasks', 'task-titles', 'meters']) expect(checkpointText(await status(name))).toBe(end);
    expect(await sql(db.schema, `SELECT count(*)::int AS n FROM meter_list`)).toEqual([{ n: 0 }]);
  });

  it('projects (upcasts) each event of a page once, however many read models read it', async () => {
    const projectedIds: string[] = [];
    const counting = (e: StoredEvent) => {
      projectedIds.push(e.eventId);
      return { type: e.type, streamType: e.streamType, streamVersion: e.streamVersion, schoolId: e.schoolId, payload: e.data };
    };
    const { group } = await groupWith({ toProjected: counting }, taskTables(), titles, meters);
    const a = taskStream('S1');
    await store(db.schema, [a.opened(), taskStream('S2').opened(), a.done()]);
    await catchUpTo(group, { tasks: 3, 'task-titles': 3 });
    expect(projectedIds).toHaveLength(3);
    expect(new Set(projectedIds).size).toBe(3);
  });

  it('keeps the others going when one read model fails, and lets that one catch up once it can', async () => {
    const { group, projectors } = await groupOf(taskTables(), titles);
    const bad = taskStream('S1');
    failOn = bad.opened().payload['title'] as string;
    const [, position] = await store(db.schema, [taskStream('S1').opened(), bad.opened()]);

    await catchUpTo(group, { tasks: 2 });
    expect(await status('tasks')).toMatchObject({ eventsApplied: 2 });
    expect(await status('task-titles')).toMatchObject({ eventsApplied: 0 });
    await expect(projectors[0].waitFor(position, 1_000)).resolves.toBe(true);
    await expect(projectors[1].waitFor(position, 200)).resolves.toBe(false);

    failOn = undefined;
    await new Promise((r) => setTimeout(r, 150)); // past its first backoff
    await catchUpTo(group, { 'task-titles': 2 });
    expect(await status('task-titles')).toMatchObject({ eventsApplied: 2 });
    expect(await status('tasks')).toMatchObject({ eventsApplied: 2, duplicatesAbsorbed: 0 });
  });

  it('brings a read model rebuilt from the first event level with one already current, applying nothing twice', async () => {
    await store(db.schema, [taskStream('S1').opened(), taskStream('S1').opened()]);
    const first = await groupOf(taskTables());
    await catchUpTo(first.group, { tasks: 2 });
    await store(db.schema, [taskStream('S3').opened(), taskStream('S3').opened(), taskStream('S3').opened()]);

    const { group } = await groupOf(taskTables(), titles); // task-titles is new: from the first event
    await catchUpTo(group, { tasks: 5, 'task-titles': 5 });
    expect(await status('tasks')).toMatchObject({ eventsApplied: 5, duplicatesAbsorbed: 0 });
    expect(await status('task-titles')).toMatchObject({ eventsApplied: 5, duplicatesAbsorbed: 0 });
    expect(checkpointText(await status('task-titles'))).toBe(checkpointText(await status('tasks')));
  });

  it('skips a read model whose turn another replica holds, and takes it once free', async () => {
    const { group } = await groupOf(taskTables(), titles);
    await store(db.schema, [taskStream('S1').opened()]);
    const other = await pool.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':projection:' || 'tasks'))`);
      await catchUpTo(group, { 'task-titles': 1 });
      expect(await status('tasks')).toMatchObject({ eventsApplied: 0 });
      expect(await status('task-titles')).toMatchObject({ eventsApplied: 1 });
      await other.query('COMMIT');
    } finally {
      other.release();
    }
    await catchUpTo(group, { tasks: 1 });
    expect(await status('tasks')).toMatchObject({ eventsApplied: 1 });
  });
});
