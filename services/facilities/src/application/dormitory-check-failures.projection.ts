import { DORMITORY_STREAM_TYPE, RoomCheckItem, RoomCheckResult, WorkOrderCategory } from '@houqin/contracts';
import { defineProjection, ProjectionGapError } from '@houqin/projections';
import { storedProjection } from '@houqin/projection-store';

/** What a failed item needs: a repair of this category (hygiene is the cleaners' job, not a work order). */
export const REPAIR_OF: Partial<Record<RoomCheckItem, { category: WorkOrderCategory; priority: 'normal' | 'high' }>> = {
  lights: { category: 'electrical', priority: 'normal' },
  'doors-locks': { category: 'carpentry', priority: 'high' },
  windows: { category: 'carpentry', priority: 'normal' },
  beds: { category: 'furniture', priority: 'normal' },
  'fire-safety': { category: 'other', priority: 'high' },
};

/** The failed items of a check that need a repair, in the check's order. */
export const itemsNeedingRepair = (results: RoomCheckResult[]): RoomCheckResult[] => results.filter((r) => !r.passed && REPAIR_OF[r.item]);

/** A room check with items needing a repair, as the process manager needs it to report their work orders. */
export interface FailedRoomCheck {
  checkId: string;
  roomNumber: string;
  checkedBy: string;
  checkedAt: string;
  /** Only the failed items needing a repair. */
  failed: RoomCheckResult[];
}

/** Per building: its name (the work orders' location) and every check that found something to repair. */
export interface DormitoryCheckFailures {
  buildingId: string;
  schoolId: string;
  name: string;
  checks: FailedRoomCheck[];
  /** Work orders these checks call for (one per failed item needing a repair). */
  repairs: number;
}

/**
 * The dormitory-check process manager's checkpointed input: a failed check's repairs are remembered here as soon as
 * its DormitoryRoomChecked commits, so a crash (or a lost answer) before their work orders opened loses nothing:
 * the next tick finds them still without a link in dormitory_check_work_orders.
 */
export const dormitoryCheckFailures = defineProjection<DormitoryCheckFailures>({
  name: 'dormitory-check-failures',
  version: 1,
  streamType: DORMITORY_STREAM_TYPE,
  canHandle: ['DormitoryBuildingRegistered', 'DormitoryRoomChecked'],
  streamKey: (event) => String(event.payload['buildingId']),
  evolve: (doc, event) => {
    const p = event.payload;
    if (!doc) {
      if (event.type !== 'DormitoryBuildingRegistered') throw new ProjectionGapError(event, String(p['buildingId']), 1, 'DormitoryBuildingRegistered');
      return { buildingId: String(p['buildingId']), schoolId: event.schoolId, name: String(p['name']), checks: [], repairs: 0 };
    }
    if (event.type !== 'DormitoryRoomChecked') return doc;
    const failed = itemsNeedingRepair(p['results'] as RoomCheckResult[]);
    if (failed.length === 0) return doc;
    const check = { checkId: String(p['checkId']), roomNumber: String(p['roomNumber']), checkedBy: String(p['checkedBy']), checkedAt: String(p['checkedAt']), failed };
    return { ...doc, checks: [...doc.checks, check], repairs: doc.repairs + failed.length };
  },
});

export const dormitoryCheckFailureTables = storedProjection({
  definition: dormitoryCheckFailures,
  documents: {
    table: 'dormitory_check_failures',
    keyColumn: 'building_id',
    versionColumn: 'last_version',
    columns: { school_id: 'text', repairs: 'integer', doc: 'jsonb' },
    toRow: (d: DormitoryCheckFailures) => ({ school_id: d.schoolId, repairs: d.repairs, doc: d }),
    fromRow: (r) => r['doc'] as DormitoryCheckFailures,
    touchedAt: 'updated_at',
  },
});
