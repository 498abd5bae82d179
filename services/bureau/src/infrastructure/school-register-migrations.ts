import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The district's school register, from identity's events (projection `schools`, its own consumer
 * group): new to a running bureau, it is fed from identity's first event. Also an index for the
 * figures of a date range, added up from the work orders reported in it.
 */
export class CreateSchoolRegister1764900000400 implements MigrationInterface {
  name = 'CreateSchoolRegister1764900000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE schools (
        school_id     text PRIMARY KEY,
        name          text NOT NULL,
        type          text NOT NULL,
        address       text NOT NULL,
        boarding      boolean NOT NULL,
        canteen       boolean NOT NULL,
        school_buses  boolean NOT NULL,
        floor_area_m2 numeric NOT NULL,
        years         jsonb NOT NULL,
        registered_at timestamptz NOT NULL,
        changed_at    timestamptz NOT NULL,
        last_version  integer NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX schools_type_idx ON schools (type, school_id)`);
    await q.query(`CREATE INDEX work_orders_reported_at_idx ON work_orders (reported_at, school_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM projection_status WHERE projection = 'schools'`);
    await q.query(`DROP INDEX work_orders_reported_at_idx`);
    await q.query(`DROP TABLE schools`);
  }
}
