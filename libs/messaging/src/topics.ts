import { Kafka } from 'kafkajs';
import { envInt } from './kafka-config';

export interface TopicSpec {
  topic: string;
  numPartitions?: number;
}

/**
 * Creates the topics that do not exist yet (full names) and waits for their leaders.
 * Idempotent. Services call this at startup: the broker never auto-creates topics.
 * Replication factor: KAFKA_REPLICATION_FACTOR (default 1); partitions: KAFKA_PARTITIONS (default 3).
 * Retention: KAFKA_RETENTION_MS (default -1, forever): the topics are the history that the
 * audit replays from the first event and an outside copy of every hash, so nothing expires.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: TopicSpec[],
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  if (topics.length === 0) return;
  // Two processes (or two consumers of one process) creating the same topic at once: the loser's wait for leaders
  // may read metadata before the broker knows the topic (UNKNOWN_TOPIC_OR_PARTITION, retriable) — a service must
  // not die of that at startup, so a retriable error starts the check over.
  for (let attempt = 1; ; attempt++) {
    try {
      return await createMissingTopics(kafka, topics, env);
    } catch (e) {
      if (!(e as { retriable?: boolean }).retriable || attempt >= ENSURE_ATTEMPTS) throw e;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

const ENSURE_ATTEMPTS = 10;

async function createMissingTopics(kafka: Kafka, topics: TopicSpec[], env: Record<string, string | undefined>): Promise<void> {
  const replicationFactor = envInt(env, 'KAFKA_REPLICATION_FACTOR', 1);
  const numPartitions = envInt(env, 'KAFKA_PARTITIONS', 3);
  const retentionMs = env['KAFKA_RETENTION_MS'] ?? '-1';
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Map(topics.map((t) => [t.topic, t])).values()].filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    // Resolves to false (does not throw) if another instance created them concurrently.
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({
        topic: t.topic,
        numPartitions: t.numPartitions ?? numPartitions,
        replicationFactor,
        configEntries: [{ name: 'retention.ms', value: retentionMs }],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

