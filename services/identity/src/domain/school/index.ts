import { SCHOOL_STREAM_TYPE, SchoolEvent } from '@houqin/contracts';
import { StreamDecider } from '@houqin/event-sourcing';
import { decide, SchoolCommand } from './decide';
import { evolve, initialState, SchoolState } from './state';

export * from './decide';
export * from './state';

/** 学校: the register of one school of the district; its stream id is `School-<code>`. */
export const schoolDecider: StreamDecider<SchoolCommand, SchoolEvent, SchoolState> = { streamType: SCHOOL_STREAM_TYPE, initialState, decide, evolve };
