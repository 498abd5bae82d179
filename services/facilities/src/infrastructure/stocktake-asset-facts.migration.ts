import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stocktake process manager's tables: its read model `stocktake_differences` (one row per stocktake: once closed,
 * its differences on ledger assets, `owed` counting them) and the outcome of each difference on its asset (one row per
 * stocktake, kind and asset). A stocktake is owed facts while it has fewer outcomes than differences.
 */
export class CreateStocktakeAssetFacts1765500000320 implements MigrationInterface {
  name = 'CreateStocktakeAssetFacts1765500000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stocktake_differences (
        stocktake_id text PRIMARY KEY,
        school_id    text NOT NULL,
        owed         integer NOT NULL,
        doc          jsonb NOT NULL,
        last_version integer NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stocktake_differences_owing ON stocktake_differences (stocktake_id) WHERE owed > 0`);
    await q.query(`
      CREATE TABLE stocktake_asset_facts (
        stocktake_id text NOT NULL,
        kind         text NOT NULL,
        asset_id     text NOT NULL,
        command      text NOT NULL,
        outcome      text NOT NULL,
        reason       jsonb,
        applied_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stocktake_id, kind, asset_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stocktake_asset_facts, stocktake_differences`);
  }
}
