import { WORK_ORDER_STREAM_TYPE, WorkOrderEvent } from '@houqin/contracts';
import { StreamDecider } from '@houqin/event-sourcing';
import { decide, WorkOrderCommand } from './decide';
import { evolve, initialState, WorkOrderState } from './state';

export * from './decide';
export * from './state';
export * from './labels';

/** 报修工单: the decider, and the stream type its events live in. */
export const workOrderDecider: StreamDecider<WorkOrderCommand, WorkOrderEvent, WorkOrderState> = {
  streamType: WORK_ORDER_STREAM_TYPE,
  initialState,
  decide,
  evolve,
};
