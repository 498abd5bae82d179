import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pending assets (待入账资产): one row per unit of equipment that procurement accepted (验收入库), kept from
 * procurement's events; and the read model `pending-asset-registrations` (facilities' own AssetRegistered events
 * that name a pending asset), so a registered one leaves the pending list.
 */
export class CreatePendingAssets1764900060000 implements MigrationInterface {
  name = 'CreatePendingAssets1764900060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pending_assets (
        pending_asset_id text PRIMARY KEY,
        school_id        text NOT NULL,
        receipt_id       text NOT NULL,
        item_id          text NOT NULL,
        unit             integer NOT NULL,
        units            integer NOT NULL,
        name             text NOT NULL,
        category         text,
        model            text,
        unit_price_fen   bigint NOT NULL,
        supplier         text NOT NULL,
        funding_source   text,
        accepted_at      timestamptz NOT NULL,
        event_id         text NOT NULL,
        received_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX pending_assets_school ON pending_assets (school_id, accepted_at, pending_asset_id)`);
    await q.query(`
      CREATE TABLE pending_asset_registrations (
        asset_id         text PRIMARY KEY,
        version          integer NOT NULL,
        pending_asset_id text NOT NULL,
        school_id        text NOT NULL,
        registered_at    timestamptz NOT NULL,
        doc              jsonb NOT NULL,
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX pending_asset_registrations_pending ON pending_asset_registrations (pending_asset_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pending_asset_registrations`);
    await q.query(`DROP TABLE pending_assets`);
  }
}

/**
 * Every registered asset has a row (the projection must keep each Asset stream's version, or the stream's later events
 * read as a gap and stall it); only those registered from procurement name a pending asset.
 */
export class AllowRegistrationsWithoutPending1765300000000 implements MigrationInterface {
  name = 'AllowRegistrationsWithoutPending1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pending_asset_registrations ALTER COLUMN pending_asset_id DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM pending_asset_registrations WHERE pending_asset_id IS NULL`);
    await q.query(`ALTER TABLE pending_asset_registrations ALTER COLUMN pending_asset_id SET NOT NULL`);
  }
}
