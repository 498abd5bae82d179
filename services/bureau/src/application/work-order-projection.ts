import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventEnvelope, WORK_ORDER_STREAM_TYPE } from '@houqin/contracts';
import { inTransaction, pgPoolOf, SqlClient } from '@houqin/event-store';
import { applyWorkOrderEvent, emptyFigures, SchoolFigures, WorkOrderFacts } from '@houqin/statistics';

interface OrderRow {
  work_order_id: string;
  school_id: string;
  status: WorkOrderFacts['status'];
  reported_at: Date;
  first_completed_at: Date | null;
  last_version: number;
}

/**
 * Applies a batch of facilities events to the read model in ONE transaction, with the
 * per-stream version as checkpoint: a redelivered event is recognised and absorbed,
 * and a crash before commit simply redelivers the whole batch. Events of other stream
 * types than work orders are left out.
 */
@Injectable()
export class WorkOrderProjection {
  private readonly log = new Logger(WorkOrderProjection.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async apply(batch: EventEnvelope[]): Promise<{ applied: number; duplicates: number }> {
    const events = batch.filter((e) => e.streamType === WORK_ORDER_STREAM_TYPE);
    if (events.length === 0) return { applied: 0, duplicates: 0 };
    return inTransaction(pgPoolOf(this.dataSource), (client) => this.applyIn(client, events));
  }

  private async applyIn(client: SqlClient, events: EventEnvelope[]) {
    const orderIds = [...new Set(events.map((e) => String(e.payload['workOrderId'])))].sort();
    const schoolIds = [...new Set(events.map((e) => e.schoolId))].sort();
    // Schools first: every event of a work order carries its school, so two appliers of one
    // work order queue on its school's row, even for a new work order that has no row yet to
    // lock. The orders are read only then, by a later statement (READ COMMITTED: a fresh
    // snapshot), so the second applier sees what the first committed and absorbs it.
    const schools = await this.lockSchools(client, schoolIds);
    const orders = await this.lockOrders(client, orderIds);
    const changedOrders = new Set<string>();
    const changedSchools = new Set<string>();
    let applied = 0;
    let duplicates = 0;

    for (const event of events) {
      const id = String(event.payload['workOrderId']);
      const result = applyWorkOrderEvent(orders.get(id), schools.get(event.schoolId) ?? emptyFigures(event.schoolId), event);
      if (result.kind === 'duplicate') duplicates++;
      if (result.kind !== 'applied') continue;
      orders.set(id, result.order);
      schools.set(event.schoolId, result.figures);
      changedOrders.add(id);
      changedSchools.add(event.schoolId);
      applied++;
    }
    await this.saveOrders(client, [...changedOrders].map((id) => orders.get(id)!));
    await this.saveSchools(client, [...changedSchools].map((id) => schools.get(id)!));
    await client.query(
      `UPDATE projection_status SET events_applied = events_applied + $1, duplicates_absorbed = duplicates_absorbed + $2,
              last_event_at = CASE WHEN $1 > 0 THEN now() ELSE last_event_at END, updated_at = now()
        WHERE projection = 'work-orders'`,
      [applied, duplicates],
    );
    if (duplicates > 0) this.log.debug(`absorbed ${duplicates} redelivered event(s)`);
    return { applied, duplicates };
  }

  private async lockOrders(client: SqlClient, ids: string[]): Promise<Map<string, WorkOrderFacts>> {
    const { rows } = await client.query<OrderRow>(
      `SELECT * FROM work_orders WHERE work_order_id = ANY($1) ORDER BY work_order_id FOR UPDATE`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.work_order_id,
        {
          workOrderId: r.work_order_id,
          schoolId: r.school_id,
          status: r.status,
          reportedAt: r.reported_at.toISOString(),
          firstCompletedAt: r.first_completed_at?.toISOString(),
          lastVersion: r.last_version,
        },
      ]),
    );
  }

  /**
   * Rows are locked in key order so that concurrent batches cannot deadlock (the orders
   * after them belong to these schools only, so they cannot cross either).
   */
  private async lockSchools(client: SqlClient, ids: string[]): Promise<Map<string, SchoolFigures>> {
    await client.query(
      `INSERT INTO school_figures (school_id, reported, open, completed, verified, completion_count, completion_ms_total)
       SELECT id, 0, 0, 0, 0, 0, 0 FROM unnest($1::text[]) AS id ORDER BY id ON CONFLICT DO NOTHING`,
      [ids],
    );
    const { rows } = await client.query<Record<string, string | number>>(
      `SELECT * FROM school_figures WHERE school_id = ANY($1) ORDER BY school_id FOR UPDATE`,
      [ids],
    );
    return new Map(rows.map((r) => [String(r['school_id']), toFigures(r)]));
  }

  private async saveOrders(client: SqlClient, orders: WorkOrderFacts[]) {
    if (orders.length === 0) return;
    await client.query(
      `INSERT INTO work_orders (work_order_id, school_id, status, reported_at, first_completed_at, last_version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::int[])
       ON CONFLICT (work_order_id) DO UPDATE SET status = EXCLUDED.status, first_completed_at = EXCLUDED.first_completed_at,
         last_version = EXCLUDED.last_version, updated_at = now()`,
      [
        orders.map((o) => o.workOrderId),
        orders.map((o) => o.schoolId),
        orders.map((o) => o.status),
        orders.map((o) => o.reportedAt),
        orders.map((o) => o.firstCompletedAt ?? null),
        orders.map((o) => o.lastVersion),
      ],
    );
  }

  private async saveSchools(client: SqlClient, schools: SchoolFigures[]) {
    if (schools.length === 0) return;
    await client.query(
      `UPDATE school_figures f SET reported = n.reported, open = n.open, completed = n.completed, verified = n.verified,
              completion_count = n.completion_count, completion_ms_total = n.completion_ms_total, updated_at = now()
         FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::bigint[])
              AS n(school_id, reported, open, completed, verified, completion_count, completion_ms_total)
        WHERE f.school_id = n.school_id`,
      [
        schools.map((s) => s.schoolId),
        schools.map((s) => s.reported),
        schools.map((s) => s.open),
        schools.map((s) => s.completed),
        schools.map((s) => s.verified),
        schools.map((s) => s.completionCount),
        schools.map((s) => s.completionMsTotal),
      ],
    );
  }
}

export const toFigures = (r: Record<string, string | number>): SchoolFigures => ({
  schoolId: String(r['school_id']),
  reported: Number(r['reported']),
  open: Number(r['open']),
  completed: Number(r['completed']),
  verified: Number(r['verified']),
  completionCount: Number(r['completion_count']),
  completionMsTotal: Number(r['completion_ms_total']),
});
