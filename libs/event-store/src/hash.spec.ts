import { canonicalForm, GENESIS_HASH, hashEvent, HashedFields } from './hash';

const fields: HashedFields = {
  eventId: '7c2eda97-0023-4719-b524-734a5c4bf867',
  streamId: 'WorkOrder-1',
  streamType: 'WorkOrder',
  streamVersion: 1,
  schoolId: 'S001',
  type: 'WorkOrderReported',
  schemaVersion: 1,
  data: { b: 1, a: '灯' },
  metadata: { actor: { id: 'li.lei', role: 'school-staff' }, correlationId: 'c', occurredAt: '2026-11-24T08:00:00.000Z' },
  prevHash: GENESIS_HASH,
};

describe('event hashing', () => {
  it('does not depend on key order (JSONB reorders keys)', () => {
    expect(hashEvent({ ...fields, data: { a: '灯', b: 1 } })).toBe(hashEvent(fields));
    expect(canonicalForm(fields)).toContain('"data":{"a":"灯","b":1}');
  });

  it('changes with any sealed field, including the link to the previous event', () => {
    const base = hashEvent(fields);
    expect(hashEvent({ ...fields, data: { a: '灯', b: 2 } })).not.toBe(base);
    expect(hashEvent({ ...fields, streamVersion: 2 })).not.toBe(base);
    expect(hashEvent({ ...fields, schoolId: 'S002' })).not.toBe(base);
    expect(hashEvent({ ...fields, prevHash: 'f'.repeat(64) })).not.toBe(base);
    expect(hashEvent({ ...fields, metadata: { ...fields.metadata, actor: { id: 'x', role: 'school-staff' } } })).not.toBe(base);
  });

  it('is a sha-256 hex digest', () => {
    expect(hashEvent(fields)).toMatch(/^[0-9a-f]{64}$/);
  });
});
