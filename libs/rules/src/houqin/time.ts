import { atMost, Duration } from '../quantity';
import { RuleDefinition } from '../rule';

/** How far ahead of the server's clock an occurredAt may be (devices' clocks drift). */
export type ClockSkew = { readonly future: Duration };

/** Kinds of fact whose late entry (补录) is judged; a new service adds its kinds here. */
export const FACT_KINDS = ['facilities.repair', 'facilities.energy'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** How long after it occurred a fact may be recorded before it counts as late (补录). */
export type LateEntry = { readonly [K in FactKind]: Duration };

const platformDefault = '2020-09-01';

export const clockSkew: RuleDefinition<ClockSkew> = {
  title: 'Clock skew allowed for business time',
  titleZh: '业务时间允许的时钟误差',
  versions: [
    {
      version: 'v1',
      effectiveFrom: platformDefault,
      value: { future: atMost(5, 'minutes') },
      source: {
        instrument: 'Houqin platform setting (technical tolerance, not a regulation)',
        edition: 'v1',
        confidence: 'district',
        note: 'Devices and servers drift by seconds to minutes; 5 min tolerates that and still refuses real future dates.',
      },
    },
  ],
};

export const lateEntry: RuleDefinition<LateEntry> = {
  title: 'Late entry (补录): how late a fact may be recorded',
  titleZh: '补录时限：事实发生后须在多长时间内录入',
  versions: [
    {
      version: 'v1',
      effectiveFrom: platformDefault,
      value: { 'facilities.repair': atMost(24, 'hours'), 'facilities.energy': atMost(72, 'hours') },
      source: {
        instrument: 'District education bureau logistics service standard (区教育局后勤服务规范, Houqin default)',
        edition: 'v1',
        confidence: 'district',
        note:
          'No national number. A repair fact (报修, 派单, 完工, 验收) entered more than 24 h after it happened is accepted and marked 补录. ' +
          'A district publishes its own limit as a region override (it may only shorten it). ' +
          'Energy: a meter reading (抄表) entered more than 72 h after it was read is marked 补录 (readings are taken on a round and typed in later; a weekend fits).',
      },
    },
  ],
};
