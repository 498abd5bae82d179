import { ChecklistItem, InspectionItemResult, InspectionKind, InspectionTarget, WorkOrderCategory, WorkOrderPriority } from '@houqin/contracts';
import { ReportWorkOrder } from '../work-order';
import { KIND_ZH } from './labels';

/** Who repairs what an inspection of a kind finds (报修类别). */
const CATEGORY_OF: Record<InspectionKind, WorkOrderCategory> = {
  'fire-extinguisher': 'other',
  'fire-hydrant': 'plumbing',
  'fire-alarm': 'electrical',
  electrical: 'electrical',
  elevator: 'other',
  playground: 'building',
  'sports-equipment': 'other',
  laboratory: 'other',
  library: 'furniture',
};
/** Fire safety, lifts and electricity endanger people: their failures are high priority, the rest normal. */
const HIGH: ReadonlySet<InspectionKind> = new Set(['fire-extinguisher', 'fire-hydrant', 'fire-alarm', 'electrical', 'elevator']);

export interface InspectedPlan {
  schoolId: string;
  name: string;
  kind: InspectionKind;
  target: InspectionTarget;
  checklist: ChecklistItem[];
}
export interface FailedInspection {
  inspectionId: string;
  results: InspectionItemResult[];
}

/** One work order to open: its key (inspection + item, from which the application derives the work order id) and report. */
export interface FailedItemWorkOrder {
  key: string;
  itemId: string;
  report: Omit<ReportWorkOrder['data'], 'workOrderId' | 'assetLastCompletion'>;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The process manager's decision, pure: one work order per failed item. Items of one inspection are
 * usually different faults for different repairers (a flat extinguisher, a blocked hydrant cabinet), and
 * each needs its own completion and check; one order per inspection would close when its first fault is fixed.
 */
export function workOrdersForFailedItems(plan: InspectedPlan, inspection: FailedInspection): FailedItemWorkOrder[] {
  const texts = new Map(plan.checklist.map((i) => [i.itemId, i.textZh]));
  return inspection.results
    .filter((r) => r.result === 'fail')
    .map((r) => ({
      key: `${inspection.inspectionId}:${r.itemId}`,
      itemId: r.itemId,
      report: {
        schoolId: plan.schoolId,
        title: clip(`${KIND_ZH[plan.kind]}检查不合格：${texts.get(r.itemId) ?? r.itemId}`, 100),
        location: clip(plan.target.location ?? plan.name, 100),
        category: CATEGORY_OF[plan.kind],
        priority: (HIGH.has(plan.kind) ? 'high' : 'normal') as WorkOrderPriority,
        description: clip(`${r.note ?? ''}（检查计划：${plan.name}）`, 1000),
        ...(plan.target.assetId ? { assetId: plan.target.assetId } : {}),
        ...(plan.target.assetCategory ? { assetCategory: plan.target.assetCategory } : {}),
        source: { kind: 'inspection' as const, refId: inspection.inspectionId },
      },
    }));
}
