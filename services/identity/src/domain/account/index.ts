import { ACCOUNT_STREAM_TYPE, AccountEvent } from '@houqin/contracts';
import { StreamDecider } from '@houqin/event-sourcing';
import { AccountCommand, decide } from './decide';
import { AccountState, evolve, initialState } from './state';

export * from './decide';
export * from './state';

/** 账号: one person's account; its stream id is `Account-<accountId>` (the id is derived from the username). */
export const accountDecider: StreamDecider<AccountCommand, AccountEvent, AccountState> = { streamType: ACCOUNT_STREAM_TYPE, initialState, decide, evolve };
