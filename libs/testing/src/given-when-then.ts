import { Decider, DomainEvent, fold } from '@houqin/event-sourcing';

/** What a command decided on a history: the events, or the refusal. */
export interface Decision<E> {
  events?: E[];
  error?: Error & { code?: string };
}

/**
 * Test helper that reads as the domain speaks, the assertion staying in the test:
 *   expect(given(decider, [reported]).when(assign).events).toStrictEqual([assigned])
 *   expect(given(decider, [verified]).when(assign).error).toMatchObject({ code: 'work-order-wrong-status' })
 */
export function given<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, history: readonly E[]) {
  return {
    when(command: C): Decision<E> {
      try {
        return { events: decider.decide(command, fold(decider, history)) };
      } catch (error) {
        return { error: error as Decision<E>['error'] };
      }
    },
  };
}
