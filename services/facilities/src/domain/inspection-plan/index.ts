import { INSPECTION_PLAN_STREAM_TYPE, InspectionPlanEvent } from '@houqin/contracts';
import { StreamDecider } from '@houqin/event-sourcing';
import { houqinRules } from '@houqin/rules';
import { decideWith, InspectionPlanCommand, InspectionPlanRules } from './decide';
import { evolve, initialState, InspectionPlanState } from './state';

export * from './decide';
export * from './state';
export * from './labels';
export * from './checklists';
export * from './intervals';
export * from './failed-items';

/** 检查计划 judged by a rule pack: the decider and its stream type. */
export const inspectionPlanDeciderWith = (rules: InspectionPlanRules): StreamDecider<InspectionPlanCommand, InspectionPlanEvent, InspectionPlanState> => ({
  streamType: INSPECTION_PLAN_STREAM_TYPE,
  initialState,
  decide: decideWith(rules),
  evolve,
});

export const inspectionPlanDecider = inspectionPlanDeciderWith(houqinRules);
