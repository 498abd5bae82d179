import { MigrationInterface, QueryRunner } from 'typeorm';

/** The work-order list knows its asset: the `assetId` filter, and the asset's last completion (repeat-failure rule). */
export class AddWorkOrderListAsset1764800001000 implements MigrationInterface {
  name = 'AddWorkOrderListAsset1764800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE work_order_list ADD COLUMN asset_id text`);
    await q.query(`CREATE INDEX work_order_list_asset_completed ON work_order_list (school_id, asset_id, completed_at) WHERE asset_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE work_order_list DROP COLUMN asset_id`);
  }
}
