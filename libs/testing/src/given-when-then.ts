import { deepStrictEqual } from 'node:assert/strict';
import { Decider, DomainEvent, fold } from '@houqin/event-sourcing';

/** What a command decided on a history: the events, or the refusal. */
export interface Decision<E> {
  events?: E[];
  error?: Error & { code?: string; kind?: string };
}

/** A decision that asserts itself: `.then(events)` or `.thenThrows(code)`, one sentence per rule. */
export interface DecisionSpec<E> extends Decision<E> {
  /** The command decided exactly these events (`[]`: nothing changes). */
  then(expected: E[]): void;
  /** The command was refused with this code (and this kind: 'invalid', 'conflict', 'not-found', 'forbidden'). */
  thenThrows(code: string, kind?: string): void;
}

/**
 * Reads as the domain speaks:
 *   given(decider, [reported]).when(assign).then([assigned])
 *   given(decider, [verified]).when(assign).thenThrows('work-order-wrong-status')
 * `.events` / `.error` stay available for assertions of another form. Asserts with node:assert, so
 * it also builds without the test runner's types.
 */
export function given<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, history: readonly E[]) {
  return {
    when(command: C): DecisionSpec<E> {
      let decision: Decision<E>;
      try {
        decision = { events: decider.decide(command, fold(decider, history)) };
      } catch (error) {
        decision = { error: error as Decision<E>['error'] };
      }
      return {
        ...decision,
        then(expected) {
          if (decision.error) throw new Error(`Expected events, but the command was refused: ${refusal(decision.error)}`);
          deepStrictEqual(decision.events, expected);
        },
        thenThrows(code, kind) {
          if (!decision.error) throw new Error(`Expected refusal ${code}, but the command decided ${JSON.stringify(decision.events)}`);
          deepStrictEqual({ code: decision.error.code, ...(kind ? { kind: decision.error.kind } : {}) }, { code, ...(kind ? { kind } : {}) });
        },
      };
    },
  };
}

const refusal = (error: NonNullable<Decision<unknown>['error']>) => `${error.code ?? error.name}: ${error.message}`;
