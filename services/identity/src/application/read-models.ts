import { ACCOUNT_STREAM_TYPE, AccountEvent, contracts, SCHOOL_STREAM_TYPE, SchoolEvent } from '@houqin/contracts';
import { StoredEvent } from '@houqin/event-store';
import { defineProjection, ProjectedEvent } from '@houqin/projections';
import { storedProjection } from '@houqin/projection-store';
import { accountDecider, ExistingAccount } from '../domain/account';
import { RegisteredSchool, schoolDecider } from '../domain/school';

/**
 * identity's lists, each folded by its domain's own `evolve` (a new event type needs no list code),
 * with typed columns for what the lists filter on and the whole state as `doc`.
 * Bump a `version` when its columns' meaning changes: the table is rebuilt from the first event.
 */
export const schoolList = storedProjection<RegisteredSchool>({
  definition: defineProjection<RegisteredSchool>({
    name: 'school-list',
    version: 1,
    streamType: SCHOOL_STREAM_TYPE,
    streamKey: (event) => String(event.payload['schoolId']),
    evolve: (doc, event) => {
      const next = schoolDecider.evolve(doc ?? schoolDecider.initialState(), { type: event.type, data: event.payload } as SchoolEvent);
      return next.status === 'none' ? null : next;
    },
  }),
  documents: {
    table: 'school_list',
    keyColumn: 'school_id',
    versionColumn: 'version',
    columns: { name: 'text', type: 'text', doc: 'jsonb' },
    toRow: (school) => ({ name: school.name, type: school.type, doc: school }),
    fromRow: (row) => row['doc'] as RegisteredSchool,
    touchedAt: 'updated_at',
  },
});

export const accountList = storedProjection<ExistingAccount>({
  definition: defineProjection<ExistingAccount>({
    name: 'account-list',
    version: 1,
    streamType: ACCOUNT_STREAM_TYPE,
    streamKey: (event) => String(event.payload['accountId']),
    evolve: (doc, event) => {
      const next = accountDecider.evolve(doc ?? accountDecider.initialState(), { type: event.type, data: event.payload } as AccountEvent);
      return next.status === 'none' ? null : next;
    },
  }),
  documents: {
    table: 'account_list',
    keyColumn: 'account_id',
    versionColumn: 'version',
    columns: { school_id: 'text', username: 'text', display_name: 'text', phone: 'text', role: 'text', status: 'text', doc: 'jsonb' },
    toRow: (a) => ({ school_id: a.schoolId, username: a.username, display_name: a.displayName, phone: a.phone, role: a.role, status: a.status, doc: a }),
    fromRow: (row) => row['doc'] as ExistingAccount,
    touchedAt: 'updated_at',
  },
});

/** The stored event as the lists read it: upcast to the current contract, as the command side folds it. */
export function projectedIdentityEvent(e: StoredEvent): ProjectedEvent {
  const { data, schemaVersion, recordedAt, eventId: _id, transactionId: _tx, prevHash: _prev, hash: _hash, ...rest } = e;
  const payload = schemaVersion === contracts.current(e.type).version ? data : contracts.upcast(e.type, schemaVersion, data);
  return { ...rest, payload, recordedAt: recordedAt.toISOString() };
}
