import { BeijingDate } from './instant';
import { Quantity } from './quantity';

/**
 * How sure we are of a number (see docs: rules-and-sources notes).
 * Q: the official text was read. P: a secondary source paraphrases it; check before it becomes a hard error.
 * NF: not found (a rule with a number may not cite NF). district: no national number; the district bureau's own standard.
 */
export type Confidence = 'Q' | 'P' | 'NF' | 'district';

export interface RuleSource {
  /** The instrument, in its own words: `学校食品安全与营养健康管理规定（教育部令第45号）`. */
  readonly instrument: string;
  readonly article?: string;
  /** Which version of the instrument: its number, edition or effective date. */
  readonly edition: string;
  readonly confidence: Confidence;
  readonly url?: string;
  /** Where it was read, caveats, derivations. A source needs a url or a note. */
  readonly note?: string;
}

/** A rule's value: a tree whose leaves are quantities, e.g. `{ urgent: { respondWithin: atMost(1, 'hours') } }`. */
export type RuleValue = Quantity | { readonly [key: string]: RuleValue };

export interface RuleVersion<V extends RuleValue = RuleValue> {
  /** Stable name of this version, recorded with each judgement (`v1`, `2019-04-01`). */
  readonly version: string;
  /** First Beijing day in force (from 00:00 Asia/Shanghai). */
  readonly effectiveFrom: BeijingDate;
  /** First Beijing day no longer in force (exclusive). Without it, a version lasts until the next one. */
  readonly effectiveUntil?: BeijingDate;
  readonly value: V;
  readonly source: RuleSource;
}

export interface RuleDefinition<V extends RuleValue = RuleValue> {
  readonly title: string;
  readonly titleZh: string;
  readonly versions: readonly RuleVersion<V>[];
}

/** Rule id → value type, e.g. `{ 'facilities.repair.sla': RepairSla }`. */
export type RuleCatalog = { readonly [ruleId: string]: RuleValue };

/** A district's own versions of some rules. They may only tighten the national (base) numbers. */
export interface RegionDefinition<C extends RuleCatalog> {
  readonly name: string;
  readonly nameZh: string;
  readonly rules: { readonly [K in keyof C]?: readonly RuleVersion<C[K]>[] };
}

/**
 * The whole pack: rules keyed by id (so an id cannot be defined twice), plus district overrides keyed
 * by region code (the 6-digit 行政区划代码, e.g. `310110` for 杨浦区).
 */
export interface RulePackDefinition<C extends RuleCatalog> {
  readonly rules: { readonly [K in keyof C]: RuleDefinition<C[K]> };
  readonly regions?: { readonly [region: string]: RegionDefinition<C> };
}

/** Which rule version judged a fact: record it in the event so a replay never needs to look it up again. */
export interface RuleRef {
  readonly ruleId: string;
  readonly version: string;
  /** Set when a district override was in force; absent for the national (base) version. */
  readonly region?: string;
}

export interface RuleInForce<V extends RuleValue = RuleValue> extends RuleRef {
  readonly effectiveFrom: BeijingDate;
  readonly effectiveUntil?: BeijingDate;
  readonly value: V;
  readonly source: RuleSource;
}

export const refOf = ({ ruleId, version, region }: RuleRef): RuleRef => (region ? { ruleId, version, region } : { ruleId, version });
