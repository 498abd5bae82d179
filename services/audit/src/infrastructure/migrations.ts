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

/**
 * How far a long run (a verification, a replay) got, written while it runs so that any replica can answer a poll:
 * the client names the run with its own id (`progressId`) when starting it.
 */
export class CreateAuditProgress1765100000000 implements MigrationInterface {
  name = 'CreateAuditProgress1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_progress (
        progress_id uuid PRIMARY KEY,
        kind        text NOT NULL,
        source      text NOT NULL,
        actor       text NOT NULL,
        done        bigint NOT NULL DEFAULT 0,
        total       bigint,
        finished    boolean NOT NULL DEFAULT false,
        started_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_progress`);
  }
}
