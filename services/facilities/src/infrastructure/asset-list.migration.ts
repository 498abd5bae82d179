import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The asset ledger (read model `asset-list`, application/asset-list.projection.ts): one row per asset,
 * keyset indexes per sort within a school and across schools (the bureau), and a GIN index on the
 * search grams of name, model and serial number.
 */
export class CreateAssetList1765200000100 implements MigrationInterface {
  name = 'CreateAssetList1765200000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE asset_list (
        asset_id       text PRIMARY KEY,
        version        integer NOT NULL,
        school_id      text NOT NULL,
        category       text NOT NULL,
        name           text NOT NULL,
        building       text NOT NULL,
        custodian      text,
        status         text NOT NULL,
        disposal_stage text,
        price_fen      bigint NOT NULL,
        purchase_date  date NOT NULL,
        registered_at  timestamptz NOT NULL,
        search_text    text NOT NULL,
        search_grams   text[] NOT NULL,
        doc            jsonb NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX asset_list_school_registered ON asset_list (school_id, registered_at, asset_id)`);
    await q.query(`CREATE INDEX asset_list_school_purchase ON asset_list (school_id, purchase_date, asset_id)`);
    await q.query(`CREATE INDEX asset_list_school_price ON asset_list (school_id, price_fen, asset_id)`);
    await q.query(`CREATE INDEX asset_list_school_name ON asset_list (school_id, name, asset_id)`);
    await q.query(`CREATE INDEX asset_list_registered ON asset_list (registered_at, asset_id)`);
    await q.query(`CREATE INDEX asset_list_disposal_stage ON asset_list (disposal_stage) WHERE disposal_stage IS NOT NULL`);
    await q.query(`CREATE INDEX asset_list_search ON asset_list USING gin (search_grams)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE asset_list`);
  }
}
