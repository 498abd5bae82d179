import { ContractRegistry, contracts, ContractViolation, EVENT_CONTRACTS, UPCASTERS, Upcaster } from './registry';
import { isStorableText, unstorableTextPaths } from './storable-text';

const reportedV1 = {
  workOrderId: 'wo-1',
  schoolId: 'S001',
  title: '灯管不亮',
  location: '302',
  category: 'electrical',
  priority: 'normal',
  reportedBy: 'li.lei',
  reportedAt: '2026-11-24T08:00:00.000Z',
};
/** The current (v2) payload: v1 lifted with the deadlines of the SLA v1 (normal: 24 h, 7 days) and on time. */
const reported = {
  ...reportedV1,
  responseDueAt: '2026-11-25T08:00:00.000Z',
  completionDueAt: '2026-12-01T08:00:00.000Z',
  slaRule: { ruleId: 'facilities.repair.sla', version: 'v1' },
  late: false,
  lateByMs: 0,
};

const envelope = (payload: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  eventId: '7c2eda97-0023-4719-b524-734a5c4bf867',
  type: 'WorkOrderReported',
  schemaVersion: 1,
  source: 'facilities',
  streamId: 'WorkOrder-wo-1',
  streamType: 'WorkOrder',
  streamVersion: 1,
  globalPosition: '1',
  schoolId: 'S001',
  payload,
  metadata: { actor: { id: 'li.lei', role: 'school-staff' }, correlationId: 'c-1', occurredAt: '2026-11-24T08:00:00.000Z' },
  hash: 'a'.repeat(64),
  prevHash: '0'.repeat(64),
  ...overrides,
});

describe('event contracts', () => {
  it('accepts a valid envelope and payload', () => {
    expect(contracts.parseEnvelope(envelope(reported, { schemaVersion: 2 })).payload).toEqual(reported);
  });

  it('lifts a stored v1 report to v2: deadlines of the SLA in force at reportedAt, on time', () => {
    expect(contracts.parseEnvelope(envelope(reportedV1))).toMatchObject({ schemaVersion: 2, payload: reported });
  });

  it('rejects a payload that breaks its schema, naming the field', () => {
    expect(() => contracts.parseEnvelope(envelope({ ...reportedV1, category: 'magic' }))).toThrow(/category/);
    expect(() => contracts.parseEnvelope(envelope({ ...reportedV1, unexpected: 1 }))).toThrow(ContractViolation);
  });

  it('rejects unknown types, newer versions and a schoolId that differs from the envelope', () => {
    expect(() => contracts.parseEnvelope(envelope(reportedV1, { type: 'SomethingElse' }))).toThrow(/Unknown event type/);
    expect(() => contracts.parseEnvelope(envelope(reportedV1, { schemaVersion: 9 }))).toThrow(/newer/);
    expect(() => contracts.parseEnvelope(envelope(reportedV1, { schoolId: 'S002' }))).toThrow(/schoolId/);
  });

  it('every event contract carries schoolId', () => {
    for (const c of EVENT_CONTRACTS) {
      const result = c.schema.safeParse({});
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toContain('schoolId');
    }
  });
});

describe('the producer side: an event checked before it is sealed', () => {
  const metadata = { actor: { id: 'li.lei', role: 'school-staff' }, correlationId: 'c-1', occurredAt: '2026-11-24T08:00:00.000Z' };
  const outgoing = (payload: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({ type: 'WorkOrderReported', payload, metadata, schoolId: 'S001', ...overrides });

  it('passes exactly what a consumer accepts', () => {
    expect(() => contracts.checkOutgoing(outgoing(reported))).not.toThrow();
    expect(contracts.parseEnvelope(envelope(reported)).payload).toEqual(reported);
  });

  it.each([
    ['an optional field as null (the description: null finding)', { ...reported, description: null }, /description/],
    ['an actor id over the 64 characters of its contract (the long JWT sub finding)', { ...reported, reportedBy: 'x'.repeat(65) }, /reportedBy/],
    ['a NUL', { ...reported, title: 'a\u0000b' }, /payload\.title/],
    ['an unpaired surrogate', { ...reported, location: 'a\udc00' }, /payload\.location/],
  ])('refuses %s, naming the field, as a consumer would', (_, payload, field) => {
    expect(() => contracts.checkOutgoing(outgoing(payload))).toThrow(field);
  });

  it('refuses broken metadata and a payload whose school is not the stream\'s', () => {
    expect(() => contracts.checkOutgoing(outgoing(reported, { metadata: { ...metadata, actor: { id: '', role: 'x' } } }))).toThrow(/metadata.*actor/s);
    expect(() => contracts.checkOutgoing(outgoing(reported, { schoolId: 'S002' }))).toThrow(/schoolId differs/);
  });

  it('keeps paired surrogates (emoji, rare CJK) as storable text', () => {
    expect(isStorableText('🔧𠀀灯管')).toBe(true);
    expect(unstorableTextPaths({ a: ['ok', 'x\ud800'], 'k\u0000': 1 }, 'p')).toEqual(['p.a.1', 'p.(key)']);
  });
});

describe('upcasting', () => {
  // A contract at v3 whose v2 lacked `priority`: the shape of every future upcaster.
  const v3 = EVENT_CONTRACTS.map((c) => (c.type === 'WorkOrderReported' ? { ...c, version: 3 } : c));
  const addPriority: Upcaster = { type: 'WorkOrderReported', fromVersion: 2, up: (p) => ({ priority: 'normal', ...p }) };
  const { priority: _dropped, ...pilotPayload } = reported;

  it('lifts an old payload to the current version and validates the result', () => {
    const registry = new ContractRegistry(v3, [...UPCASTERS, addPriority]);
    expect(registry.upcast('WorkOrderReported', 2, pilotPayload)).toEqual(reported);
    const parsed = registry.parseEnvelope(envelope(pilotPayload, { schemaVersion: 2 }));
    expect(parsed.schemaVersion).toBe(3);
    expect(parsed.payload['priority']).toBe('normal');
    // v1 → v2 → v3, one upcaster after the other.
    expect(registry.upcast('WorkOrderReported', 1, reportedV1)).toEqual(reported);
  });

  it('refuses an old version that has no upcaster', () => {
    expect(() => new ContractRegistry(v3, UPCASTERS).upcast('WorkOrderReported', 2, pilotPayload)).toThrow(/No upcaster/);
  });

  it('refuses an upcaster whose output breaks the current schema', () => {
    const broken: Upcaster = { ...addPriority, up: (p) => ({ ...p, priority: 'whenever' }) };
    expect(() => new ContractRegistry(v3, [...UPCASTERS, broken]).upcast('WorkOrderReported', 2, pilotPayload)).toThrow(ContractViolation);
  });
});
