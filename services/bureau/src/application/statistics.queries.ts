import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SchoolType } from '@houqin/contracts';
import { pgPoolOf } from '@houqin/event-store';
import { readGroups, readStatus } from '@houqin/projection-store';
import {
  districtFigures,
  emptyFigures,
  figureNamed,
  figureRows,
  meanTimeToCompleteMs,
  RegisteredSchoolFacts,
  SchoolFigures,
  schoolFiguresOf,
  schoolRegister,
  schoolTypeLabel,
  schoolYearsOf,
  workOrderFigures,
} from '@houqin/statistics';
import { BUREAU_FIGURE_TABLES, workOrderFigureTables } from './figure-tables';
import { schoolRegisterTables } from './school-register-tables';

export interface ProjectionStatus {
  eventsApplied: number;
  duplicatesAbsorbed: number;
  lastEventAt: string | null;
}

/** Which schools an answer covers: one (a school role's own), a school type, and the repairs reported in [from, to). */
export interface SchoolFilter {
  schoolId?: string;
  schoolType?: SchoolType;
  /** Instants: reported at or after `from`, before `to`. */
  from?: string;
  to?: string;
}

/** A school as answers name it beside its figures (null for a school identity has not announced, seen only in its work orders). */
export const schoolName = (school: RegisteredSchoolFacts | undefined) => ({
  name: school?.name ?? null,
  type: school?.type ?? null,
  typeZh: schoolTypeLabel(school?.type),
  registered: school !== undefined,
});

/** A registered school as `GET /statistics/schools` shows it. */
export const schoolView = ({ years, ...school }: RegisteredSchoolFacts) => ({ ...school, typeZh: schoolTypeLabel(school.type), years: schoolYearsOf(years) });

/**
 * Reads of the bureau's figures: sums kept per school, so cost does not grow with history; a date
 * range adds up the work orders reported in it (one row each, indexed by report time). Every school
 * of the register is listed, with zeros when it has no repairs.
 */
@Injectable()
export class StatisticsQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The school register (identity's events), by code. */
  async register(filter: Pick<SchoolFilter, 'schoolId' | 'schoolType'> = {}): Promise<RegisteredSchoolFacts[]> {
    const t = schoolRegisterTables.documents;
    const { rows } = await pgPoolOf(this.dataSource).query<Record<string, unknown>>(
      `SELECT * FROM schools WHERE ($1::text IS NULL OR school_id = $1) AND ($2::text IS NULL OR type = $2) ORDER BY school_id`,
      [filter.schoolId ?? null, filter.schoolType ?? null],
    );
    return rows.map((r) => t.fromRow(r));
  }

  /** Each school's work-order figures with its name and type: every registered school (zeros without repairs), and any other school with repairs. */
  async schools(filter: SchoolFilter | string = {}) {
    const f: SchoolFilter = typeof filter === 'string' ? { schoolId: filter } : filter;
    const [register, figures] = await Promise.all([this.register(f), this.figuresBySchool(f)]);
    const registered = new Map(register.map((s) => [s.schoolId, s]));
    const sums = new Map(figures.map((s) => [s.schoolId, s]));
    // A school type filter lists registered schools only: the type of any other is unknown.
    const ids = new Set([...registered.keys(), ...(f.schoolType ? [] : sums.keys())]);
    return [...ids].sort().map((id) => {
      const figures = sums.get(id) ?? emptyFigures(id);
      return { ...figures, ...schoolName(registered.get(id)), meanTimeToCompleteMs: meanTimeToCompleteMs(figures) };
    });
  }

  async district(filter: Omit<SchoolFilter, 'schoolId'> = {}) {
    const [schools, status, register] = await Promise.all([this.schools(filter), this.status(workOrderFigures.name), this.status(schoolRegister.name)]);
    return {
      ...districtFigures(schools),
      registeredSchools: schools.filter((s) => s.registered).length,
      projection: status,
      schoolRegister: register,
    };
  }

  /** The kept sums, or for a date range the sums over the work orders reported in it (the same contributions). */
  private async figuresBySchool({ schoolId, from, to }: SchoolFilter): Promise<SchoolFigures[]> {
    const pool = pgPoolOf(this.dataSource);
    if (from === undefined && to === undefined) return schoolFiguresOf(await readGroups(pool, workOrderFigureTables, schoolId));
    const { rows } = await pool.query<Record<string, string>>(
      `SELECT school_id,
              count(*) AS reported,
              count(*) FILTER (WHERE status = 'open') AS open,
              count(*) FILTER (WHERE status = 'completed') AS completed,
              count(*) FILTER (WHERE status = 'verified') AS verified,
              count(first_completed_at) AS completion_count,
              coalesce(sum(greatest(0, round(extract(epoch FROM first_completed_at - reported_at) * 1000))), 0) AS completion_ms_total
         FROM work_orders
        WHERE ($1::text IS NULL OR school_id = $1) AND ($2::timestamptz IS NULL OR reported_at >= $2) AND ($3::timestamptz IS NULL OR reported_at < $3)
        GROUP BY school_id ORDER BY school_id`,
      [schoolId ?? null, from ?? null, to ?? null],
    );
    return rows.map((r) => ({
      schoolId: r['school_id'],
      reported: Number(r['reported']),
      open: Number(r['open']),
      completed: Number(r['completed']),
      verified: Number(r['verified']),
      completionCount: Number(r['completion_count']),
      completionMsTotal: Number(r['completion_ms_total']),
    }));
  }

  /**
   * Repairs reported and first completed per Beijing month (YYYY-MM) and school, from the work-order figure's rows (one per
   * repair, rebuilt with the figure by the audit's replay): the district's months are their sums. Filters as the others:
   * the repairs reported in [from, to), of one school or school type; a completion counts in the month it happened.
   */
  async byMonth(filter: SchoolFilter = {}) {
    const { rows } = await pgPoolOf(this.dataSource).query<{ school_id: string; month: string; reported: string; completed: string }>(
      `WITH chosen AS (
         SELECT w.school_id, w.reported_at, w.first_completed_at FROM work_orders w
          WHERE ($1::text IS NULL OR w.school_id = $1) AND ($2::timestamptz IS NULL OR w.reported_at >= $2) AND ($3::timestamptz IS NULL OR w.reported_at < $3)
            AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM schools s WHERE s.school_id = w.school_id AND s.type = $4)))
       SELECT school_id, month, sum(reported)::int AS reported, sum(completed)::int AS completed FROM (
         SELECT school_id, to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, 1 AS reported, 0 AS completed FROM chosen
         UNION ALL
         SELECT school_id, to_char(first_completed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), 0, 1 FROM chosen WHERE first_completed_at IS NOT NULL) m
        GROUP BY school_id, month ORDER BY month, school_id`,
      [filter.schoolId ?? null, filter.from ?? null, filter.to ?? null, filter.schoolType ?? null],
    );
    const schools = rows.map((r) => ({ schoolId: r.school_id, month: r.month, reported: Number(r.reported), completed: Number(r.completed) }));
    const months = new Map<string, { month: string; reported: number; completed: number }>();
    for (const s of schools) {
      const m = months.get(s.month) ?? { month: s.month, reported: 0, completed: 0 };
      m.reported += s.reported;
      m.completed += s.completed;
      months.set(s.month, m);
    }
    return { months: [...months.values()], schools, projection: await this.status(workOrderFigures.name) };
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
