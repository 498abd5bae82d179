import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bureau's asset figures (asset-values, asset-disposals-awaiting-bureau), fed from the first event as every
 * figure is. The value groups' school and category are generated from the key for the answer's filters.
 */
export class CreateAssetFigures1765200000200 implements MigrationInterface {
  name = 'CreateAssetFigures1765200000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE asset_value_assets (
        asset_id     text PRIMARY KEY,
        school_id    text NOT NULL,
        category     text NOT NULL,
        price_fen    bigint NOT NULL,
        first_month  text NOT NULL,
        life_months  integer NOT NULL,
        monthly_fen  bigint NOT NULL,
        in_ledger    boolean NOT NULL,
        last_version integer NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE asset_values (
        group_key          text PRIMARY KEY,
        school_id          text GENERATED ALWAYS AS (split_part(group_key, '|', 1)) STORED,
        category           text GENERATED ALWAYS AS (split_part(group_key, '|', 2)) STORED,
        assets             bigint NOT NULL DEFAULT 0,
        original_value_fen bigint NOT NULL DEFAULT 0,
        monthly_charge_fen bigint NOT NULL DEFAULT 0,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX asset_values_school ON asset_values (school_id, category)`);
    await q.query(`
      CREATE TABLE asset_disposal_requests (
        asset_id        text PRIMARY KEY,
        school_id       text NOT NULL,
        price_fen       bigint NOT NULL,
        needs_bureau    boolean NOT NULL,
        awaiting_bureau boolean NOT NULL,
        last_version    integer NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE asset_disposals_awaiting (
        school_id                   text PRIMARY KEY,
        awaiting                    bigint NOT NULL DEFAULT 0,
        awaiting_original_value_fen bigint NOT NULL DEFAULT 0,
        updated_at                  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM projection_status WHERE projection IN ('asset-values', 'asset-disposals-awaiting-bureau')`);
    await q.query(`DROP TABLE asset_values, asset_value_assets, asset_disposals_awaiting, asset_disposal_requests`);
  }
}
