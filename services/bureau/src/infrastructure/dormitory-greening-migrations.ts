import { MigrationInterface, QueryRunner } from 'typeorm';
import { DORMITORY_OCCUPANCY_FIELDS, GREENING_FIELDS } from '@houqin/statistics';
import { snakeCase } from '../application/sla-figure-tables';

const sums = (fields: readonly string[]) => fields.map((f) => `${snakeCase(f)} bigint NOT NULL DEFAULT 0`).join(',\n        ');

/** The bureau's dormitory occupancy and greening figures (fed from the first event when new to a running bureau). */
export class CreateDormitoryGreeningFigures1765300000300 implements MigrationInterface {
  name = 'CreateDormitoryGreeningFigures1765300000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dormitory_buildings (
        building_id  text PRIMARY KEY,
        school_id    text NOT NULL,
        gender       text NOT NULL,
        rooms        jsonb NOT NULL,
        last_version integer NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE TABLE school_dormitory_occupancy (school_id text PRIMARY KEY, ${sums(DORMITORY_OCCUPANCY_FIELDS)}, updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`
      CREATE TABLE green_areas (
        green_area_id text PRIMARY KEY,
        school_id     text NOT NULL,
        facts         jsonb NOT NULL,
        last_version  integer NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE TABLE school_greening (school_id text PRIMARY KEY, ${sums(GREENING_FIELDS)}, updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM projection_status WHERE projection IN ('dormitory-occupancy', 'greening')`);
    await q.query(`DROP TABLE school_greening, green_areas, school_dormitory_occupancy, dormitory_buildings`);
  }
}
