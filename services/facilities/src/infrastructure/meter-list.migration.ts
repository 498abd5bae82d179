import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The meter list (read model `meter-list`, application/meter-list.projection.ts) and `meter_readings`,
 * a view with one row per reading period unnested from each meter's document: the readings list and
 * the monthly consumption read it, so a reading needs no second projection. A period counts in the
 * Beijing month its reading was taken (抄表月), as utility bills count it.
 */
export class CreateMeterList1765000000500 implements MigrationInterface {
  name = 'CreateMeterList1765000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meter_list (
        meter_id     text PRIMARY KEY,
        version      integer NOT NULL,
        school_id    text NOT NULL,
        building     text NOT NULL,
        kind         text NOT NULL,
        installed_at timestamptz NOT NULL,
        last_read_at timestamptz NOT NULL,
        open_flags   integer NOT NULL,
        search_text  text NOT NULL,
        search_grams text[] NOT NULL,
        doc          jsonb NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX meter_list_school_building ON meter_list (school_id, building, meter_id)`);
    await q.query(`CREATE INDEX meter_list_school_installed ON meter_list (school_id, installed_at, meter_id)`);
    await q.query(`CREATE INDEX meter_list_search ON meter_list USING gin (search_grams)`);
    await q.query(`
      CREATE VIEW meter_readings AS
      SELECT m.meter_id, m.school_id, m.building, m.kind,
             p."readingId" AS reading_id, p."periodStart" AS period_start, p."readAt" AS read_at,
             p."readingMilli" AS reading_milli, p."consumptionMilli" AS consumption_milli,
             p."dailyMilli" AS daily_milli, p."baselineDailyMilli" AS baseline_daily_milli,
             p.flagged, p.resolution,
             to_char(p."readAt" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month
        FROM meter_list m
        CROSS JOIN LATERAL jsonb_to_recordset(m.doc -> 'periods') AS p(
          "readingId" text, "periodStart" timestamptz, "readAt" timestamptz, "readingMilli" bigint, "consumptionMilli" bigint,
          "dailyMilli" bigint, "baselineDailyMilli" bigint, flagged boolean, resolution text)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW meter_readings`);
    await q.query(`DROP TABLE meter_list`);
  }
}
