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
  async district(filter: Pick<SchoolFilter, 'schoolType'> = {}) {
    const pool = pgPoolOf(this.dataSource);
    const [kept, status, register] = await Promise.all([readGroups(pool, workOrderSlaTables), readStatus(pool, workOrderSla.name), this.statistics.register(filter)]);
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

  async school(schoolId: string) {
    const [[group], [school]] = await Promise.all([readGroups(pgPoolOf(this.dataSource), workOrderSlaTables, schoolId), this.statistics.register({ schoolId })]);
    return { schoolId, ...schoolName(school), ...slaCompliance(group?.sums ?? zeros()) };
  }
}
