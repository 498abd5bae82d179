import { MigrationInterface, QueryRunner } from 'typeorm';

/** The SLA scheduler's read model: where it finds the work orders whose next deadline has passed. */
export class CreateWorkOrderDeadlines1764700000000 implements MigrationInterface {
  name = 'CreateWorkOrderDeadlines1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE work_order_deadlines (
        work_order_id      text PRIMARY KEY,
        school_id          text NOT NULL,
        response_due_at    timestamptz NOT NULL,
        completion_due_at  timestamptz NOT NULL,
        responded          boolean NOT NULL,
        done               boolean NOT NULL,
        response_overdue   boolean NOT NULL,
        completion_overdue boolean NOT NULL,
        next_due_at        timestamptz,
        last_version       integer NOT NULL,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    // Only orders with something left to watch are indexed: the scan stays small as history grows.
    await q.query(`CREATE INDEX work_order_deadlines_next_due_idx ON work_order_deadlines (next_due_at) WHERE next_due_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE work_order_deadlines`);
  }
}
