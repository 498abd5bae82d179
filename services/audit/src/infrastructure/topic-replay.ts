import { randomUUID } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';

export interface ReplayResult {
  messages: number;
  durationMs: number;
  /** The topic does not exist: nothing was ever published to it (or it was deleted). */
  topicMissing: boolean;
}

/**
 * Reads a topic from its beginning up to the end it had when the replay started, in
 * partition order, with a throwaway consumer group that is deleted afterwards.
 */
export async function replayTopic(
  kafka: Kafka,
  topic: string,
  onMessages: (messages: KafkaMessage[]) => Promise<void> | void,
  /** Awaited once the end is read, before the clock stops (e.g. a worker still folding). */
  drained: () => Promise<void> = async () => undefined,
  /** Messages read so far of the total the topic held when the replay started. */
  progress?: (done: number, total: number) => void,
): Promise<ReplayResult> {
  const started = Date.now();
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `audit-replay-${randomUUID()}`;
  try {
    // A topic is created with the first publish: before that the history is empty, not an error.
    if (!(await admin.listTopics()).includes(topic)) return { messages: 0, durationMs: Date.now() - started, topicMissing: true };
    const offsets = await admin.fetchTopicOffsets(topic);
    const ends = new Map(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)]));
    let messages = 0;
    const total = Number([...ends.entries()].reduce((sum, [partition, high]) => sum + high - BigInt(offsets.find((o) => o.partition === partition)?.low ?? '0'), 0n));
    progress?.(0, total);
    let reachedEndAt = Date.now();
    if (ends.size > 0) {
      const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxBytes: 50 * 1024 * 1024 });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          const timeoutMs = Number(process.env['AUDIT_REPLAY_TIMEOUT_MS'] ?? 600_000);
          setTimeout(() => reject(new Error(`replay of ${topic} did not reach its end within ${timeoutMs} ms`)), timeoutMs).unref();
          consumer
            .run({
              autoCommit: false,
              // Lets the next fetch of one partition overlap the folding of another; each
              // partition's batches still run in order, which is all per-stream order needs.
              partitionsConsumedConcurrently: 3,
              eachBatch: async ({ batch }) => {
                const end = ends.get(batch.partition);
                if (end === undefined) return;
                // Only the batch that crosses the end needs a look at each offset.
                const wanted = BigInt(batch.lastOffset()) < end ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) < end);
                await onMessages(wanted);
                messages += wanted.length;
                progress?.(messages, total);
                if (BigInt(batch.lastOffset()) + 1n >= end) ends.delete(batch.partition);
                if (ends.size === 0) {
                  await drained();
                  reachedEndAt = Date.now();
                  resolve();
                }
              },
            })
            .catch(reject);
        });
      } finally {
        await consumer.disconnect();
      }
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    // The time to read and apply the history; leaving the group afterwards is not part of it.
    return { messages, durationMs: reachedEndAt - started, topicMissing: false };
  } finally {
    await admin.disconnect();
  }
}
