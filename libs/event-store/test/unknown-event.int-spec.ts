import { randomUUID } from 'node:crypto';
import { Decider, UnknownEventError } from '@houqin/event-sourcing';
import { createTestDatabase, TestDatabase } from '@houqin/testing';
import { CommandExecutor, EVENT_STORE_MIGRATIONS, pgPoolOf } from '../src';
import { metadata, tally, TallyCommand, tallyContracts, TallyEvent, TallyState } from './fixtures';

/**
 * A stream holds an event type its decider has no case for (a type added to the contracts
 * but forgotten in evolve): loading or commanding it must fail loudly, never fold to `undefined`.
 */
let db: TestDatabase;
let executor: CommandExecutor;

beforeAll(async () => {
  db = await createTestDatabase('es_unknown', EVENT_STORE_MIGRATIONS);
  executor = new CommandExecutor(pgPoolOf(db.dataSource), { contracts: tallyContracts });
});
afterAll(() => db.drop());

// The shape of the old work-order evolve: a switch without a default returns undefined for a type it forgot.
const forgetful: Decider<TallyCommand, TallyEvent, TallyState> = {
  ...tally,
  evolve: (state, event) => (event.type === 'TallyOpened' ? { ...state, open: true, schoolId: event.data.schoolId } : (undefined as unknown as TallyState)),
};

it('refuses to fold a stored event its decider does not know, naming type, stream and version', async () => {
  const streamId = `Tally-${randomUUID()}`;
  const run = (command: TallyCommand) => executor.execute({ decider: tally, streamId, streamType: 'Tally', schoolId: 'S001', command, metadata: metadata() });
  await run({ type: 'Open', schoolId: 'S001', name: 'n' });
  await run({ type: 'Bump', by: 2 });

  await expect(executor.load(tally, streamId)).resolves.toMatchObject({ version: 2, state: { total: 2 } });
  await expect(executor.load(forgetful, streamId)).rejects.toThrow(UnknownEventError);
  await expect(executor.load(forgetful, streamId)).rejects.toThrow(`TallyBumped (stream ${streamId} v2)`);
  await expect(
    executor.execute({ decider: forgetful, streamId, streamType: 'Tally', schoolId: 'S001', command: { type: 'Bump', by: 1 }, metadata: metadata() }),
  ).rejects.toThrow(UnknownEventError);
  await expect(executor.list(forgetful, { streamType: 'Tally', schoolId: 'S001', limit: 10 })).rejects.toThrow(UnknownEventError);
});
