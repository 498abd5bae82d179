import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pgPoolOf } from '@houqin/event-store';
import { districtFigures, meanTimeToCompleteMs, SchoolFigures } from '@houqin/statistics';
import { toFigures } from './work-order-projection';

export interface ProjectionStatus {
  eventsApplied: number;
  duplicatesAbsorbed: number;
  lastEventAt: string | null;
}

/** Reads of the bureau's figures: counters kept per school, so cost does not grow with history. */
@Injectable()
export class StatisticsQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async schools(schoolId?: string): Promise<(SchoolFigures & { meanTimeToCompleteMs: number | null })[]> {
    const { rows } = await pgPoolOf(this.dataSource).query<Record<string, string | number>>(
      `SELECT * FROM school_figures ${schoolId ? 'WHERE school_id = $1' : ''} ORDER BY school_id`,
      schoolId ? [schoolId] : [],
    );
    return rows.map(toFigures).map((f) => ({ ...f, meanTimeToCompleteMs: meanTimeToCompleteMs(f) }));
  }

  async district() {
    const [schools, status] = await Promise.all([this.schools(), this.status()]);
    return { ...districtFigures(schools), projection: status };
  }

  async status(): Promise<ProjectionStatus> {
    const { rows } = await pgPoolOf(this.dataSource).query<{ events_applied: string; duplicates_absorbed: string; last_event_at: Date | null }>(
      `SELECT events_applied, duplicates_absorbed, last_event_at FROM projection_status WHERE projection = 'work-orders'`,
    );
    const r = rows[0];
    return {
      eventsApplied: Number(r?.events_applied ?? 0),
      duplicatesAbsorbed: Number(r?.duplicates_absorbed ?? 0),
      lastEventAt: r?.last_event_at?.toISOString() ?? null,
    };
  }
}
