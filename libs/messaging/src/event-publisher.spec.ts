import { Kafka, ProducerBatch } from 'kafkajs';
import { KafkaEventPublisher, PublishTimeoutError } from './event-publisher';
import { OutgoingMessage } from './messages';

/** A fake kafkajs client whose producers run `send` for every sendBatch. */
function fakeKafka(send: (batch: ProducerBatch) => Promise<void>) {
  const stats = { producers: 0, disconnects: 0, inFlight: 0, maxInFlight: 0, batches: [] as ProducerBatch[] };
  const kafka = {
    producer: () => {
      stats.producers++;
      return {
        connect: async () => undefined,
        disconnect: async () => void stats.disconnects++,
        sendBatch: async (batch: ProducerBatch) => {
          stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
          try {
            await send(batch);
            stats.batches.push(batch);
          } finally {
            stats.inFlight--;
          }
        },
      };
    },
  } as unknown as Kafka;
  return { kafka, stats };
}

const config = { clientId: 't', brokers: [], topicPrefix: '' };
const m = (topic: string, key: string): OutgoingMessage => ({ topic, key, value: key, headers: {} });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('serializes concurrent publishes in call order, one sendBatch per call grouped by topic', async () => {
  const { kafka, stats } = fakeKafka(async () => void (await sleep(5)));
  const publisher = new KafkaEventPublisher(config, { client: kafka });
  await Promise.all([publisher.publish([m('a', '1'), m('b', '2'), m('a', '3')]), publisher.publish([m('a', '4')])]);
  expect(stats.maxInFlight).toBe(1);
  expect(stats.batches.map((b) => b.topicMessages!.map((t) => `${t.topic}:${t.messages.map((x) => x.key)}`))).toEqual([
    ['a:1,3', 'b:2'],
    ['a:4'],
  ]);
  expect(stats.batches[0].acks).toBe(-1);
  expect(stats.producers).toBe(1);
});

it('rejects after the timeout; later calls wait for the abandoned send, then use a fresh producer', async () => {
  let release!: (e?: Error) => void;
  let calls = 0;
  const { kafka, stats } = fakeKafka(() =>
    ++calls === 1 ? new Promise<void>((resolve, reject) => (release = (e) => (e ? reject(e) : resolve()))) : Promise.resolve(),
  );
  const publisher = new KafkaEventPublisher(config, { client: kafka, publishTimeoutMs: 50 });
  await expect(publisher.publish([m('a', '1')])).rejects.toBeInstanceOf(PublishTimeoutError);
  const queued = publisher.publish([m('a', '2')]);
  await sleep(10);
  expect(calls).toBe(1); // not issued while the first send is unsettled
  release(new Error('broker gone'));
  await queued;
  expect(stats.maxInFlight).toBe(1);
  expect(stats.producers).toBe(2); // the failed producer was discarded
  expect(stats.disconnects).toBe(1);
});

it('does nothing for an empty batch', async () => {
  const { kafka, stats } = fakeKafka(async () => undefined);
  await new KafkaEventPublisher(config, { client: kafka }).publish([]);
  expect(stats.producers).toBe(0);
});
