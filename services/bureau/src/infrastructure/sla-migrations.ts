import { MigrationInterface, QueryRunner } from 'typeorm';
import { WORK_ORDER_SLA_FIELDS } from '@houqin/statistics';
import { snakeCase } from '../application/sla-figure-tables';

/**
 * The bureau's SLA figure (work-order-sla). New to a running bureau, it is fed from the first event
 * (prepareProjection answers fromStart and the consumer group rewinds), so it counts the repairs
 * reported before it existed too.
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM projection_status WHERE projection = 'work-order-sla'`);
    await q.query(`DROP TABLE school_sla_figures, work_order_sla`);
  }
}
