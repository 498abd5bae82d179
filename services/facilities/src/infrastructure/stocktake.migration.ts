import { MigrationInterface, QueryRunner } from 'typeorm';

/** The stocktakes' list (read model `stocktake-list`): newest first per school, open ones found quickly. */
export class CreateStocktakeList1764900050000 implements MigrationInterface {
  name = 'CreateStocktakeList1764900050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stocktake_list (
        stocktake_id text PRIMARY KEY,
        version      integer NOT NULL,
        school_id    text NOT NULL,
        status       text NOT NULL,
        title        text NOT NULL,
        building     text NOT NULL,
        opened_at    timestamptz NOT NULL,
        closed_at    timestamptz,
        expected     integer NOT NULL,
        marked       integer NOT NULL,
        doc          jsonb NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stocktake_list_school_opened ON stocktake_list (school_id, opened_at, stocktake_id)`);
    await q.query(`CREATE INDEX stocktake_list_opened ON stocktake_list (opened_at, stocktake_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stocktake_list`);
  }
}
