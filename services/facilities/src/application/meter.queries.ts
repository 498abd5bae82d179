import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MeterKind, milliToDecimal } from '@houqin/contracts';
import { CommandExecutor, LoadedStream, pgPoolOf, SqlPool, streamIdOf, streamNotFound } from '@houqin/event-store';
import { keysetList, ListOrder, ListPage } from '@houqin/projection-store';
import { ActiveMeter, meterDecider, MeterState } from '../domain/meter';

export interface MeterScope {
  /** Undefined: every school (bureau-official, system-admin). */
  schoolId?: string;
  kind?: MeterKind;
  building?: string;
}

/** Months as `YYYY-MM` (Beijing month of the reading), both ends included. */
export interface MonthRange {
  from?: string;
  to?: string;
}

export interface ReadingRow {
  meter_id: string;
  school_id: string;
  building: string;
  kind: MeterKind;
  reading_id: string;
  period_start: Date;
  read_at: Date;
  reading_milli: string;
  consumption_milli: string;
  daily_milli: string;
  baseline_daily_milli: string | null;
  flagged: boolean;
  resolution: 'confirmed' | 'corrected' | null;
  month: string;
}

const meters = keysetList({
  table: 'meter_list',
  id: 'meter_id',
  select: ['doc', 'version'],
  sorts: { building: [['building', 'text'], ['kind', 'text']], installedAt: [['installed_at', 'timestamptz']] },
});

const readings = keysetList({
  table: 'meter_readings',
  id: 'reading_id',
  select: ['*'],
  sorts: { readAt: [['read_at', 'timestamptz']] },
});

const monthWhere = (range: MonthRange) => [
  (p: (v: unknown) => string) => (range.from ? `month >= ${p(range.from)}` : undefined),
  (p: (v: unknown) => string) => (range.to ? `month <= ${p(range.to)}` : undefined),
];

/** Reads of 水电气表: lists from the `meter-list` read model (and its readings view), one meter from its stream. */
@Injectable()
export class MeterQueries {
  private readonly pool: SqlPool;

  constructor(
    private readonly executor: CommandExecutor,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  /** The current state from its stream, or not-found (also another school's meter: existence is not leaked). */
  async get(meterId: string, canRead: (schoolId: string) => boolean): Promise<LoadedStream<ActiveMeter>> {
    const loaded = await this.executor.load(meterDecider, streamIdOf(meterDecider, meterId));
    if (loaded.state.status === 'none' || !canRead(loaded.state.schoolId)) throw streamNotFound(meterId);
    return loaded as LoadedStream<MeterState> as LoadedStream<ActiveMeter>;
  }

  listMeters(query: MeterScope & { q?: string; sort: 'building' | 'installedAt'; order: ListOrder; limit: number; cursor?: string }): Promise<ListPage<{ doc: ActiveMeter; version: number }>> {
    return meters.page(this.pool, { equal: { school_id: query.schoolId, kind: query.kind, building: query.building }, q: query.q, sort: query.sort, order: query.order, limit: query.limit, cursor: query.cursor });
  }

  listReadings(query: MeterScope & MonthRange & { meterId?: string; flagged?: boolean; order: ListOrder; limit: number; cursor?: string }): Promise<ListPage<ReadingRow>> {
    return readings.page(this.pool, {
      equal: { school_id: query.schoolId, kind: query.kind, building: query.building, meter_id: query.meterId, flagged: query.flagged },
      where: monthWhere(query),
      sort: 'readAt',
      order: query.order,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  /**
   * Consumption per month, kind and building, and per month and kind for the whole school: each
   * reading's period counts in the month it was read. Sums are exact (bigint), answered as decimal text.
   */
  async consumption(scope: MeterScope & MonthRange) {
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const equal: [string, unknown][] = [['school_id', scope.schoolId], ['kind', scope.kind], ['building', scope.building]];
    const where = [...equal.filter(([, v]) => v !== undefined).map(([c, v]) => `${c} = ${p(v)}`), ...monthWhere(scope).flatMap((w) => w(p) ?? [])];
    const { rows } = await this.pool.query<{ month: string; kind: MeterKind; building: string; school_id: string; consumption: string; readings: number; flagged: number }>(
      `SELECT month, kind, building, school_id, sum(consumption_milli)::text AS consumption, count(*)::int AS readings, count(*) FILTER (WHERE flagged AND resolution IS NULL)::int AS flagged
         FROM meter_readings ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        GROUP BY month, kind, building, school_id ORDER BY month, kind, building, school_id`,
      params,
    );
    const totals = new Map<string, { month: string; kind: MeterKind; schoolId: string; milli: bigint }>();
    for (const r of rows) {
      const key = `${r.school_id}|${r.month}|${r.kind}`;
      const t = totals.get(key) ?? { month: r.month, kind: r.kind, schoolId: r.school_id, milli: 0n };
      t.milli += BigInt(r.consumption);
      totals.set(key, t);
    }
    return {
      byBuilding: rows.map((r) => ({ month: r.month, kind: r.kind, building: r.building, schoolId: r.school_id, consumption: milliToDecimal(Number(r.consumption)), readings: r.readings, openFlags: r.flagged })),
      school: [...totals.values()].map((t) => ({ month: t.month, kind: t.kind, schoolId: t.schoolId, consumption: milliToDecimal(Number(t.milli)) })),
    };
  }
}
