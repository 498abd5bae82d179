import { MigrationInterface, QueryRunner } from 'typeorm';

/** school_names keeps the school stream's version it was written from, so an older redelivery never overwrites a newer name. */
export class AddSchoolNameVersion1764900070000 implements MigrationInterface {
  name = 'AddSchoolNameVersion1764900070000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE school_names ADD COLUMN stream_version integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE school_names DROP COLUMN stream_version`);
  }
}
