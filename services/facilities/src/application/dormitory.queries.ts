import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DormitoryGender, maskStudentNumber } from '@houqin/contracts';
import { CommandExecutor, LoadedStream, pgPoolOf, SqlPool, streamIdOf, streamNotFound } from '@houqin/event-store';
import { keysetList, ListOrder } from '@houqin/projection-store';
import { Building, dormitoryDecider, GENDER_ZH, ITEM_ZH, occupiedBeds } from '../domain/dormitory';
import { buildingCounts } from './dormitory-list.projection';

export const DORMITORY_SORTS = ['name', 'occupied'] as const;
export type DormitorySort = (typeof DORMITORY_SORTS)[number];

const dormitoryListQuery = keysetList<DormitorySort>({
  table: 'dormitory_list',
  id: 'building_id',
  select: ['doc', 'version'],
  sorts: { name: [['name', 'text']], occupied: [['occupied', 'integer']] },
});

export interface DormitoryListQuery {
  /** Undefined: every school (bureau). */
  schoolId?: string;
  gender?: DormitoryGender;
  /** Only buildings with a free bed. */
  hasFreeBeds?: boolean;
  q?: string;
  sort: DormitorySort;
  order: ListOrder;
  limit: number;
  cursor?: string;
}

/** Share of beds taken, 4 decimals (null without beds). */
export const occupancyShare = (occupied: number, beds: number): number | null => (beds === 0 ? null : Math.round((occupied / beds) * 10_000) / 10_000);

/** A building as a list shows it: counts only, no student. */
export function buildingSummary(b: Building, version: number) {
  const counts = buildingCounts(b);
  return { buildingId: b.buildingId, schoolId: b.schoolId, name: b.name, gender: b.gender, genderZh: GENDER_ZH[b.gender], ...counts, occupancy: occupancyShare(counts.occupied, counts.beds), version };
}

/**
 * A building with its rooms and beds. The school sees who sleeps where (name, student number masked to its
 * last 4); anyone else (the bureau) sees only whether a bed is taken.
 */
export function buildingDetail(b: Building, version: number, ownSchool: boolean) {
  const rooms = Object.values(b.rooms)
    .sort((x, y) => x.floor - y.floor || x.roomNumber.localeCompare(y.roomNumber, 'zh-CN', { numeric: true }))
    .map((room) => ({
      roomNumber: room.roomNumber,
      floor: room.floor,
      capacity: room.capacity,
      occupied: occupiedBeds(room),
      beds: Array.from({ length: room.capacity }, (_, i) => {
        const occupant = room.beds[i + 1];
        if (!occupant) return { bed: i + 1, occupied: false };
        return ownSchool
          ? { bed: i + 1, occupied: true, studentName: occupant.studentName, studentNumber: maskStudentNumber(occupant.studentNumber), since: occupant.since }
          : { bed: i + 1, occupied: true };
      }),
      lastCheck: room.lastCheck && {
        ...room.lastCheck,
        results: room.lastCheck.results.map((r) => ({ ...r, itemZh: ITEM_ZH[r.item] })),
      },
    }));
  return { ...buildingSummary(b, version), rooms };
}

/** Reads of 宿舍: the list from the read model, one building from its stream. */
@Injectable()
export class DormitoryQueries {
  private readonly pool: SqlPool;

  constructor(
    private readonly executor: CommandExecutor,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  /** The building from its stream, or not-found (another school's building too: existence is not leaked). */
  async get(buildingId: string, canRead: (schoolId: string) => boolean): Promise<LoadedStream<Building>> {
    const loaded = await this.executor.load(dormitoryDecider, streamIdOf(dormitoryDecider, buildingId));
    if (loaded.state.status === 'none' || !canRead(loaded.state.schoolId)) throw streamNotFound(buildingId);
    return loaded as LoadedStream<Building>;
  }

  async list(query: DormitoryListQuery) {
    const page = await dormitoryListQuery.page<{ doc: Building; version: number }>(this.pool, {
      equal: { school_id: query.schoolId, gender: query.gender },
      where: [() => (query.hasFreeBeds === undefined ? undefined : query.hasFreeBeds ? 'occupied < beds' : 'occupied >= beds')],
      q: query.q,
      sort: query.sort,
      order: query.order,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.rows.map((r) => buildingSummary(r.doc, r.version)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  /** Where a student of the school sleeps (the read model's lookup), or undefined. */
  async bedOf(schoolId: string, studentNumber: string) {
    const { rows } = await this.pool.query<{ doc: Building }>(`SELECT doc FROM dormitory_list WHERE school_id = $1 AND student_numbers @> ARRAY[$2::text]`, [schoolId, studentNumber]);
    const b = rows[0]?.doc;
    const at = b?.students[studentNumber];
    if (!b || !at) return undefined;
    const occupant = b.rooms[at.roomNumber].beds[at.bed];
    return { buildingId: b.buildingId, buildingName: b.name, ...at, studentName: occupant.studentName, studentNumber: maskStudentNumber(studentNumber), since: occupant.since };
  }
}
