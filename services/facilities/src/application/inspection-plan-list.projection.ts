import { INSPECTION_PLAN_STREAM_TYPE, InspectionItemResult, InspectionPlanEvent } from '@houqin/contracts';
import { defineProjection } from '@houqin/projections';
import { searchColumns, storedProjection } from '@houqin/projection-store';
import { evolve, ExistingInspectionPlan, initialState } from '../domain/inspection-plan';

/** One inspection as the history list shows it (the view `inspection_list` unnests these). */
export interface ListedInspection {
  inspectionId: string;
  planId: string;
  dueAt: string;
  inspectedBy: string;
  inspectedAt: string;
  results: InspectionItemResult[];
  failedItems: number;
  onTime: boolean;
  closedOverdue: boolean;
  late: boolean;
  note?: string;
}

/** 检查计划列表: the plan as the domain folds it, and its inspections (newest last). */
export interface ListedInspectionPlan {
  plan: ExistingInspectionPlan;
  inspections: ListedInspection[];
}

export const inspectionPlanListDefinition = defineProjection<ListedInspectionPlan>({
  name: 'inspection-plan-list',
  // Still 1 with InspectionPlanRevised: the documents keep their shape (the plan's optional revisedAt aside), and
  // no history before the event existed holds one, so every stored document is what the new evolve would build.
  version: 1,
  streamType: INSPECTION_PLAN_STREAM_TYPE,
  streamKey: (event) => String(event.payload['planId']),
  evolve: (doc, event) => {
    const e = { type: event.type, data: event.payload } as InspectionPlanEvent;
    const plan = evolve(doc?.plan ?? initialState(), e);
    if (plan.status === 'none') return null;
    const inspections = doc?.inspections ?? [];
    if (e.type !== 'InspectionRecorded') return { plan, inspections };
    const { schoolId: _s, nextDueAt: _n, lateByMs: _l, ...inspection } = e.data;
    return { plan, inspections: [...inspections, inspection] };
  },
});

export const inspectionPlanList = storedProjection<ListedInspectionPlan>({
  definition: inspectionPlanListDefinition,
  documents: {
    table: 'inspection_plan_list',
    keyColumn: 'plan_id',
    versionColumn: 'version',
    columns: {
      school_id: 'text',
      name: 'text',
      kind: 'text',
      status: 'text',
      responsible_person: 'text',
      location: 'text',
      asset_id: 'text',
      interval_days: 'integer',
      created_at: 'timestamptz',
      next_due_at: 'timestamptz',
      overdue_raised: 'boolean',
      last_inspected_at: 'timestamptz',
      inspections: 'jsonb',
      search_text: 'text',
      search_grams: 'text[]',
      plan: 'jsonb',
    },
    toRow: ({ plan, inspections }) => {
      const search = searchColumns([plan.name, plan.target.location, plan.target.assetCategory, plan.responsiblePerson]);
      return {
        school_id: plan.schoolId,
        name: plan.name,
        kind: plan.kind,
        status: plan.status,
        responsible_person: plan.responsiblePerson,
        location: plan.target.location ?? null,
        asset_id: plan.target.assetId ?? null,
        interval_days: plan.intervalDays,
        created_at: plan.createdAt,
        // A retired plan has nothing due: it drops out of the due and overdue lists.
        next_due_at: plan.status === 'active' ? plan.nextDueAt : null,
        overdue_raised: plan.overdue,
        last_inspected_at: plan.lastInspectedAt ?? null,
        inspections,
        search_text: search.text,
        search_grams: search.grams,
        plan,
      };
    },
    fromRow: (row) => ({ plan: row['plan'] as ExistingInspectionPlan, inspections: row['inspections'] as ListedInspection[] }),
    touchedAt: 'updated_at',
  },
});
