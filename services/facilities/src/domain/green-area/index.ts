import { GREEN_AREA_STREAM_TYPE, GreenAreaEvent } from '@houqin/contracts';
import { StreamDecider } from '@houqin/event-sourcing';
import { houqinRules } from '@houqin/rules';
import { decideWith, GreenAreaCommand, GreenAreaRules } from './decide';
import { evolve, GreenAreaState, initialState } from './state';

export * from './decide';
export * from './state';
export * from './labels';

/** 绿地 judged by a rule pack. */
export const greenAreaDeciderWith = (rules: GreenAreaRules): StreamDecider<GreenAreaCommand, GreenAreaEvent, GreenAreaState> => ({
  streamType: GREEN_AREA_STREAM_TYPE,
  initialState,
  decide: decideWith(rules),
  evolve,
});

export const greenAreaDecider = greenAreaDeciderWith(houqinRules);
