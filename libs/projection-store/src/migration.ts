import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per projection: the definition's version the tables were built by, the
 * counters, and for projections of the service's own global log their checkpoint
 * (transaction id, global position). Created if absent; a table from before versions
 * (the bureau's, with its counters) gains the new columns and keeps its rows.
 */
export class CreateProjectionStatus1764400000000 implements MigrationInterface {
  name = 'CreateProjectionStatus1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS projection_status (
        projection          text PRIMARY KEY,
        events_applied      bigint NOT NULL DEFAULT 0,
        duplicates_absorbed bigint NOT NULL DEFAULT 0,
        last_event_at       timestamptz,
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    // NULL version: tables built before versions existed, taken as built by the current definition.
    await q.query(`ALTER TABLE projection_status ADD COLUMN IF NOT EXISTS version integer`);
    await q.query(`ALTER TABLE projection_status ADD COLUMN IF NOT EXISTS transaction_id xid8 NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE projection_status ADD COLUMN IF NOT EXISTS global_position bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE projection_status ADD COLUMN IF NOT EXISTS rebuilt_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projection_status DROP COLUMN rebuilt_at, DROP COLUMN global_position, DROP COLUMN transaction_id, DROP COLUMN version`);
  }
}
