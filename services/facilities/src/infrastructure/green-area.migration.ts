import { MigrationInterface, QueryRunner } from 'typeorm';

/** 绿化档案: the green-area list (read model `green-area-list`, application/green-area-list.projection.ts). */
export class CreateGreenAreaList1765000000920 implements MigrationInterface {
  name = 'CreateGreenAreaList1765000000920';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE green_area_list (
        green_area_id text PRIMARY KEY,
        version       integer NOT NULL,
        school_id     text NOT NULL,
        status        text NOT NULL,
        name          text NOT NULL,
        kind          text NOT NULL,
        area_m2       numeric(12, 2) NOT NULL,
        trees         integer NOT NULL,
        notable_trees integer NOT NULL,
        care_count    integer NOT NULL,
        last_care_at  timestamptz,
        closed_until  timestamptz,
        search_text   text NOT NULL,
        search_grams  text[] NOT NULL,
        doc           jsonb NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX green_area_list_school_name ON green_area_list (school_id, name, green_area_id)`);
    await q.query(`CREATE INDEX green_area_list_school_area ON green_area_list (school_id, area_m2, green_area_id)`);
    await q.query(`CREATE INDEX green_area_list_search ON green_area_list USING gin (search_grams)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE green_area_list`);
  }
}
