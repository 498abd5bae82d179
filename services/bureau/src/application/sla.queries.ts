import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pgPoolOf } from '@houqin/event-store';
import { Group } from '@houqin/projections';
import { readGroups, readStatus } from '@houqin/projection-store';
import { districtSla, slaCompliance, WORK_ORDER_SLA_FIELDS, WorkOrderSlaField, workOrderSla } from '@houqin/statistics';
import { SchoolFilter, schoolName, StatisticsQueries } from './statistics.queries';
import { workOrderSlaTables } from './sla-figure-tables';

const zeros = () => Object.fromEntries(WORK_ORDER_SLA_FIELDS.map((f) => [f, 0])) as Record<WorkOrderSlaField, number>;

/** The SLA figure as the bureau shows it: compliance by priority, open overdue repairs, late entries; every registered school named. */
@Injectable()
export class SlaQueries {
  private readonly statistics: StatisticsQueries;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.statistics = new StatisticsQueries(dataSource);
  }

  /** The district over the schools listed: every registered school (of `schoolType`), and any other with repairs when no type is asked for. */
  async district(filter: Omit<SchoolFilter, 'schoolId'> = {}) {
    const pool = pgPoolOf(this.dataSource);
    const [kept, status, register] = await Promise.all([this.sums(filter), readStatus(pool, workOrderSla.name), this.statistics.register(filter)]);
    const registered = new Map(register.map((s) => [s.schoolId, s]));
    const sums = new Map(kept.map((g) => [g.key, g.sums]));
    const ids = [...new Set([...registered.keys(), ...(filter.schoolType ? [] : sums.keys())])].sort();
    const groups: Group<WorkOrderSlaField>[] = ids.map((key) => ({ key, sums: sums.get(key) ?? zeros() }));
    return {
      ...districtSla(groups),
      schools: groups.map((g) => ({ schoolId: g.key, ...schoolName(registered.get(g.key)), ...slaCompliance(g.sums) })),
      eventsApplied: status?.eventsApplied ?? 0,
    };
  }

  async school(schoolId: string, range: Pick<SchoolFilter, 'from' | 'to'> = {}) {
    const [[group], [school]] = await Promise.all([this.sums({ schoolId, ...range }), this.statistics.register({ schoolId })]);
    return { schoolId, ...schoolName(school), ...slaCompliance(group?.sums ?? zeros()) };
  }

  /**
   * The sums kept per school, or for a date range the contributions of the repairs reported in it
   * (their work_orders row has the report time), added up here by the figure's own rollup.
   */
  private async sums({ schoolId, from, to }: SchoolFilter): Promise<Group<WorkOrderSlaField>[]> {
    const pool = pgPoolOf(this.dataSource);
    if (from === undefined && to === undefined) return readGroups(pool, workOrderSlaTables, schoolId);
    const { rows } = await pool.query<Record<string, unknown>>(
      `SELECT s.* FROM work_order_sla s JOIN work_orders w USING (work_order_id)
        WHERE ($1::text IS NULL OR s.school_id = $1) AND ($2::timestamptz IS NULL OR w.reported_at >= $2) AND ($3::timestamptz IS NULL OR w.reported_at < $3)`,
      [schoolId ?? null, from ?? null, to ?? null],
    );
    const rollup = workOrderSla.rollup!;
    const bySchool = new Map<string, Record<WorkOrderSlaField, number>>();
    for (const row of rows) {
      const order = workOrderSlaTables.documents.fromRow(row);
      const sums = bySchool.get(order.schoolId) ?? zeros();
      const contribution = rollup.contribution(order);
      for (const f of WORK_ORDER_SLA_FIELDS) sums[f] += contribution[f];
      bySchool.set(order.schoolId, sums);
    }
    return [...bySchool].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, sums]) => ({ key, sums }));
  }
}
