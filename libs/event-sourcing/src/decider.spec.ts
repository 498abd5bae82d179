import { Decider, fold, ManualClock, unknownEvent, UnknownEventError } from './index';

type E = { type: 'Added'; data: { n: number } };
const sum: Decider<{ n: number }, E, number> = {
  initialState: () => 0,
  decide: (c) => [{ type: 'Added', data: { n: c.n } }],
  evolve: (s, e) => {
    switch (e.type) {
      case 'Added':
        return s + e.data.n;
      default:
        return unknownEvent(e as never);
    }
  },
};

describe('fold', () => {
  it('rebuilds state from the initial state by evolving each event in order', () => {
    expect(fold(sum, [])).toBe(0);
    expect(fold(sum, [...sum.decide({ n: 2 }, 0), ...sum.decide({ n: 3 }, 2)])).toBe(5);
  });

  it('fails loudly on an event type the decider does not know', () => {
    const stored = [{ type: 'Added', data: { n: 1 } }, { type: 'Removed', data: { n: 1 } }] as unknown as E[];
    expect(() => fold(sum, stored)).toThrow(UnknownEventError);
    expect(() => fold(sum, stored)).toThrow(/unknown type Removed/);
    // A decider written without a default case returns undefined: refused too, not passed on as state.
    const lax: Decider<unknown, E, number> = { ...sum, evolve: (s, e) => (e.type === 'Added' ? s + e.data.n : (undefined as unknown as number)) };
    expect(() => fold(lax, stored)).toThrow(/unknown type Removed/);
  });
});

describe('ManualClock', () => {
  it('moves only when told', () => {
    const clock = new ManualClock('2026-11-24T08:00:00.000Z');
    clock.advance({ hours: 4, minutes: 30 });
    expect(clock.now().toISOString()).toBe('2026-11-24T12:30:00.000Z');
    clock.set('2026-12-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});
