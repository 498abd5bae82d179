import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The QR report links' list (read model `report-link-list`), the contacts reporters leave, school names, and the public
 * endpoints' rate-limit counters:
 * fixed windows counted in PostgreSQL, so the limit holds across every replica of the service.
 */
export class CreateReportLinks1764900040000 implements MigrationInterface {
  name = 'CreateReportLinks1764900040000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_link_list (
        link_id      text PRIMARY KEY,
        version      integer NOT NULL,
        school_id    text NOT NULL,
        asset_id     text NOT NULL,
        status       text NOT NULL,
        issued_at    timestamptz NOT NULL,
        expires_at   timestamptz,
        reports      integer NOT NULL,
        last_used_at timestamptz,
        doc          jsonb NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX report_link_list_school_asset ON report_link_list (school_id, asset_id, issued_at DESC)`);
    await q.query(`
      CREATE TABLE public_rate_limits (
        bucket       text NOT NULL,
        window_start timestamptz NOT NULL,
        hits         integer NOT NULL,
        PRIMARY KEY (bucket, window_start)
      )`);
    await q.query(`CREATE INDEX public_rate_limits_window ON public_rate_limits (window_start)`);
    // Who reported through a link, when they said: personal data kept out of the append-only events.
    await q.query(`
      CREATE TABLE public_report_contacts (
        work_order_id  text PRIMARY KEY,
        link_id        text NOT NULL,
        school_id      text NOT NULL,
        reporter_name  text,
        reporter_phone text,
        reported_at    timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX public_report_contacts_link ON public_report_contacts (link_id, reported_at DESC)`);
    // The schools' names for the public page, learnt from identity's register.
    await q.query(`CREATE TABLE school_names (school_id text PRIMARY KEY, name text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE school_names`);
    await q.query(`DROP TABLE public_report_contacts`);
    await q.query(`DROP TABLE public_rate_limits`);
    await q.query(`DROP TABLE report_link_list`);
  }
}
