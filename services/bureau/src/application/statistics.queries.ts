import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pgPoolOf } from '@houqin/event-store';
import { readGroups, readStatus } from '@houqin/projection-store';
import { districtFigures, figureNamed, figureRows, meanTimeToCompleteMs, schoolFiguresOf, workOrderFigures } from '@houqin/statistics';
import { BUREAU_FIGURE_TABLES, workOrderFigureTables } from './figure-tables';

export interface ProjectionStatus {
  eventsApplied: number;
  duplicatesAbsorbed: number;
  lastEventAt: string | null;
}

/** Reads of the bureau's figures: sums kept per school, so cost does not grow with history. */
@Injectable()
export class StatisticsQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async schools(schoolId?: string) {
    const groups = await readGroups(pgPoolOf(this.dataSource), workOrderFigureTables, schoolId);
    return schoolFiguresOf(groups).map((f) => ({ ...f, meanTimeToCompleteMs: meanTimeToCompleteMs(f) }));
  }

  async district() {
    const [schools, status] = await Promise.all([this.schools(), this.status(workOrderFigures.name)]);
    return { ...districtFigures(schools), projection: status };
  }

  async status(projection: string): Promise<ProjectionStatus> {
    const s = await readStatus(pgPoolOf(this.dataSource), projection);
    return { eventsApplied: s?.eventsApplied ?? 0, duplicatesAbsorbed: s?.duplicatesAbsorbed ?? 0, lastEventAt: s?.lastEventAt ?? null };
  }

  /** Any registered figure, generically: its groups' sums and how far it got (what the audit compares with). */
  async figure(name: string) {
    const figure = figureNamed(name);
    const tables = figure && BUREAU_FIGURE_TABLES.get(figure.projection.name);
    if (!figure || !tables) throw new NotFoundException({ message: `No figure ${name}`, messageZh: `没有统计项 ${name}` });
    const pool = pgPoolOf(this.dataSource);
    const [groups, status] = await Promise.all([readGroups(pool, tables), this.status(figure.projection.name)]);
    return {
      figure: figure.name,
      version: figure.projection.version,
      groupField: figure.groupField,
      fields: figure.projection.rollup.fields,
      eventsApplied: status.eventsApplied,
      groups: figureRows(figure, groups),
    };
  }
}
