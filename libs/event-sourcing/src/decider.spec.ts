import { Decider, fold } from './decider';

type E = { type: 'Added'; data: { n: number } };
const sum: Decider<{ n: number }, E, number> = {
  initialState: () => 0,
  decide: (c) => [{ type: 'Added', data: { n: c.n } }],
  evolve: (s, e) => s + e.data.n,
};

describe('fold', () => {
  it('rebuilds state from the initial state by evolving each event in order', () => {
    expect(fold(sum, [])).toBe(0);
    expect(fold(sum, [...sum.decide({ n: 2 }, 0), ...sum.decide({ n: 3 }, 2)])).toBe(5);
  });
});
