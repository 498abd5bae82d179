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

/** Every care record of every area, one row each (the records live in the area's list document). */
const careListQuery = keysetList<'caredAt'>({
  table: `(SELECT l.green_area_id, l.school_id, l.name AS area_name, c.care, c.care->>'kind' AS kind,
                  (c.care->>'caredAt')::timestamptz AS cared_at, c.care->>'careId' AS care_id
             FROM green_area_list l, jsonb_array_elements(l.doc->'care') AS c(care)) AS care_list`,
  id: 'care_id',
  select: ['green_area_id', 'school_id', 'area_name', 'care'],
  sorts: { caredAt: [['cared_at', 'timestamptz']] },
});

export interface CareListQuery {
  schoolId?: string;
  greenAreaId?: string;
  kind?: GreenCareKind;
  /** caredAt ≥ from and < to (instants). */
  from?: string;
  to?: string;
  limit: number;
  /** The previous page's nextCursor (newest first). */
  cursor?: string;
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

  /** Care records of the school's areas in a period, newest first, a page at a time (the Excel export reads every page). */
  async care(query: CareListQuery) {
    const page = await careListQuery.page<{ green_area_id: string; school_id: string; area_name: string; care: CareRecord }>(this.pool, {
      equal: { school_id: query.schoolId, green_area_id: query.greenAreaId, kind: query.kind },
      range: { cared_at: { type: 'timestamptz', from: query.from, to: query.to } },
      sort: 'caredAt',
      order: 'desc',
      limit: query.limit,
      cursor: query.cursor,
    });
    return {
      items: page.rows.map((r) => ({ greenAreaId: r.green_area_id, schoolId: r.school_id, areaName: r.area_name, ...careView(r.care) })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
