import { KafkaMessage } from 'kafkajs';
import { contracts } from '@houqin/contracts';
import { workOrderReported } from '../test/fixtures';
import { toConsumedEvent } from './consumed-event';

const message = (value: Buffer | null, key: string | null = 'wo-1'): KafkaMessage => ({
  key: key === null ? null : Buffer.from(key),
  value,
  offset: '7',
  timestamp: '0',
  attributes: 0,
  headers: { h: Buffer.from('v') },
});

describe('toConsumedEvent', () => {
  it('parses a valid envelope, lifting an older schema version to the current one', () => {
    const envelope = workOrderReported('wo-1', 1); // a v1 WorkOrderReported, as stored before deadlines existed
    const e = toConsumedEvent('t', 1, message(Buffer.from(JSON.stringify(envelope))));
    expect(e).toMatchObject({ topic: 't', partition: 1, offset: '7', key: 'wo-1', headers: { h: 'v' } });
    expect(e.envelope).toEqual({
      ...envelope,
      schemaVersion: contracts.current('WorkOrderReported').version,
      payload: { ...envelope.payload, ...contracts.upcast('WorkOrderReported', 1, envelope.payload) },
    });
    expect(e.envelope?.payload).toMatchObject({ ...envelope.payload, slaRule: { ruleId: 'facilities.repair.sla' } });
    expect(e.parseError).toBeUndefined();
  });
  it.each([
    ['invalid JSON', Buffer.from('{oops')],
    ['no value', null],
    ['a contract violation', Buffer.from(JSON.stringify({ ...workOrderReported('wo-1', 1), type: 'Nope' }))],
  ])('keeps %s as parseError instead of throwing', (_name, value) => {
    const e = toConsumedEvent('t', 0, message(value, null));
    expect(e.envelope).toBeUndefined();
    expect(e.parseError).toBeInstanceOf(Error);
    expect(e.key).toBeNull();
    expect(e.raw).toBe(value);
  });
});
