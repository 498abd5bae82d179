import { MigrationInterface, QueryRunner } from 'typeorm';

/** The auditors' own record: every verification and rebuild they ran, with its result. */
export class CreateAuditRuns1764000000200 implements MigrationInterface {
  name = 'CreateAuditRuns1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_runs (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind        text NOT NULL,
        source      text NOT NULL,
        actor       text NOT NULL,
        scope       jsonb NOT NULL,
        ok          boolean NOT NULL,
        result      jsonb NOT NULL,
        started_at  timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_runs`);
  }
}
