import { ChecklistItem, InspectionKind, InspectionPlanEvent, InspectionTarget, WorkOrderRuleRef } from '@houqin/contracts';
import { unknownEvent } from '@houqin/event-sourcing';

/** 检查计划 lifecycle: active (inspections due one interval after the last) → retired. */
export type InspectionPlanStatus = InspectionPlanState['status'];

interface Active {
  status: 'active';
  planId: string;
  schoolId: string;
  name: string;
  kind: InspectionKind;
  target: InspectionTarget;
  intervalDays: number;
  intervalSetting: string;
  intervalRule: WorkOrderRuleRef;
  checklist: ChecklistItem[];
  responsiblePerson: string;
  createdAt: string;
  /** The due date the next inspection fulfils. */
  nextDueAt: string;
  /** An InspectionOverdue was raised for nextDueAt (cleared by the inspection that fulfils it). */
  overdue: boolean;
  lastInspectedAt?: string;
  inspections: number;
  /** The last revision of name, checklist or interval (修订). */
  revisedAt?: string;
}
type Retired = Omit<Active, 'status'> & { status: 'retired'; retiredAt: string; retireReason: string };

export type InspectionPlanState = { status: 'none' } | Active | Retired;
export type ExistingInspectionPlan = Exclude<InspectionPlanState, { status: 'none' }>;
export type ActiveInspectionPlan = Active;

export const initialState = (): InspectionPlanState => ({ status: 'none' });

export function evolve(state: InspectionPlanState, event: InspectionPlanEvent): InspectionPlanState {
  switch (event.type) {
    case 'InspectionPlanCreated': {
      const { firstDueAt, createdBy: _by, late: _late, lateByMs: _ms, ...plan } = event.data;
      return { ...plan, status: 'active', nextDueAt: firstDueAt, overdue: false, inspections: 0 };
    }
    case 'InspectionPlanReassigned':
      return { ...existing(state, event), responsiblePerson: event.data.responsiblePerson };
    case 'InspectionPlanRetired':
      return { ...active(state, event), status: 'retired', retiredAt: event.data.retiredAt, retireReason: event.data.reason };
    case 'InspectionRecorded': {
      const plan = active(state, event);
      return { ...plan, nextDueAt: event.data.nextDueAt, overdue: false, lastInspectedAt: event.data.inspectedAt, inspections: plan.inspections + 1 };
    }
    case 'InspectionOverdue':
      return { ...active(state, event), overdue: true };
    case 'InspectionPlanRevised': {
      const { name, checklist, intervalDays, intervalRule, nextDueAt, revisedAt } = event.data;
      const plan = active(state, event);
      return {
        ...plan,
        ...(name === undefined ? {} : { name }),
        ...(checklist === undefined ? {} : { checklist }),
        ...(intervalDays === undefined ? {} : { intervalDays }),
        ...(intervalRule === undefined ? {} : { intervalRule }),
        nextDueAt,
        revisedAt,
      };
    }
    default:
      return unknownEvent(event);
  }
}

// A stored history in an impossible order fails loudly instead of folding into nonsense.
function existing(state: InspectionPlanState, event: InspectionPlanEvent): ExistingInspectionPlan {
  if (state.status === 'none') throw outOfOrder(state, event);
  return state;
}
function active(state: InspectionPlanState, event: InspectionPlanEvent): Active {
  if (state.status !== 'active') throw outOfOrder(state, event);
  return state;
}
const outOfOrder = (state: InspectionPlanState, event: InspectionPlanEvent) => new Error(`${event.type} cannot follow a ${state.status} inspection plan`);
