import { MemoryProjection } from './memory-projection';
import { defineProjection, ProjectedEvent } from './projection';
import { rollupDelta } from './rollup';

/** A document that adds to several groups (`spread`): the in-memory and the stored runners' deltas agree. */
type Doc = { owner: string; byMonth: Record<string, number> };
const definition = defineProjection<Doc, 'amount'>({
  name: 'spread-test',
  version: 1,
  streamType: 'Meter',
  streamKey: (e) => String(e.payload['id']),
  evolve: (doc, e) => {
    const month = String(e.payload['month']);
    const current = doc ?? { owner: e.schoolId, byMonth: {} };
    return { ...current, byMonth: { ...current.byMonth, [month]: (current.byMonth[month] ?? 0) + Number(e.payload['amount']) } };
  },
  rollup: {
    fields: ['amount'],
    groupBy: () => 'unused',
    contribution: () => ({ amount: 0 }),
    spread: (doc) => new Map(Object.entries(doc.byMonth).map(([month, amount]) => [`${doc.owner}|${month}`, { amount }])),
  },
});
const event = (id: string, v: number, month: string, amount: number): ProjectedEvent => ({ type: 'Read', streamType: 'Meter', streamVersion: v, schoolId: 'S1', payload: { id, month, amount } });

describe('rollup.spread', () => {
  it('moves each group by what the document adds to it, in memory and as stored deltas', () => {
    const fold = new MemoryProjection(definition);
    for (const e of [event('a', 1, '09', 5), event('a', 2, '10', 7), event('b', 1, '10', 1), event('a', 3, '09', 2), event('a', 3, '09', 2)]) fold.apply(e);
    expect(fold.groupSums()).toEqual([
      { key: 'S1|09', sums: { amount: 7 } },
      { key: 'S1|10', sums: { amount: 8 } },
    ]);
    expect(fold.duplicates).toBe(1);
    const before = { owner: 'S1', byMonth: { '09': 5, '10': 7 } };
    const after = { owner: 'S1', byMonth: { '09': 7, '10': 7 } };
    expect(rollupDelta(definition.rollup!, before, after)).toEqual(new Map([['S1|09', { amount: 2 }], ['S1|10', { amount: 0 }]]));
  });
});
