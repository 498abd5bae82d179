import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { defineProjection, ProjectedEvent } from '@houqin/projections';
import { sql } from '@houqin/testing';
import { storedProjection } from '../src';

/** A small read model for the tests: a list of tasks, and per school the open and done ones. */
export interface Task {
  id: string;
  schoolId: string;
  title: string;
  done: boolean;
}

export const taskDefinition = (version = 1) =>
  defineProjection<Task, 'open' | 'done'>({
    name: 'tasks',
    version,
    streamType: 'Task',
    canHandle: ['TaskOpened', 'TaskDone'],
    streamKey: (e) => String(e.payload['id']),
    evolve: (doc, e) => {
      if (!doc) return e.type === 'TaskOpened' ? { id: String(e.payload['id']), schoolId: e.schoolId, title: String(e.payload['title']), done: false } : null;
      return e.type === 'TaskDone' ? { ...doc, done: true } : doc;
    },
    rollup: { fields: ['open', 'done'], groupBy: (t) => t.schoolId, contribution: (t) => ({ open: t.done ? 0 : 1, done: t.done ? 1 : 0 }) },
  });

export const taskTables = (version = 1) =>
  storedProjection({
    definition: taskDefinition(version),
    documents: {
      table: 'task_list',
      keyColumn: 'task_id',
      versionColumn: 'last_version',
      columns: { school_id: 'text', title: 'text', done: 'boolean' },
      toRow: (t: Task) => ({ school_id: t.schoolId, title: t.title, done: t.done }),
      fromRow: (r): Task => ({ id: String(r['task_id']), schoolId: String(r['school_id']), title: String(r['title']), done: Boolean(r['done']) }),
      touchedAt: 'updated_at',
    },
    groups: { table: 'task_counts', keyColumn: 'school_id', columns: { open: 'open', done: 'done' } },
  });

export class CreateTaskTables1764400000001 implements MigrationInterface {
  name = 'CreateTaskTables1764400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE task_list (task_id text PRIMARY KEY, school_id text NOT NULL, title text NOT NULL, done boolean NOT NULL,
                     last_version integer NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE task_counts (school_id text PRIMARY KEY, open bigint NOT NULL, done bigint NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_counts, task_list`);
  }
}

/** A task's stream, as envelopes (batch source) or as rows of the service's events table (global-log source). */
export function taskStream(schoolId: string, id = randomUUID()) {
  const event = (type: string, streamVersion: number): ProjectedEvent => ({ type, streamType: 'Task', streamVersion, schoolId, payload: { id, title: `修理 ${id.slice(0, 4)}` } });
  return { id, opened: () => event('TaskOpened', 1), done: (v = 2) => event('TaskDone', v), event };
}

/** Appends events straight into the events table (hashes are not what these tests look at). */
export async function store(schema: string, events: ProjectedEvent[]): Promise<string[]> {
  const rows = await sql<{ global_position: string }>(
    schema,
    `INSERT INTO events (event_id, stream_id, stream_type, stream_version, school_id, type, schema_version, data, metadata, prev_hash, hash)
     SELECT gen_random_uuid(), 'Task-' || (e->'payload'->>'id'), e->>'streamType', (e->>'streamVersion')::int, e->>'schoolId', e->>'type', 1,
            e->'payload', '{}'::jsonb, repeat('0', 64), repeat('a', 64)
       FROM jsonb_array_elements($1::jsonb) AS e
     RETURNING global_position::text AS global_position`,
    [JSON.stringify(events)],
  );
  return rows.map((r) => r.global_position);
}
