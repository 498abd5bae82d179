import { Decider, DomainError } from '@houqin/event-sourcing';
import { z } from 'zod';
import { ContractRegistry, defineContract, EventMetadata } from '@houqin/contracts';

/** A minimal aggregate for store tests: a named tally that can be opened and bumped. */
export type TallyEvent = { type: 'TallyOpened'; data: { schoolId: string; name: string } } | { type: 'TallyBumped'; data: { schoolId: string; by: number } };
export type TallyCommand = { type: 'Open'; schoolId: string; name: string } | { type: 'Bump'; by: number };
export interface TallyState {
  schoolId?: string;
  total: number;
  open: boolean;
}

export const tally: Decider<TallyCommand, TallyEvent, TallyState> = {
  initialState: () => ({ total: 0, open: false }),
  decide(command, state) {
    if (command.type === 'Open') {
      if (state.open) throw new DomainError('exists', 'Tally exists', '已存在', 'conflict');
      return [{ type: 'TallyOpened', data: { schoolId: command.schoolId, name: command.name } }];
    }
    if (!state.open) throw new DomainError('not-found', 'No tally', '不存在', 'not-found');
    if (command.by <= 0) throw new DomainError('bad-bump', 'Bump must be positive', '必须为正数', 'invalid');
    return [{ type: 'TallyBumped', data: { schoolId: state.schoolId!, by: command.by } }];
  },
  evolve(state, event) {
    return event.type === 'TallyOpened'
      ? { ...state, open: true, schoolId: event.data.schoolId }
      : { ...state, total: state.total + event.data.by };
  },
};

export const metadata = (actor = 'tester'): EventMetadata => ({
  actor: { id: actor, role: 'school-staff' },
  correlationId: 'test-correlation',
  occurredAt: new Date().toISOString(),
});

/** The tally's contracts, as a service's would be: every event is checked against them before it is sealed. */
export const tallyContracts = new ContractRegistry([
  defineContract('TallyOpened', 1, z.object({ schoolId: z.string().min(1).max(64), name: z.string().min(1).max(100) })),
  defineContract('TallyBumped', 1, z.object({ schoolId: z.string().min(1).max(64), by: z.number().int().positive() })),
]);
