import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pgPoolOf } from '@houqin/event-store';
import { readGroups, readStatus } from '@houqin/projection-store';
import { districtSla, slaCompliance, WORK_ORDER_SLA_FIELDS, WorkOrderSlaField, workOrderSla } from '@houqin/statistics';
import { workOrderSlaTables } from './sla-figure-tables';

/** The SLA figure as the bureau shows it: compliance by priority, open overdue repairs, late entries. */
@Injectable()
export class SlaQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async district() {
    const pool = pgPoolOf(this.dataSource);
    const [groups, status] = await Promise.all([readGroups(pool, workOrderSlaTables), readStatus(pool, workOrderSla.name)]);
    return {
      ...districtSla(groups),
      schools: groups.map((g) => ({ schoolId: g.key, ...slaCompliance(g.sums) })),
      eventsApplied: status?.eventsApplied ?? 0,
    };
  }

  async school(schoolId: string) {
    const [group] = await readGroups(pgPoolOf(this.dataSource), workOrderSlaTables, schoolId);
    const sums = group?.sums ?? (Object.fromEntries(WORK_ORDER_SLA_FIELDS.map((f) => [f, 0])) as Record<WorkOrderSlaField, number>);
    return { schoolId, ...slaCompliance(sums) };
  }
}
