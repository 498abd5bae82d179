import { CreateProjectionStatus1764400000000 } from '@houqin/projection-store';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateInspectionCompliance1765000000700 } from './inspection-migrations';
import { CreateDormitoryGreeningFigures1765300000300 } from './dormitory-greening-migrations';
import { CreateSchoolRegister1764900000400 } from './school-register-migrations';
import { CreateAssetFigures1765200000200 } from './asset-migrations';
import { CreateEnergyFigures1765000000600 } from './energy-migrations';
import { CreateWorkOrderSlaFigures1764500000300 } from './sla-migrations';
import { CreateRepairCostFigures1765400000500 } from './repair-cost-migrations';

/** The bureau's read model of repair work orders: one row per work order and per school. */
export class CreateWorkOrderReadModel1764000000100 implements MigrationInterface {
  name = 'CreateWorkOrderReadModel1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE work_orders (
        work_order_id      text PRIMARY KEY,
        school_id          text NOT NULL,
        status             text NOT NULL,
        reported_at        timestamptz NOT NULL,
        first_completed_at timestamptz,
        last_version       integer NOT NULL,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX work_orders_school_status_idx ON work_orders (school_id, status)`);
    await q.query(`
      CREATE TABLE school_figures (
        school_id           text PRIMARY KEY,
        reported            integer NOT NULL,
        open                integer NOT NULL,
        completed           integer NOT NULL,
        verified            integer NOT NULL,
        completion_count    integer NOT NULL,
        completion_ms_total bigint NOT NULL,
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE projection_status (
        projection          text PRIMARY KEY,
        events_applied      bigint NOT NULL DEFAULT 0,
        duplicates_absorbed bigint NOT NULL DEFAULT 0,
        last_event_at       timestamptz,
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO projection_status (projection) VALUES ('work-orders')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_status, school_figures, work_orders`);
  }
}

/**
 * When the read model first showed a work order (clock time at the projection), so the
 * freshness of the bureau's figures (school answer → bureau) can be measured.
 */
export class AddFirstProjectedAt1764000000101 implements MigrationInterface {
  name = 'AddFirstProjectedAt1764000000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE work_orders ADD COLUMN first_projected_at timestamptz NOT NULL DEFAULT clock_timestamp()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE work_orders DROP COLUMN first_projected_at`);
  }
}

/**
 * Every bureau migration, in order: the service and its tests run the same list, so a figure's
 * new table cannot be missing from a test schema.
 */
export const BUREAU_MIGRATIONS = [
  CreateWorkOrderReadModel1764000000100,
  AddFirstProjectedAt1764000000101,
  CreateProjectionStatus1764400000000,
  CreateWorkOrderSlaFigures1764500000300,
  CreateSchoolRegister1764900000400,
  CreateEnergyFigures1765000000600,
  CreateAssetFigures1765200000200,
  CreateDormitoryGreeningFigures1765300000300,
  CreateInspectionCompliance1765000000700,
  CreateRepairCostFigures1765400000500,
];
