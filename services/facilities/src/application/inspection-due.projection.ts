import { INSPECTION_PLAN_STREAM_TYPE } from '@houqin/contracts';
import { defineProjection, ProjectionGapError } from '@houqin/projections';
import { storedProjection } from '@houqin/projection-store';

/** What the inspection scheduler needs of a plan: the due date to watch, or none (retired, or already raised). */
export interface InspectionDue {
  planId: string;
  schoolId: string;
  dueAt: string;
  active: boolean;
  raised: boolean;
}

/** The scheduler's own small read model (as work-order-deadlines is the SLA scheduler's): one row per plan. */
export const inspectionDue = defineProjection<InspectionDue>({
  name: 'inspection-due',
  version: 1,
  streamType: INSPECTION_PLAN_STREAM_TYPE,
  streamKey: (event) => String(event.payload['planId']),
  evolve: (doc, event) => {
    const p = event.payload;
    if (!doc) {
      if (event.type !== 'InspectionPlanCreated') throw new ProjectionGapError(event, String(p['planId']), 1, 'InspectionPlanCreated');
      return { planId: String(p['planId']), schoolId: event.schoolId, dueAt: String(p['firstDueAt']), active: true, raised: false };
    }
    switch (event.type) {
      case 'InspectionRecorded':
        return { ...doc, dueAt: String(p['nextDueAt']), raised: false };
      case 'InspectionOverdue':
        return { ...doc, raised: true };
      // A revised interval moves the due date (a missed one stays: the plan leaves it as it is).
      case 'InspectionPlanRevised':
        return { ...doc, dueAt: String(p['nextDueAt']) };
      case 'InspectionPlanRetired':
        return { ...doc, active: false };
      default:
        return doc;
    }
  },
});

const iso = (value: unknown) => (value as Date).toISOString();

export const inspectionDueTables = storedProjection({
  definition: inspectionDue,
  documents: {
    table: 'inspection_due',
    keyColumn: 'plan_id',
    versionColumn: 'last_version',
    columns: { school_id: 'text', due_at: 'timestamptz', active: 'boolean', raised: 'boolean', watch_at: 'timestamptz' },
    toRow: (d: InspectionDue) => ({ school_id: d.schoolId, due_at: d.dueAt, active: d.active, raised: d.raised, watch_at: d.active && !d.raised ? d.dueAt : null }),
    fromRow: (r): InspectionDue => ({
      planId: String(r['plan_id']),
      schoolId: String(r['school_id']),
      dueAt: iso(r['due_at']),
      active: Boolean(r['active']),
      raised: Boolean(r['raised']),
    }),
    touchedAt: 'updated_at',
  },
});
