import { WORK_ORDER_STREAM_TYPE, WorkOrderEvent } from '@houqin/contracts';
import { StreamDecider } from '@houqin/event-sourcing';
import { houqinRules } from '@houqin/rules';
import { decideWith, WorkOrderCommand, WorkOrderRules } from './decide';
import { evolve, initialState, WorkOrderState } from './state';

export * from './decide';
export * from './state';
export * from './labels';

/** 报修工单 judged by a rule pack: the decider, and the stream type its events live in. */
export const workOrderDeciderWith = (rules: WorkOrderRules): StreamDecider<WorkOrderCommand, WorkOrderEvent, WorkOrderState> => ({
  streamType: WORK_ORDER_STREAM_TYPE,
  initialState,
  decide: decideWith(rules),
  evolve,
});

/** By the platform's rule pack. */
export const workOrderDecider = workOrderDeciderWith(houqinRules);
