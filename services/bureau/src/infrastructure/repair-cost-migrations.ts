import { MigrationInterface, QueryRunner } from 'typeorm';
import { REPAIR_COST_FIELDS } from '@houqin/statistics';
import { snakeCase } from '../application/sla-figure-tables';

/** The repair-cost figure (repair-costs): fed from the first event when new, so earlier repairs count too. Money in fen (bigint). */
export class CreateRepairCostFigures1765400000500 implements MigrationInterface {
  name = 'CreateRepairCostFigures1765400000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE repair_cost_orders (
        work_order_id  text PRIMARY KEY,
        school_id      text NOT NULL,
        asset_id       text NOT NULL,
        asset_category text NOT NULL,
        repeat         boolean NOT NULL,
        costed         boolean NOT NULL,
        parts_fen      bigint NOT NULL,
        labour_fen     bigint NOT NULL,
        cost_fen       bigint NOT NULL,
        last_version   integer NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    const sums = REPAIR_COST_FIELDS.map((f) => `${snakeCase(f)} bigint NOT NULL DEFAULT 0`).join(',\n        ');
    await q.query(`
      CREATE TABLE repair_cost_figures (
        group_key  text PRIMARY KEY,
        ${sums},
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM projection_status WHERE projection = 'repair-costs'`);
    await q.query(`DROP TABLE repair_cost_figures, repair_cost_orders`);
  }
}
