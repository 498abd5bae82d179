import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dormitory-check process manager's tables: its read model `dormitory_check_failures` (one row per building:
 * the failed checks' items needing a repair, `repairs` counting them) and the links of the work orders it opened
 * (one per check and item). A building is owed work orders while it has fewer links than repairs.
 */
export class CreateDormitoryCheckWorkOrders1765500000310 implements MigrationInterface {
  name = 'CreateDormitoryCheckWorkOrders1765500000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dormitory_check_failures (
        building_id  text PRIMARY KEY,
        school_id    text NOT NULL,
        repairs      integer NOT NULL,
        doc          jsonb NOT NULL,
        last_version integer NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX dormitory_check_failures_owing ON dormitory_check_failures (building_id) WHERE repairs > 0`);
    await q.query(`
      CREATE TABLE dormitory_check_work_orders (
        work_order_id text PRIMARY KEY,
        building_id   text NOT NULL,
        check_id      text NOT NULL,
        item          text NOT NULL,
        opened_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX dormitory_check_work_orders_building ON dormitory_check_work_orders (building_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dormitory_check_work_orders, dormitory_check_failures`);
  }
}
