import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { EventEnvelope } from '@houqin/contracts';
import { GENESIS_HASH, hashEvent } from '@houqin/event-store';
import { KafkaEventPublisher, KafkaConfig, toOutgoingMessage } from '@houqin/messaging';

const LIFE = ['WorkOrderReported', 'WorkOrderAssigned', 'WorkOrderCompleted', 'WorkOrderVerified'] as const;

/**
 * History for the replay benchmark: `workOrders` work orders of `schools` schools, each
 * reported → assigned → completed → verified (4 events, valid contracts and hash chains),
 * published to the facilities topic as the relay would.
 */
export async function generateHistory(config: KafkaConfig, kafka: Kafka, topic: string, workOrders: number, schools: number): Promise<number> {
  const publisher = new KafkaEventPublisher(config, { client: kafka, publishTimeoutMs: 120_000 });
  let batch: { topic: string; envelope: EventEnvelope }[] = [];
  let total = 0;
  const base = Date.parse('2026-09-01T08:00:00Z');
  for (let i = 0; i < workOrders; i++) {
    const workOrderId = randomUUID();
    const schoolId = `R${String(i % schools).padStart(3, '0')}`;
    let prevHash = GENESIS_HASH;
    LIFE.forEach((type, v) => {
      const at = new Date(base + i * 1000 + v * 3_600_000).toISOString();
      const ids = { workOrderId, schoolId };
      const data: Record<string, unknown> =
        type === 'WorkOrderReported'
          ? { ...ids, title: '基准测试报修', location: '教学楼101', category: 'other', priority: 'normal', reportedBy: 'bench', reportedAt: at }
          : type === 'WorkOrderAssigned'
            ? { ...ids, assignee: '维修组', assignedBy: 'bench', assignedAt: at }
            : type === 'WorkOrderCompleted'
              ? { ...ids, completedBy: 'bench', completedAt: at }
              : { ...ids, verifiedBy: 'bench', verifiedAt: at };
      const fields = {
        eventId: randomUUID(),
        streamId: `WorkOrder-${workOrderId}`,
        streamType: 'WorkOrder',
        streamVersion: v + 1,
        schoolId,
        type,
        schemaVersion: 1,
        data,
        metadata: { actor: { id: 'bench', role: 'school-staff' }, correlationId: workOrderId, occurredAt: at },
        prevHash,
      };
      const hash = hashEvent(fields);
      batch.push({
        topic,
        envelope: { ...fields, payload: data, source: 'facilities', globalPosition: String(total + 1), hash },
      });
      prevHash = hash;
      total++;
    });
    if (batch.length >= 2000) {
      await publisher.publish(batch.map((b) => toOutgoingMessage(b.topic, b.envelope)));
      batch = [];
    }
  }
  if (batch.length) await publisher.publish(batch.map((b) => toOutgoingMessage(b.topic, b.envelope)));
  await publisher.disconnect();
  return total;
}

/** The plain kafkajs consumer: reads the topic from the beginning to its current end, nothing else. */
export async function rawConsume(kafka: Kafka, topic: string): Promise<{ messages: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const ends = new Map(offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high)]));
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}`, allowAutoTopicCreation: false, maxBytes: 50 * 1024 * 1024 });
  let messages = 0;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = ends.get(batch.partition) ?? 0;
        for (const m of batch.messages) if (Number(m.offset) < end) messages++;
        if (Number(batch.lastOffset()) + 1 >= end) ends.delete(batch.partition);
        if (ends.size === 0) resolve();
      },
    });
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await consumer.disconnect();
  return { messages, seconds };
}
