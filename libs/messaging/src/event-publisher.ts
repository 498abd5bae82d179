import { Logger } from '@nestjs/common';
import { EventEnvelope } from '@houqin/contracts';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { createKafka, envInt, KafkaConfig } from './kafka-config';
import { chunkBySize, groupByTopic, OutgoingMessage, toOutgoingMessage } from './messages';

export interface KafkaEventPublisherOptions {
  /** Upper bound for one publish/connect call, queueing included (KAFKA_PUBLISH_TIMEOUT_MS, default 30000). */
  publishTimeoutMs?: number;
  /** An existing kafkajs client (default: createKafka(config)). */
  client?: Kafka;
}

export class PublishTimeoutError extends Error {
  constructor(ms: number) {
    super(`Kafka publish not acknowledged within ${ms} ms`);
    this.name = 'PublishTimeoutError';
  }
}

/**
 * One idempotent producer (acks -1, one request in flight), calls serialized: a send is
 * issued only after the previous one settled. Every call rejects within `publishTimeoutMs`.
 * After a failure the producer is discarded and the next call connects a fresh one (new
 * producer id), so a batch in doubt can never collide with a later batch's sequence numbers.
 */
export class KafkaEventPublisher {
  private readonly logger = new Logger(KafkaEventPublisher.name);
  private readonly kafka: Kafka;
  private readonly timeoutMs: number;
  private readonly maxBatchBytes: number;
  private producer: Producer | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(config: KafkaConfig, options: KafkaEventPublisherOptions = {}) {
    this.kafka = options.client ?? createKafka(config);
    this.timeoutMs = options.publishTimeoutMs ?? envInt(process.env, 'KAFKA_PUBLISH_TIMEOUT_MS', 30_000);
    this.maxBatchBytes = envInt(process.env, 'KAFKA_MAX_BATCH_BYTES', 512 * 1024);
  }

  connect(): Promise<void> {
    return this.serialized(async () => void (await this.connected()));
  }

  async disconnect(): Promise<void> {
    await this.chain; // let a running send settle
    await this.discard();
  }

  /** Resolves once the broker acknowledged every message (acks -1); full topic names. */
  publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    const chunks = chunkBySize(messages, this.maxBatchBytes).map(groupByTopic);
    return this.serialized(async () => {
      const producer = await this.connected();
      try {
        // In order, one acknowledged chunk after the other: per-stream order holds.
        for (const topicMessages of chunks) await producer.sendBatch({ topicMessages, acks: -1 });
      } catch (e) {
        await this.discard();
        throw e;
      }
    });
  }

  /** Adapter for the outbox relay's port (`EnvelopePublisher`). */
  publishEnvelopes(batch: { topic: string; envelope: EventEnvelope }[]): Promise<void> {
    return this.publish(batch.map(({ topic, envelope }) => toOutgoingMessage(topic, envelope)));
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // Finite (kafkajs defaults to MAX_SAFE_INTEGER for idempotent producers, i.e. forever).
      retry: { initialRetryTime: 300, multiplier: 2, factor: 0.2, retries: 5, maxRetryTime: 30_000 },
    });
    try {
      await producer.connect();
    } catch (e) {
      await producer.disconnect().catch(() => undefined);
      throw e;
    }
    return (this.producer = producer);
  }

  private async discard(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch((e) => this.logger.warn(`producer disconnect failed: ${String(e)}`));
  }

  /** Runs `op` after every earlier call settled; the caller's promise rejects after the timeout regardless. */
  private serialized<T>(op: () => Promise<T>): Promise<T> {
    const run = this.chain.then(op);
    this.chain = run.catch(() => undefined);
    return withTimeout(run, this.timeoutMs);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PublishTimeoutError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
