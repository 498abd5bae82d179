import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The work-order list (read model `work-order-list`, see application/work-order-list.projection.ts):
 * one row per order, typed columns for the list's filters and sorts, keyset indexes
 * (school, sort key, reported_at, id), and a GIN index on the search grams (uni- and
 * bigrams of title, location and description: Chinese words of 1–2 characters are found
 * through the index, with no extension and whatever the database's ctype).
 */
export class CreateWorkOrderList1764600000000 implements MigrationInterface {
  name = 'CreateWorkOrderList1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE work_order_list (
        work_order_id text PRIMARY KEY,
        version       integer NOT NULL,
        school_id     text NOT NULL,
        status        text NOT NULL,
        status_rank   smallint NOT NULL,
        title         text NOT NULL,
        location      text NOT NULL,
        category      text NOT NULL,
        priority      text NOT NULL,
        priority_rank smallint NOT NULL,
        reported_by   text NOT NULL,
        assignee      text,
        reported_at   timestamptz NOT NULL,
        assigned_at   timestamptz,
        completed_at  timestamptz,
        verified_at   timestamptz,
        next_due_at   timestamptz,
        search_text   text NOT NULL,
        search_grams  text[] NOT NULL,
        doc           jsonb NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX work_order_list_school_reported ON work_order_list (school_id, reported_at, work_order_id)`);
    await q.query(`CREATE INDEX work_order_list_reported ON work_order_list (reported_at, work_order_id)`);
    await q.query(`CREATE INDEX work_order_list_school_priority ON work_order_list (school_id, priority_rank, reported_at, work_order_id)`);
    await q.query(`CREATE INDEX work_order_list_school_status ON work_order_list (school_id, status_rank, reported_at, work_order_id)`);
    await q.query(`CREATE INDEX work_order_list_next_due ON work_order_list (next_due_at) WHERE next_due_at IS NOT NULL`);
    await q.query(`CREATE INDEX work_order_list_search ON work_order_list USING gin (search_grams)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE work_order_list`);
  }
}
