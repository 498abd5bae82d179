import { Decider, DomainEvent, fold } from '@houqin/event-sourcing';

/**
 * Test helper that reads as the domain speaks:
 *   given(decider, [reported]).when(assign).then([assigned])
 *   given(decider, [verified]).when(assign).thenThrows('work-order-closed')
 */
export function given<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, history: readonly E[]) {
  return {
    when(command: C) {
      const run = () => decider.decide(command, fold(decider, history));
      return {
        then(expected: E[]) {
          expect(run()).toEqual(expected);
        },
        thenThrows(code: string) {
          let caught: unknown;
          try {
            run();
          } catch (e) {
            caught = e;
          }
          expect(caught).toBeDefined();
          expect((caught as { code?: string }).code).toBe(code);
        },
      };
    },
  };
}
