import { EventHeaders } from '@houqin/contracts';
import { workOrderReported } from '../test/fixtures';
import {
  ConsumedEvent,
  deadLetterMessage,
  DeadLetterHeaders,
  errorMessage,
  groupByTopic,
  headersToRecord,
  OutgoingMessage,
  toOutgoingMessage,
} from './messages';

describe('toOutgoingMessage', () => {
  it('keys by stream id, serializes the envelope and sets the event headers', () => {
    const envelope = workOrderReported('wo-1', 3);
    const m = toOutgoingMessage('p.facilities.events.v1', envelope);
    expect(m.topic).toBe('p.facilities.events.v1');
    expect(m.key).toBe('wo-1');
    expect(JSON.parse(m.value as string)).toEqual(envelope);
    expect(m.headers).toEqual({
      [EventHeaders.eventId]: envelope.eventId,
      [EventHeaders.type]: 'WorkOrderReported',
      [EventHeaders.schemaVersion]: '1',
      [EventHeaders.schoolId]: 'school-1',
    });
  });
});

describe('groupByTopic', () => {
  const msg = (topic: string, key: string): OutgoingMessage => ({ topic, key, value: key, headers: {} });
  it('groups per topic in first-appearance order and keeps order within a topic', () => {
    const grouped = groupByTopic([msg('b', '1'), msg('a', '2'), msg('b', '3'), msg('a', '4'), msg('b', '5')]);
    expect(grouped.map((g) => g.topic)).toEqual(['b', 'a']);
    expect(grouped[0].messages.map((m) => m.key)).toEqual(['1', '3', '5']);
    expect(grouped[1].messages.map((m) => m.key)).toEqual(['2', '4']);
  });
  it('returns nothing for nothing', () => expect(groupByTopic([])).toEqual([]));
});

describe('headersToRecord', () => {
  it('decodes buffers, keeps the last of repeated headers, drops undefined', () => {
    expect(headersToRecord({ a: Buffer.from('x'), b: 'y', c: [Buffer.from('1'), Buffer.from('2')], d: undefined })).toEqual(
      { a: 'x', b: 'y', c: '2' },
    );
    expect(headersToRecord(undefined)).toEqual({});
  });
});

describe('deadLetterMessage', () => {
  const event: ConsumedEvent = {
    topic: 'p.facilities.events.v1',
    partition: 2,
    offset: '41',
    key: 'wo-9',
    headers: { [EventHeaders.eventId]: 'e-1', [DeadLetterHeaders.error]: 'stale' },
    raw: Buffer.from('{not json'),
  };
  it('keeps key, bytes and original headers and adds where and why it failed', () => {
    const now = new Date('2025-01-02T03:04:05.000Z');
    const m = deadLetterMessage('p.g.dlq.v1', event, new TypeError('boom'), 'g', 5, now);
    expect(m).toEqual({
      topic: 'p.g.dlq.v1',
      key: 'wo-9',
      value: Buffer.from('{not json'),
      headers: {
        [EventHeaders.eventId]: 'e-1',
        [DeadLetterHeaders.originalTopic]: 'p.facilities.events.v1',
        [DeadLetterHeaders.originalPartition]: '2',
        [DeadLetterHeaders.originalOffset]: '41',
        [DeadLetterHeaders.error]: 'TypeError: boom',
        [DeadLetterHeaders.consumerGroup]: 'g',
        [DeadLetterHeaders.attempts]: '5',
        [DeadLetterHeaders.failedAt]: '2025-01-02T03:04:05.000Z',
      },
    });
  });
  it('truncates long errors and accepts a null value', () => {
    const m = deadLetterMessage('d', { ...event, raw: null }, 'x'.repeat(5000), 'g', 1);
    expect(m.headers[DeadLetterHeaders.error]).toHaveLength(2000);
    expect(m.value).toEqual(Buffer.alloc(0));
  });
});

describe('errorMessage', () => {
  it('handles errors, Nest rpc error objects and anything else', () => {
    expect(errorMessage(new Error('a'))).toBe('Error: a');
    expect(errorMessage({ status: 'error', message: 'Internal server error' })).toBe('Internal server error');
    expect(errorMessage(42)).toBe('42');
  });
});

describe('chunkBySize', () => {
  const { chunkBySize } = jest.requireActual('./messages') as typeof import('./messages');
  const msg = (i: number, size: number) => ({ topic: 't', key: `k${i}`, value: 'x'.repeat(size), headers: {} });

  it('keeps order and keeps every chunk under the limit', () => {
    const messages = Array.from({ length: 10 }, (_, i) => msg(i, 300));
    const chunks = chunkBySize(messages, 1000);
    expect(chunks.flat()).toEqual(messages);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(2);
  });

  it('sends a single oversized message alone rather than dropping it', () => {
    expect(chunkBySize([msg(1, 5000), msg(2, 10)], 1000)).toEqual([[msg(1, 5000)], [msg(2, 10)]]);
  });
});
