import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GreenAreaKind, GreenCareKind } from '@houqin/contracts';
import { Clock } from '@houqin/event-sourcing';
import { CommandExecutor, LoadedStream, pgPoolOf, SqlPool, streamIdOf, streamNotFound } from '@houqin/event-store';
import { keysetList, ListOrder } from '@houqin/projection-store';
import { AREA_KIND_ZH, CARE_KIND_ZH, GreenArea, greenAreaDecider, treeCount } from '../domain/green-area';
import { CareRecord, ListedGreenArea, notableTrees } from './green-area-list.projection';

export const GREEN_AREA_SORTS = ['name', 'area'] as const;
export type GreenAreaSort = (typeof GREEN_AREA_SORTS)[number];

const greenAreaListQuery = keysetList<GreenAreaSort>({
  table: 'green_area_list',
  id: 'green_area_id',
  select: ['doc', 'version'],
  sorts: { name: [['name', 'text']], area: [['area_m2', 'numeric']] },
});

export interface GreenAreaListQuery {
  schoolId?: string;
  kind?: GreenAreaKind;
  status?: 'active' | 'removed';
  /** true: closed to students now (a pest control's safety interval has not passed). */
  closed?: boolean;
  q?: string;
  sort: GreenAreaSort;
  order: ListOrder;
  limit: number;
  cursor?: string;
}

export interface CareListQuery {
  schoolId?: string;
  greenAreaId?: string;
  kind?: GreenCareKind;
  /** caredAt ≥ from and < to (instants). */
  from?: string;
  to?: string;
  limit: number;
}

export const areaSummary = (a: GreenArea, version: number) => ({
  greenAreaId: a.greenAreaId,
  schoolId: a.schoolId,
  status: a.status,
  name: a.name,
  location: a.location,
  areaM2: a.areaM2,
  kind: a.kind,
  kindZh: AREA_KIND_ZH[a.kind],
  trees: treeCount(a),
  notableTrees: notableTrees(a),
  careCount: a.careCount,
  ...(a.lastCare ? { lastCare: { ...a.lastCare, kindZh: CARE_KIND_ZH[a.lastCare.kind] } } : {}),
  ...(a.closedUntil ? { closedUntil: a.closedUntil } : {}),
  version,
});

export const careView = (c: CareRecord) => ({ ...c, kindZh: CARE_KIND_ZH[c.kind] });

/** Reads of 绿化档案: lists from the read model, one area from its stream. */
@Injectable()
export class GreenAreaQueries {
  private readonly pool: SqlPool;

  constructor(
    private readonly executor: CommandExecutor,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  async get(greenAreaId: string, canRead: (schoolId: string) => boolean): Promise<LoadedStream<GreenArea>> {
    const loaded = await this.executor.load(greenAreaDecider, streamIdOf(greenAreaDecider, greenAreaId));
    if (loaded.state.status === 'none' || !canRead(loaded.state.schoolId)) throw streamNotFound(greenAreaId);
    return loaded as LoadedStream<GreenArea>;
  }

  async list(query: GreenAreaListQuery) {
    const now = this.clock.now().toISOString();
    const page = await greenAreaListQuery.page<{ doc: ListedGreenArea; version: number }>(this.pool, {
      equal: { school_id: query.schoolId, kind: query.kind, status: query.status },
      where: [(p) => (query.closed === undefined ? undefined : query.closed ? `closed_until > ${p(now)}::timestamptz` : `(closed_until IS NULL OR closed_until <= ${p(now)}::timestamptz)`)],
      q: query.q,
      sort: query.sort,
      order: query.order,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.rows.map((r) => areaSummary(r.doc, r.version)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  /** Care records of the school's areas in a period, newest first (the Excel export reads this). */
  async care(query: CareListQuery) {
    const { rows } = await this.pool.query<{ green_area_id: string; school_id: string; area_name: string; care: CareRecord }>(
      `SELECT l.green_area_id, l.school_id, l.name AS area_name, c.care
         FROM green_area_list l, jsonb_array_elements(l.doc->'care') AS c(care)
        WHERE ($1::text IS NULL OR l.school_id = $1) AND ($2::text IS NULL OR l.green_area_id = $2) AND ($3::text IS NULL OR c.care->>'kind' = $3)
          AND ($4::timestamptz IS NULL OR (c.care->>'caredAt')::timestamptz >= $4) AND ($5::timestamptz IS NULL OR (c.care->>'caredAt')::timestamptz < $5)
        ORDER BY (c.care->>'caredAt')::timestamptz DESC, c.care->>'careId'
        LIMIT $6`,
      [query.schoolId ?? null, query.greenAreaId ?? null, query.kind ?? null, query.from ?? null, query.to ?? null, query.limit],
    );
    return { items: rows.map((r) => ({ greenAreaId: r.green_area_id, schoolId: r.school_id, areaName: r.area_name, ...careView(r.care) })) };
  }
}
