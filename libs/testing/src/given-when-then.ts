import { deepStrictEqual, fail, strictEqual } from 'node:assert/strict';
import { Decider, DomainEvent, fold } from '@houqin/event-sourcing';

/**
 * Test helper that reads as the domain speaks:
 *   given(decider, [reported]).when(assign).then([assigned])
 *   given(decider, [verified]).when(assign).thenThrows('work-order-wrong-status')
 */
export function given<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, history: readonly E[]) {
  return {
    when(command: C) {
      const run = () => decider.decide(command, fold(decider, history));
      return {
        then(expected: E[]) {
          deepStrictEqual(run(), expected);
        },
        thenThrows(code: string) {
          try {
            run();
          } catch (e) {
            strictEqual((e as { code?: string }).code, code, `expected error ${code}, got ${String(e)}`);
            return;
          }
          fail(`expected error ${code}, but the command was accepted`);
        },
      };
    },
  };
}
