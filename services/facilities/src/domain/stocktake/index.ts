import { STOCKTAKE_STREAM_TYPE, StocktakeEvent } from '@houqin/contracts';
import { StreamDecider } from '@houqin/event-sourcing';
import { decide, StocktakeCommand } from './decide';
import { evolve, initialState, StocktakeState } from './state';

export * from './decide';
export * from './state';

/** 盘点 */
export const stocktakeDecider: StreamDecider<StocktakeCommand, StocktakeEvent, StocktakeState> = {
  streamType: STOCKTAKE_STREAM_TYPE,
  initialState,
  decide,
  evolve,
};
