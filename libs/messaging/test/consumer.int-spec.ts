import { Topics } from '@houqin/contracts';
import {
  ConsumedEvent,
  DeadLetterHeaders,
  ensureTopics,
  createKafka,
  KafkaEventConsumer,
  KafkaEventPublisher,
  toOutgoingMessage,
  topicName,
} from '../src';
import { workOrderReported } from './fixtures';
import { deleteRunTopics, isolatedConfig, quickStop, readTopic, waitFor } from './kafka-helpers';

const config = isolatedConfig();
const publisher = new KafkaEventPublisher(config);
const consumers: KafkaEventConsumer[] = [];
const readers: (() => Promise<void>)[] = [];

/** A fresh topic per test (prefix of this run) with 3 partitions. */
async function freshTopic(name: string): Promise<string> {
  const topic = topicName(config, `${name}.${Topics.facilitiesEvents}`);
  await ensureTopics(createKafka(config), [{ topic, numPartitions: 3 }]);
  return topic;
}

function consumer(options: ConstructorParameters<typeof KafkaEventConsumer>[1]): KafkaEventConsumer {
  const c = new KafkaEventConsumer(config, { consumerOptions: quickStop, ...options });
  consumers.push(c);
  return c;
}

beforeAll(() => publisher.connect());
afterAll(async () => {
  await Promise.all([...consumers.map((c) => c.stop()), ...readers.map((stop) => stop())]);
  await publisher.disconnect();
  await deleteRunTopics(config);
});

it('delivers 1,000 events across 20 streams, in order per stream', async () => {
  const topic = await freshTopic('order');
  const received: ConsumedEvent[] = [];
  const batchSizes: number[] = [];
  const started = consumer({ groupId: `${config.runId}-order`, topics: [topic] }).start(async (batch) => {
    batchSizes.push(batch.length);
    received.push(...batch);
  });
  // 10 concurrent publish calls of 100: the publisher serializes them in call order.
  const calls = Array.from({ length: 10 }, (_, call) =>
    publisher.publish(
      Array.from({ length: 100 }, (_, i) => {
        const n = call * 100 + i;
        return toOutgoingMessage(topic, workOrderReported(`wo-${n % 20}`, Math.floor(n / 20) + 1));
      }),
    ),
  );
  await Promise.all([...calls, started]);
  await waitFor(() => received.length >= 1000, 30_000, '1000 events');

  expect(received).toHaveLength(1000);
  expect(new Set(received.map((e) => e.envelope!.eventId)).size).toBe(1000);
  const versions = new Map<string, number[]>();
  for (const e of received) versions.set(e.key!, [...(versions.get(e.key!) ?? []), e.envelope!.streamVersion]);
  expect(versions.size).toBe(20);
  for (const list of versions.values()) expect(list).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  expect(Math.max(...batchSizes)).toBeLessThanOrEqual(500);
});

it('dead-letters a poison message and an always-failing event without blocking the partition', async () => {
  const topic = await freshTopic('poison');
  const events = Array.from({ length: 30 }, (_, i) => workOrderReported('wo-p', i + 1));
  const doomed = events[10].eventId;
  const messages = events.map((e) => toOutgoingMessage(topic, e));
  // Same key, so the same partition: the events after the poison message must still be handled.
  messages.splice(5, 0, { topic, key: 'wo-p', value: '{not json', headers: { origin: 'test' } });
  await publisher.publish(messages);

  const handled = new Set<string>();
  const c = consumer({ groupId: `${config.runId}-poison`, topics: [topic], maxAttempts: 3, retryBackoffMs: 20 });
  await c.start(async (batch) => {
    if (batch.some((e) => e.envelope!.eventId === doomed)) throw new Error(`refusing ${doomed}`);
    batch.forEach((e) => handled.add(e.envelope!.eventId));
  });
  const dlq = await readTopic(config, c.deadLetterTopic);
  readers.push(dlq.stop);
  await waitFor(() => handled.size === 29 && dlq.messages.length === 2, 30_000, 'handled events and dead letters');

  expect(c.deadLetterTopic).toBe(`${config.topicPrefix}${config.runId}-poison.dlq.v1`);
  expect(handled.has(doomed)).toBe(false);
  const [poison, failed] = dlq.messages.map((m) => ({
    key: m.key?.toString(),
    value: m.value?.toString(),
    headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])),
  }));
  expect(poison.value).toBe('{not json');
  expect(poison.key).toBe('wo-p');
  expect(poison.headers).toMatchObject({
    origin: 'test',
    [DeadLetterHeaders.originalTopic]: topic,
    [DeadLetterHeaders.originalOffset]: '5',
    [DeadLetterHeaders.consumerGroup]: `${config.runId}-poison`,
    [DeadLetterHeaders.attempts]: '0',
  });
  expect(poison.headers[DeadLetterHeaders.error]).toMatch(/SyntaxError/);
  expect(JSON.parse(failed.value!).eventId).toBe(doomed);
  expect(failed.headers).toMatchObject({
    'houqin-event-id': doomed,
    [DeadLetterHeaders.originalTopic]: topic,
    [DeadLetterHeaders.originalPartition]: poison.headers[DeadLetterHeaders.originalPartition],
    [DeadLetterHeaders.originalOffset]: '11',
    [DeadLetterHeaders.error]: `Error: refusing ${doomed}`,
    [DeadLetterHeaders.attempts]: '3',
  });
});

it('hands every message to the handler twice when duplicateDelivery is on', async () => {
  const topic = await freshTopic('dup');
  const events = Array.from({ length: 10 }, (_, i) => workOrderReported(`wo-d${i % 3}`, Math.floor(i / 3) + 1));
  await publisher.publish(events.map((e) => toOutgoingMessage(topic, e)));
  const seen = new Map<string, number>();
  await consumer({ groupId: `${config.runId}-dup`, topics: [topic], duplicateDelivery: true }).start(async (batch) => {
    batch.forEach((e) => seen.set(e.envelope!.eventId, (seen.get(e.envelope!.eventId) ?? 0) + 1));
  });
  await waitFor(() => [...seen.values()].reduce((a, b) => a + b, 0) >= 20, 30_000, '20 deliveries');
  await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
  expect(seen.size).toBe(10);
  expect([...seen.values()].every((n) => n === 2)).toBe(true);
});
