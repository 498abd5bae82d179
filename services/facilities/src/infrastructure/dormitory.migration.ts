import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 宿舍: the building list (read model `dormitory-list`) and the school-wide bed reservation of each
 * student (one row per school and student number: the primary key is the last guard against one student
 * on beds of two buildings; see application/dormitory-beds.ts).
 */
export class CreateDormitoryTables1765000000910 implements MigrationInterface {
  name = 'CreateDormitoryTables1765000000910';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dormitory_list (
        building_id         text PRIMARY KEY,
        version             integer NOT NULL,
        school_id           text NOT NULL,
        name                text NOT NULL,
        gender              text NOT NULL,
        rooms               integer NOT NULL,
        beds                integer NOT NULL,
        occupied            integer NOT NULL,
        rooms_failing_check integer NOT NULL,
        student_numbers     text[] NOT NULL,
        search_text         text NOT NULL,
        search_grams        text[] NOT NULL,
        doc                 jsonb NOT NULL,
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX dormitory_list_school_name ON dormitory_list (school_id, name, building_id)`);
    await q.query(`CREATE INDEX dormitory_list_students ON dormitory_list USING gin (student_numbers)`);
    await q.query(`CREATE INDEX dormitory_list_search ON dormitory_list USING gin (search_grams)`);
    await q.query(`
      CREATE TABLE dormitory_student_beds (
        school_id      text NOT NULL,
        student_number text NOT NULL,
        building_id    text NOT NULL,
        reserved_at    timestamptz NOT NULL,
        PRIMARY KEY (school_id, student_number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dormitory_student_beds, dormitory_list`);
  }
}
