import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { BaseRpcContext, CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import { assertGroupId, BatchHandler, KafkaEventConsumer, KafkaEventConsumerOptions } from './event-consumer';
import { KafkaConfig, topicName } from './kafka-config';
import { ConsumedEvent, errorMessage } from './messages';

export type KafkaEventTransportOptions = Omit<KafkaEventConsumerOptions, 'topics' | 'client'> & { kafka: KafkaConfig };

/** Second handler argument (`@Ctx()`): [topic, partition, groupId] of the batch. */
export class KafkaEventContext extends BaseRpcContext<[string, number, string]> {
  getTopic = (): string => this.args[0];
  getPartition = (): number => this.args[1];
  getGroupId = (): string => this.args[2];
}

/**
 * Nest transport: `@EventPattern('<base topic name>')` handlers receive `ConsumedEvent[]` batches
 * of that topic (prefix applied). A handler's error goes to the consumer's retry/dead-letter logic.
 *   app.connectMicroservice({ strategy: new KafkaEventTransport({ groupId, kafka }) });
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private consumer: KafkaEventConsumer | null = null;
  private readonly patternByTopic = new Map<string, string>();

  constructor(private readonly options: KafkaEventTransportOptions) {
    super();
    assertGroupId(options.groupId);
  }

  listen(callback: (err?: unknown) => void): void {
    this.start().then(() => callback(), callback);
  }

  async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.stop();
  }

  on(): never {
    throw new Error('KafkaEventTransport does not support event listeners');
  }

  unwrap<T>(): T {
    if (!this.consumer) throw new Error('KafkaEventTransport is not listening');
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    for (const [pattern, handler] of this.messageHandlers) {
      if (!handler.isEventHandler) throw new Error(`Only @EventPattern handlers are supported (got ${pattern})`);
      this.patternByTopic.set(topicName(this.options.kafka, pattern), pattern);
    }
    if (this.patternByTopic.size === 0) throw new Error('KafkaEventTransport: no @EventPattern handlers registered');
    const { kafka, ...options } = this.options;
    this.consumer = new KafkaEventConsumer(kafka, { ...options, topics: [...this.patternByTopic.keys()] });
    await this.consumer.start(this.dispatch);
    this._status$.next('connected');
  }

  private readonly dispatch: BatchHandler = async (batch: ConsumedEvent[]) => {
    const { topic, partition } = batch[0];
    const pattern = this.patternByTopic.get(topic);
    const handler = pattern === undefined ? null : this.getHandlerByPattern(pattern);
    if (!handler) throw new Error(`No @EventPattern handler for topic ${topic}`);
    const context = new KafkaEventContext([topic, partition, this.options.groupId]);
    try {
      await lastValueFrom(this.transformToObservable(handler(batch, context)), { defaultValue: undefined });
    } catch (e) {
      throw e instanceof Error ? e : new Error(errorMessage(e));
    }
  };
}

/**
 * Nest replaces a handler's unknown error with `{ status: 'error', message: 'Internal server error' }`.
 * `@UseFilters(new KafkaEventExceptionFilter())` keeps the original error, so the dead letter names it.
 */
@Catch()
export class KafkaEventExceptionFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
