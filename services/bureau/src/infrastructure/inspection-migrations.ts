import { MigrationInterface, QueryRunner } from 'typeorm';
import { INSPECTION_COMPLIANCE_FIELDS } from '@houqin/statistics';
import { snakeCase } from '../application/sla-figure-tables';

/** The bureau's inspection compliance figure (inspection-compliance): fed from the first event when new. */
export class CreateInspectionCompliance1765000000700 implements MigrationInterface {
  name = 'CreateInspectionCompliance1765000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inspection_plan_compliance (
        plan_id      text PRIMARY KEY,
        school_id    text NOT NULL,
        kind         text NOT NULL,
        on_time      integer NOT NULL,
        late         integer NOT NULL,
        missed       integer NOT NULL,
        late_entries integer NOT NULL,
        last_version integer NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    const sums = INSPECTION_COMPLIANCE_FIELDS.map((f) => `${snakeCase(f)} bigint NOT NULL DEFAULT 0`).join(',\n        ');
    await q.query(`
      CREATE TABLE school_inspection_compliance (
        school_id  text PRIMARY KEY,
        ${sums},
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM projection_status WHERE projection = 'inspection-compliance'`);
    await q.query(`DROP TABLE school_inspection_compliance, inspection_plan_compliance`);
  }
}
