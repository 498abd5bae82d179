import { DORMITORY_STREAM_TYPE, DormitoryEvent } from '@houqin/contracts';
import { StreamDecider } from '@houqin/event-sourcing';
import { houqinRules } from '@houqin/rules';
import { decideWith, DormitoryCommand, DormitoryRules } from './decide';
import { DormitoryState, evolve, initialState } from './state';

export * from './decide';
export * from './state';
export * from './labels';

/** 宿舍楼 judged by a rule pack. */
export const dormitoryDeciderWith = (rules: DormitoryRules): StreamDecider<DormitoryCommand, DormitoryEvent, DormitoryState> => ({
  streamType: DORMITORY_STREAM_TYPE,
  initialState,
  decide: decideWith(rules),
  evolve,
});

export const dormitoryDecider = dormitoryDeciderWith(houqinRules);
