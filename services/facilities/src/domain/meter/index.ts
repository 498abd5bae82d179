import { METER_STREAM_TYPE, MeterEvent } from '@houqin/contracts';
import { StreamDecider } from '@houqin/event-sourcing';
import { houqinRules } from '@houqin/rules';
import { decideWith, MeterCommand, MeterRules } from './decide';
import { evolve, initialState, MeterState } from './state';

export * from './decide';
export * from './state';
export * from './jump';

/** 水电气表 judged by a rule pack: the decider, and the stream type its events live in. */
export const meterDeciderWith = (rules: MeterRules): StreamDecider<MeterCommand, MeterEvent, MeterState> => ({
  streamType: METER_STREAM_TYPE,
  initialState,
  decide: decideWith(rules),
  evolve,
});

/** By the platform's rule pack. */
export const meterDecider = meterDeciderWith(houqinRules);
