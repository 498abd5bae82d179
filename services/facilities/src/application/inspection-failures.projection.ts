import { INSPECTION_PLAN_STREAM_TYPE, InspectionItemResult } from '@houqin/contracts';
import { defineProjection, ProjectionGapError } from '@houqin/projections';
import { storedProjection } from '@houqin/projection-store';
import { InspectedPlan } from '../domain/inspection-plan';

/** An inspection with failed items, as the process manager needs it to open their work orders. */
export interface FailedInspectionRecord {
  inspectionId: string;
  inspectedBy: string;
  inspectedAt: string;
  results: InspectionItemResult[];
}

/** Per plan: what a work order needs of the plan, and every inspection of it that found faults. */
export interface InspectionFailures {
  planId: string;
  plan: InspectedPlan;
  failed: FailedInspectionRecord[];
  failedItems: number;
}

/**
 * The process manager's checkpointed input (its own read model of the service's events): failed items
 * are remembered here as soon as their InspectionRecorded commits, so a crash before their work orders
 * opened loses nothing: the next tick finds them still without a link in inspection_work_orders.
 */
export const inspectionFailures = defineProjection<InspectionFailures>({
  name: 'inspection-failures',
  version: 1,
  streamType: INSPECTION_PLAN_STREAM_TYPE,
  canHandle: ['InspectionPlanCreated', 'InspectionRecorded', 'InspectionPlanRevised'],
  streamKey: (event) => String(event.payload['planId']),
  evolve: (doc, event) => {
    const p = event.payload;
    if (!doc) {
      if (event.type !== 'InspectionPlanCreated') throw new ProjectionGapError(event, String(p['planId']), 1, 'InspectionPlanCreated');
      const plan = { schoolId: event.schoolId, name: p['name'], kind: p['kind'], target: p['target'], checklist: p['checklist'] } as InspectedPlan;
      return { planId: String(p['planId']), plan, failed: [], failedItems: 0 };
    }
    if (event.type === 'InspectionPlanRevised') return { ...doc, plan: revisedPlan(doc.plan, p) };
    const failedItems = Number(p['failedItems'] ?? 0);
    if (event.type !== 'InspectionRecorded' || failedItems === 0) return doc;
    const record = { inspectionId: String(p['inspectionId']), inspectedBy: String(p['inspectedBy']), inspectedAt: String(p['inspectedAt']), results: p['results'] as InspectionItemResult[] };
    return { ...doc, failed: [...doc.failed, record], failedItems: doc.failedItems + failedItems };
  },
});

/**
 * A revision renames the plan and replaces its checklist for later inspections; items it drops keep their text
 * here, so a failed item of an earlier inspection whose work order is still to open is titled by what it was.
 */
function revisedPlan(plan: InspectedPlan, p: Record<string, unknown>): InspectedPlan {
  const revised = p['checklist'] as InspectedPlan['checklist'] | undefined;
  const kept = revised ? plan.checklist.filter((old) => !revised.some((i) => i.itemId === old.itemId)) : [];
  return { ...plan, ...(p['name'] === undefined ? {} : { name: String(p['name']) }), ...(revised ? { checklist: [...revised, ...kept] } : {}) };
}

export const inspectionFailureTables = storedProjection({
  definition: inspectionFailures,
  documents: {
    table: 'inspection_failures',
    keyColumn: 'plan_id',
    versionColumn: 'last_version',
    columns: { school_id: 'text', failed_items: 'integer', doc: 'jsonb' },
    toRow: (d: InspectionFailures) => ({ school_id: d.plan.schoolId, failed_items: d.failedItems, doc: d }),
    fromRow: (r) => r['doc'] as InspectionFailures,
    touchedAt: 'updated_at',
  },
});
