import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, sql, TestDatabase, TEST_DATABASE_URL, waitUntilBlocked } from '@houqin/testing';
import { WorkOrderProjection } from '../src/application/work-order-projection';
import { BUREAU_MIGRATIONS } from '../src/infrastructure/migrations';
import { workOrderStream } from './envelopes';

let db: TestDatabase;
let projection: WorkOrderProjection;

beforeAll(async () => {
  db = await createTestDatabase('bureau', BUREAU_MIGRATIONS);
  projection = new WorkOrderProjection(db.dataSource);
});
afterAll(() => db?.drop());

/** A school of its own per test, so that the figures of one test are not another's. */
const newSchool = () => `S${randomBytes(4).toString('hex')}`;
const figuresOf = async (schoolId: string) =>
  (await sql<Record<string, string | number>>(db.schema, 'SELECT * FROM school_figures WHERE school_id = $1', [schoolId]))[0];
const orderOf = async (id: string) => (await sql<{ status: string; last_version: number }>(db.schema, 'SELECT * FROM work_orders WHERE work_order_id = $1', [id]))[0];

describe('WorkOrderProjection (real PostgreSQL)', () => {
  it('counts redelivered events once, within a batch and across batches, and leaves other stream types out', async () => {
    const school = newSchool();
    const wo = workOrderStream(school);
    const events = [wo.reported(), wo.assigned(2), wo.completed(3)];
    const elsewhere = newSchool();
    const inspection = { ...wo.envelope('InspectionScheduled', 1), streamId: `Inspection-${randomUUID()}`, streamType: 'Inspection', schoolId: elsewhere };

    expect(await projection.apply([...events, events[0], inspection])).toEqual({ applied: 3, duplicates: 1 });
    expect(await projection.apply(events)).toEqual({ applied: 0, duplicates: 3 });

    expect(await figuresOf(school)).toMatchObject({ reported: 1, open: 0, completed: 1, completion_count: 1 });
    expect(await orderOf(wo.streamId)).toMatchObject({ status: 'completed', last_version: 3 });
    expect(await figuresOf(elsewhere)).toBeUndefined(); // not even an empty row for the inspection's school
  });

  it('moves past a work-order event type the figures do not count, so the next one is no gap', async () => {
    const school = newSchool();
    const wo = workOrderStream(school);
    await projection.apply([wo.reported()]);
    await projection.apply([wo.envelope('WorkOrderCommented', 2, { comment: '已订购配件' })]);
    await expect(projection.apply([wo.completed(3)])).resolves.toEqual({ applied: 1, duplicates: 0 });
    expect(await figuresOf(school)).toMatchObject({ reported: 1, open: 0, completed: 1, completion_count: 1 });
    expect(await orderOf(wo.streamId)).toMatchObject({ status: 'completed', last_version: 3 });
  });

  it('counts a new work order once when two appliers handle its first event at the same time', async () => {
    const school = newSchool();
    await projection.apply([workOrderStream(school).reported()]); // the school's row exists
    const wo = workOrderStream(school);

    // A third connection holds the school's row, so that both appliers are under way and waiting when it lets go.
    const holder = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${db.schema}` });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM school_figures WHERE school_id = $1 FOR UPDATE', [school]);
      const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const racing = [projection.apply([wo.reported()]), projection.apply([wo.reported()])];
      await waitUntilBlocked(db.schema, rows[0].pid, 2);
      await holder.query('COMMIT');
      const results = await Promise.all(racing);
      expect(results.map((r) => r.applied).sort()).toEqual([0, 1]);
    } finally {
      await holder.end();
    }
    expect(await figuresOf(school)).toMatchObject({ reported: 2, open: 2 });
  });
});

