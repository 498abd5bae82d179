import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bureau's energy figure (energy-consumption). New to a running bureau, it is fed from the first
 * event, as every figure is. The group table's school, kind and month are generated from its key.
 */
export class CreateEnergyFigures1765000000600 implements MigrationInterface {
  name = 'CreateEnergyFigures1765000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE energy_meters (
        meter_id     text PRIMARY KEY,
        school_id    text NOT NULL,
        kind         text NOT NULL,
        readings     jsonb NOT NULL,
        last_version integer NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE energy_consumption (
        group_key         text PRIMARY KEY,
        school_id         text GENERATED ALWAYS AS (split_part(group_key, '|', 1)) STORED,
        kind              text GENERATED ALWAYS AS (split_part(group_key, '|', 2)) STORED,
        month             text GENERATED ALWAYS AS (split_part(group_key, '|', 3)) STORED,
        consumption_milli bigint NOT NULL DEFAULT 0,
        readings          bigint NOT NULL DEFAULT 0,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX energy_consumption_kind_month ON energy_consumption (kind, month, school_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM projection_status WHERE projection = 'energy-consumption'`);
    await q.query(`DROP TABLE energy_consumption, energy_meters`);
  }
}
