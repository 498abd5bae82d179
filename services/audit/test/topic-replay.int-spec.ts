import { randomBytes } from 'node:crypto';
import { KafkaMessage } from 'kafkajs';
import { createKafka, ensureTopics, KafkaEventPublisher, kafkaConfigFromEnv } from '@houqin/messaging';
import { deleteRunTopics } from '@houqin/testing';
import { replayTopic } from '../src/infrastructure/topic-replay';

const config = { ...kafkaConfigFromEnv('audit-it'), topicPrefix: `it-${randomBytes(4).toString('hex')}.` };
const kafka = createKafka(config);

afterAll(() => deleteRunTopics(config.topicPrefix));

describe('replaying a topic from its beginning (real broker)', () => {
  it('answers an empty history for a topic nothing was ever published to', async () => {
    const seen: KafkaMessage[] = [];
    const result = await replayTopic(kafka, `${config.topicPrefix}never-published.v1`, (messages) => void seen.push(...messages));
    expect(result).toMatchObject({ messages: 0, topicMissing: true });
    expect(seen).toEqual([]);
  });

  it('reads up to the end the topic had when it started, each key in order', async () => {
    const topic = `${config.topicPrefix}history.v1`;
    await ensureTopics(kafka, [{ topic }]);
    const publisher = new KafkaEventPublisher(config, { client: kafka });
    const keys = ['a', 'b', 'c', 'd'];
    await publisher.publish(Array.from({ length: 40 }, (_, i) => ({ topic, key: keys[i % 4], value: String(i), headers: {} })));
    const seen: KafkaMessage[] = [];
    const progress: [number, number][] = [];
    const result = await replayTopic(kafka, topic, (messages) => void seen.push(...messages), undefined, (done, total) => void progress.push([done, total]));
    await publisher.disconnect();
    expect(result).toMatchObject({ messages: 40, topicMissing: false });
    // Progress: done of the total the topic held at the start, from 0 to all of it.
    expect(progress[0]).toEqual([0, 40]);
    expect(progress.at(-1)).toEqual([40, 40]);
    for (const key of keys) {
      const values = seen.filter((m) => m.key?.toString() === key).map((m) => Number(m.value?.toString()));
      expect(values).toEqual([...values].sort((x, y) => x - y));
      expect(values).toHaveLength(10);
    }
  });
});
