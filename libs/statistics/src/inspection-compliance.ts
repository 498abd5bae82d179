/**
 * The bureau's inspection compliance (定期检查完成情况): per school and kind, the due inspections done on time,
 * done late (after their due date, closing an overdue), and missed (overdue and still not done, or never done
 * before the plan was retired), with the late entries (补录). A pure projection of facilities' inspection-plan
 * events: the bureau keeps it live and the audit replays it with this one definition. Every judgement comes
 * from the events (onTime on InspectionRecorded, InspectionOverdue raised by the scheduler), never a clock.
 */
import { INSPECTION_KINDS, INSPECTION_PLAN_STREAM_TYPE, InspectionKind } from '@houqin/contracts';
import { defineProjection, ProjectedEvent, ProjectionGapError, zeroSums } from '@houqin/projections';

export interface InspectionPlanFacts {
  planId: string;
  schoolId: string;
  kind: InspectionKind;
  onTime: number;
  late: number;
  /** 1 while an overdue due date has no inspection yet (it stays missed if the plan is retired so). */
  missed: number;
  lateEntries: number;
}

const MEASURES = ['OnTime', 'Late', 'Missed'] as const;
type Measure = (typeof MEASURES)[number];
/** `fire-extinguisher` → `fireExtinguisher`. */
const camel = (kind: InspectionKind) => kind.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
type KindField = `${string}${Measure}`;

export const INSPECTION_COMPLIANCE_FIELDS: readonly string[] = [...INSPECTION_KINDS.flatMap((k) => MEASURES.map((m) => `${camel(k)}${m}`)), 'lateEntries'];
export type InspectionComplianceField = KindField | 'lateEntries';

const fieldOf = (kind: InspectionKind, measure: Measure) => `${camel(kind)}${measure}` as KindField;

function contribution(p: InspectionPlanFacts): Record<InspectionComplianceField, number> {
  const sums = zeroSums<InspectionComplianceField>(INSPECTION_COMPLIANCE_FIELDS as InspectionComplianceField[]);
  sums[fieldOf(p.kind, 'OnTime')] = p.onTime;
  sums[fieldOf(p.kind, 'Late')] = p.late;
  sums[fieldOf(p.kind, 'Missed')] = p.missed;
  sums.lateEntries = p.lateEntries;
  return sums;
}

function evolve(plan: InspectionPlanFacts | null, event: ProjectedEvent): InspectionPlanFacts {
  const p = event.payload;
  if (!plan) {
    if (event.type !== 'InspectionPlanCreated') throw new ProjectionGapError(event, String(p['planId']), 1, 'InspectionPlanCreated');
    return { planId: String(p['planId']), schoolId: event.schoolId, kind: p['kind'] as InspectionKind, onTime: 0, late: 0, missed: 0, lateEntries: p['late'] === true ? 1 : 0 };
  }
  switch (event.type) {
    case 'InspectionRecorded': {
      const lateEntries = plan.lateEntries + (p['late'] === true ? 1 : 0);
      return p['onTime'] === true ? { ...plan, onTime: plan.onTime + 1, lateEntries } : { ...plan, late: plan.late + 1, missed: 0, lateEntries };
    }
    case 'InspectionOverdue':
      return { ...plan, missed: 1 };
    default:
      return plan;
  }
}

export const inspectionCompliance = defineProjection<InspectionPlanFacts, InspectionComplianceField>({
  name: 'inspection-compliance',
  version: 1,
  streamType: INSPECTION_PLAN_STREAM_TYPE,
  streamKey: (event) => String(event.payload['planId']),
  evolve,
  rollup: { fields: INSPECTION_COMPLIANCE_FIELDS as InspectionComplianceField[], groupBy: (p) => p.schoolId, contribution },
});

export interface KindCompliance {
  onTime: number;
  late: number;
  missed: number;
  /** Done on time of all due (on time + late + missed); null before any is due. */
  rate: number | null;
}

const rate = (onTime: number, due: number): number | null => (due === 0 ? null : Math.round((onTime / due) * 10_000) / 10_000);

/** Sums as answers show them: compliance per kind and over all kinds, and the late entries. */
export function inspectionComplianceOf(sums: Record<string, number>) {
  const byKind = Object.fromEntries(
    INSPECTION_KINDS.map((k): [InspectionKind, KindCompliance] => {
      const [onTime, late, missed] = MEASURES.map((m) => sums[fieldOf(k, m)] ?? 0);
      return [k, { onTime, late, missed, rate: rate(onTime, onTime + late + missed) }];
    }),
  ) as Record<InspectionKind, KindCompliance>;
  const all = Object.values(byKind).reduce((t, c) => ({ onTime: t.onTime + c.onTime, late: t.late + c.late, missed: t.missed + c.missed }), { onTime: 0, late: 0, missed: 0 });
  return { byKind, all: { ...all, rate: rate(all.onTime, all.onTime + all.late + all.missed) }, lateEntries: sums['lateEntries'] ?? 0 };
}

/** The district: every school's sums added. */
export function districtInspectionCompliance(groups: { key: string; sums: Record<string, number> }[]) {
  const total: Record<string, number> = Object.fromEntries(INSPECTION_COMPLIANCE_FIELDS.map((f) => [f, 0]));
  for (const g of groups) for (const f of INSPECTION_COMPLIANCE_FIELDS) total[f] += g.sums[f] ?? 0;
  return { schools: groups.length, ...inspectionComplianceOf(total) };
}
