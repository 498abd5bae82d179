import { MigrationInterface, QueryRunner } from 'typeorm';
import { WORK_ORDER_SLA_FIELDS } from '@houqin/statistics';
import { snakeCase } from '../application/sla-figure-tables';

/**
 * The bureau's SLA figure (work-order-sla). Its status row starts at version 0, so the first start
 * after this migration rebuilds it: the consumer group rereads the facilities topic from its first
 * event (the other figures absorb what they counted, by stream version) and the new figure counts
 * the repairs reported before it existed too.
 */
export class CreateWorkOrderSlaFigures1764500000300 implements MigrationInterface {
  name = 'CreateWorkOrderSlaFigures1764500000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE work_order_sla (
        work_order_id      text PRIMARY KEY,
        school_id          text NOT NULL,
        priority           text NOT NULL,
        response_due_at    timestamptz NOT NULL,
        completion_due_at  timestamptz NOT NULL,
        responded_at       timestamptz,
        completed_at       timestamptz,
        response_overdue   boolean NOT NULL,
        completion_overdue boolean NOT NULL,
        late_entries       integer NOT NULL,
        last_version       integer NOT NULL,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    const sums = WORK_ORDER_SLA_FIELDS.map((f) => `${snakeCase(f)} bigint NOT NULL DEFAULT 0`).join(',\n        ');
    await q.query(`
      CREATE TABLE school_sla_figures (
        school_id  text PRIMARY KEY,
        ${sums},
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO projection_status (projection, version) VALUES ('work-order-sla', 0) ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM projection_status WHERE projection = 'work-order-sla'`);
    await q.query(`DROP TABLE school_sla_figures, work_order_sla`);
  }
}
