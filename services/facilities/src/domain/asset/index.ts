import { ASSET_STREAM_TYPE, AssetEvent } from '@houqin/contracts';
import { StreamDecider } from '@houqin/event-sourcing';
import { houqinRules } from '@houqin/rules';
import { AssetCommand, AssetRules, decideWith } from './decide';
import { AssetState, evolve, initialState } from './state';

export * from './decide';
export * from './state';
export * from './labels';

/** 校产 (a ledger asset) judged by a rule pack. */
export const assetDeciderWith = (rules: AssetRules): StreamDecider<AssetCommand, AssetEvent, AssetState> => ({
  streamType: ASSET_STREAM_TYPE,
  initialState,
  decide: decideWith(rules),
  evolve,
});

/** By the platform's rule pack. */
export const assetDecider = assetDeciderWith(houqinRules);
