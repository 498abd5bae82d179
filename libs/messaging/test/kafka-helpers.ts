import { randomBytes } from 'crypto';
import { Consumer, KafkaMessage } from 'kafkajs';
import { createKafka, KafkaConfig, kafkaConfigFromEnv } from '../src';

/** A config whose topics (and, by naming, groups) belong to this test run only. */
export function isolatedConfig(): KafkaConfig & { runId: string } {
  const runId = `it-${randomBytes(4).toString('hex')}`;
  return { ...kafkaConfigFromEnv('messaging-it'), topicPrefix: `${runId}.`, runId };
}

export async function waitFor(condition: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Short fetch long-polls, so that stopping a consumer in a test takes well under 5 s. */
export const quickStop = { maxWaitTimeInMs: 500 };

/** Reads a topic from the beginning with a plain kafkajs consumer (an outside view, e.g. of a DLQ). */
export async function readTopic(config: KafkaConfig, topic: string): Promise<{ messages: KafkaMessage[]; stop: () => Promise<void> }> {
  const consumer: Consumer = createKafka(config).consumer({ groupId: `${config.topicPrefix}reader-${randomBytes(3).toString('hex')}`, ...quickStop });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
  return { messages, stop: () => consumer.disconnect() };
}

/** Deletes every topic of this run. */
export async function deleteRunTopics(config: KafkaConfig): Promise<void> {
  const admin = createKafka(config).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(config.topicPrefix));
    if (topics.length) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
