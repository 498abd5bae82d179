import { Logger } from '@nestjs/common';
import { deadLetterTopic } from '@houqin/contracts';
import { Consumer, ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import { toConsumedEvent } from './consumed-event';
import { KafkaEventPublisher } from './event-publisher';
import { createKafka, KafkaConfig, topicName } from './kafka-config';
import { ConsumedEvent, deadLetterMessage, errorMessage } from './messages';
import { ensureTopics } from './topics';

export interface KafkaEventConsumerOptions {
  /**
   * The consumer group, required with no default: two services sharing a group would each
   * get only part of the events. A service names its own (e.g. from its own env variable).
   */
  groupId: string;
  /** Full (prefixed) topic names. */
  topics: string[];
  fromBeginning?: boolean;
  /** Attempts per message once a whole chunk failed, before it is dead-lettered (default 5; transient errors do not count). */
  maxAttempts?: number;
  /** First backoff between attempts, doubled each time up to `maxBackoffMs`, with jitter (default 200). */
  retryBackoffMs?: number;
  /** Longest backoff between attempts (default 5000). */
  maxBackoffMs?: number;
  /** Default: prefix + `deadLetterTopic(groupId)`. */
  deadLetterTopic?: string;
  sessionTimeout?: number;
  /** Fault injection: hand every message to the handler twice (proves handlers are idempotent). */
  duplicateDelivery?: boolean;
  /**
   * Errors that mean "try again later" (an outage, an overload, a clash with another
   * transaction): retried without limit, with backoff and jitter, never dead-lettered.
   * The caller classifies (e.g. the event store's `isTransientDatabaseError`); default: none.
   */
  isTransient?: (error: unknown) => boolean;
  /** Largest array given to the handler (default 500). */
  maxBatchSize?: number;
  consumerOptions?: Partial<ConsumerConfig>;
  /** An existing kafkajs client (default: createKafka(config)). */
  client?: Kafka;
}

/** Refuses a missing or blank consumer group id (JavaScript callers, an unset env variable cast to string). */
export function assertGroupId(groupId: unknown): asserts groupId is string {
  if (typeof groupId !== 'string' || groupId.trim() === '') {
    throw new Error(`A Kafka consumer needs an explicit groupId (got ${JSON.stringify(groupId)}): each consuming service names its own group`);
  }
}

/**
 * kafkajs asks the broker for any new byte (minBytes 1): under load every fetch then carries a
 * handful of events, and the broker and the consumer's database pay per fetch. The broker
 * holds a fetch until 64 KiB are there or 25 ms passed: a few hundred events per batch under
 * load, at most 25 ms more delay when quiet.
 */
const fetchBatching = (env: NodeJS.ProcessEnv = process.env): Partial<ConsumerConfig> => ({
  minBytes: Number(env['KAFKA_FETCH_MIN_BYTES'] ?? 64 * 1024),
  maxWaitTimeInMs: Number(env['KAFKA_FETCH_MAX_WAIT_MS'] ?? 25),
});

/** Receives only events whose envelope parsed; throwing makes the consumer retry, then dead-letter. */
export type BatchHandler = (batch: ConsumedEvent[]) => Promise<void>;

export class KafkaEventConsumer {
  readonly deadLetterTopic: string;
  private readonly logger: Logger;
  private readonly kafka: Kafka;
  private readonly dlq: KafkaEventPublisher;
  private consumer: Consumer | null = null;

  constructor(
    config: KafkaConfig,
    private readonly options: KafkaEventConsumerOptions,
  ) {
    assertGroupId(options.groupId);
    this.kafka = options.client ?? createKafka(config);
    this.dlq = new KafkaEventPublisher(config, { client: this.kafka });
    this.deadLetterTopic = options.deadLetterTopic ?? topicName(config, deadLetterTopic(options.groupId));
    this.logger = new Logger(`KafkaEventConsumer:${options.groupId}`);
  }

  /** Creates the topics if missing, joins the group and resolves once consuming. */
  async start(handler: BatchHandler): Promise<void> {
    if (this.consumer) throw new Error('Consumer already started');
    const { groupId, topics, sessionTimeout, consumerOptions } = this.options;
    await ensureTopics(this.kafka, [...topics, this.deadLetterTopic].map((topic) => ({ topic })));
    await this.dlq.connect();
    const consumer = this.kafka.consumer({ groupId, sessionTimeout, allowAutoTopicCreation: false, ...fetchBatching(), ...consumerOptions });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      const log = `consumer crashed (${errorMessage(payload.error)}); ${payload.restart ? 'restarting' : 'NOT restarting'}`;
      if (payload.restart) this.logger.warn(log);
      else this.logger.error(log);
    });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload, handler),
    });
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.disconnect();
    await this.dlq.disconnect();
  }

  private async onBatch(payload: EachBatchPayload, handler: BatchHandler): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary } = payload;
    const events = batch.messages.map((m) => toConsumedEvent(batch.topic, batch.partition, m));
    const size = this.options.maxBatchSize ?? 500;
    for (let i = 0; i < events.length; i += size) {
      if (stopped(payload)) return;
      const chunk = events.slice(i, i + size);
      if (!(await this.handleChunk(chunk, handler, payload))) return;
      resolveOffset(chunk[chunk.length - 1].offset);
      await heartbeat();
      await commitOffsetsIfNecessary();
    }
  }

  /** False if the consumer stopped (or the batch went stale) before the chunk was done. */
  private async handleChunk(chunk: ConsumedEvent[], handler: BatchHandler, payload: EachBatchPayload): Promise<boolean> {
    const valid = chunk.filter((e) => e.envelope);
    for (let wait = 1; valid.length > 0; wait++) {
      try {
        await this.deliver(handler, valid);
        break;
      } catch (e) {
        if (!this.isTransient(e)) {
          this.logger.warn(`batch of ${valid.length} failed (${errorMessage(e)}); retrying one by one`);
          return this.handleOneByOne(chunk, handler, payload);
        }
        // Not the messages' fault: the whole chunk waits for the outage to pass, instead of
        // being split into one transaction per message against a database that is struggling.
        this.logTransient(`batch of ${valid.length}`, e, wait);
        if (!(await this.backOff(wait, payload))) return false;
      }
    }
    const invalid = chunk.filter((e) => e.parseError);
    if (invalid.length > 0) await this.deadLetter(invalid.map((e) => ({ event: e, error: e.parseError, attempts: 0 })));
    return true;
  }

  private async handleOneByOne(chunk: ConsumedEvent[], handler: BatchHandler, payload: EachBatchPayload) {
    const maxAttempts = Math.max(1, this.options.maxAttempts ?? 5);
    for (const event of chunk) {
      if (stopped(payload)) return false;
      if (event.parseError) {
        await this.deadLetter([{ event, error: event.parseError, attempts: 0 }]);
      } else {
        // Only failures that are the message's own count towards maxAttempts; an outage
        // (e.g. the consumer's database is down or overloaded) is waited out without limit.
        for (let attempt = 1, wait = 1; ; wait++) {
          try {
            await this.deliver(handler, [event]);
            break;
          } catch (e) {
            if (this.isTransient(e)) this.logTransient(`${event.topic}[${event.partition}]@${event.offset}`, e, wait);
            else if (attempt++ >= maxAttempts) {
              await this.deadLetter([{ event, error: e, attempts: attempt - 1 }]);
              break;
            }
            if (!(await this.backOff(wait, payload))) return false;
          }
        }
      }
      payload.resolveOffset(event.offset);
    }
    return true;
  }

  private isTransient(error: unknown): boolean {
    try {
      return this.options.isTransient?.(error) ?? false;
    } catch {
      return false;
    }
  }

  /** Sleeps an exponential backoff with jitter, heartbeats; false if the consumer stopped meanwhile. */
  private async backOff(attempt: number, payload: EachBatchPayload): Promise<boolean> {
    const ceiling = Math.min(this.options.maxBackoffMs ?? 5000, (this.options.retryBackoffMs ?? 200) * 2 ** Math.min(attempt - 1, 20));
    await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    if (stopped(payload)) return false;
    await payload.heartbeat();
    return !stopped(payload);
  }

  /** One line at the first failure and then at every 10th, so that an outage does not flood the log. */
  private logTransient(what: string, error: unknown, attempt: number): void {
    if (attempt === 1 || attempt % 10 === 0) {
      this.logger.warn(`${what} failed with a transient error (${errorMessage(error)}), attempt ${attempt}; retrying with backoff, never dead-lettered`);
    }
  }

  private async deliver(handler: BatchHandler, events: ConsumedEvent[]): Promise<void> {
    await handler(events);
    if (this.options.duplicateDelivery) await handler(events);
  }

  private async deadLetter(items: { event: ConsumedEvent; error: unknown; attempts: number }[]): Promise<void> {
    for (const { event, error } of items) {
      this.logger.warn(
        `dead-lettering ${event.topic}[${event.partition}]@${event.offset} to ${this.deadLetterTopic}: ${errorMessage(error)}`,
      );
    }
    // Throws if the broker is down: kafkajs then retries the batch from the last resolved offset.
    await this.dlq.publish(
      items.map(({ event, error, attempts }) =>
        deadLetterMessage(this.deadLetterTopic, event, error, this.options.groupId, attempts),
      ),
    );
  }
}

const stopped = (p: EachBatchPayload): boolean => !p.isRunning() || p.isStale();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
