import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inspections (定期检查): the plan list (read model `inspection-plan-list`) with its inspections as jsonb,
 * the view `inspection_list` that unnests them into one row per inspection (the history list pages it by
 * keyset), the scheduler's `inspection_due`, and the process manager's `inspection_failures` with the
 * links of the work orders it opened.
 */
export class CreateInspections1765000000700 implements MigrationInterface {
  name = 'CreateInspections1765000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inspection_plan_list (
        plan_id            text PRIMARY KEY,
        version            integer NOT NULL,
        school_id          text NOT NULL,
        name               text NOT NULL,
        kind               text NOT NULL,
        status             text NOT NULL,
        responsible_person text NOT NULL,
        location           text,
        asset_id           text,
        interval_days      integer NOT NULL,
        created_at         timestamptz NOT NULL,
        next_due_at        timestamptz,
        overdue_raised     boolean NOT NULL,
        last_inspected_at  timestamptz,
        inspections        jsonb NOT NULL,
        search_text        text NOT NULL,
        search_grams       text[] NOT NULL,
        plan               jsonb NOT NULL,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    // Keyset sorts: by next due (retired plans last: coalesced to infinity) and by creation.
    await q.query(`ALTER TABLE inspection_plan_list ADD COLUMN due_sort timestamptz GENERATED ALWAYS AS (coalesce(next_due_at, 'infinity'::timestamptz)) STORED`);
    await q.query(`CREATE INDEX inspection_plan_list_school_due ON inspection_plan_list (school_id, due_sort, plan_id)`);
    await q.query(`CREATE INDEX inspection_plan_list_school_created ON inspection_plan_list (school_id, created_at, plan_id)`);
    await q.query(`CREATE INDEX inspection_plan_list_search ON inspection_plan_list USING gin (search_grams)`);
    await q.query(`
      CREATE VIEW inspection_list AS
        SELECT i."inspectionId" AS inspection_id, p.plan_id, p.school_id, p.name AS plan_name, p.kind, p.location,
               i."dueAt" AS due_at, i."inspectedAt" AS inspected_at, i."inspectedBy" AS inspected_by, i."failedItems" AS failed_items,
               i."onTime" AS on_time, i."closedOverdue" AS closed_overdue, i.late,
               CASE WHEN i."failedItems" > 0 THEN 'fail' ELSE 'pass' END AS result, i.results, i.note
          FROM inspection_plan_list p
          CROSS JOIN LATERAL jsonb_to_recordset(p.inspections) AS i(
            "inspectionId" text, "dueAt" timestamptz, "inspectedAt" timestamptz, "inspectedBy" text, "failedItems" integer,
            "onTime" boolean, "closedOverdue" boolean, late boolean, results jsonb, note text)`);
    await q.query(`
      CREATE TABLE inspection_due (
        plan_id      text PRIMARY KEY,
        school_id    text NOT NULL,
        due_at       timestamptz NOT NULL,
        active       boolean NOT NULL,
        raised       boolean NOT NULL,
        watch_at     timestamptz,
        last_version integer NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inspection_due_watch ON inspection_due (watch_at) WHERE watch_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE inspection_failures (
        plan_id      text PRIMARY KEY,
        school_id    text NOT NULL,
        failed_items integer NOT NULL,
        doc          jsonb NOT NULL,
        last_version integer NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inspection_failures_with ON inspection_failures (plan_id) WHERE failed_items > 0`);
    await q.query(`
      CREATE TABLE inspection_work_orders (
        work_order_id text PRIMARY KEY,
        plan_id       text NOT NULL,
        inspection_id text NOT NULL,
        item_id       text NOT NULL,
        opened_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inspection_work_orders_plan ON inspection_work_orders (plan_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW inspection_list`);
    await q.query(`DROP TABLE inspection_work_orders, inspection_failures, inspection_due, inspection_plan_list`);
  }
}
