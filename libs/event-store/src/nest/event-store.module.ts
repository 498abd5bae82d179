import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { contracts } from '@houqin/contracts';
import { Kafka } from 'kafkajs';
import { createKafka, ensureTopics, KafkaConfig, kafkaConfigFromEnv, KafkaEventPublisher, topicName } from '@houqin/messaging';
import { Clock, SystemClock } from '@houqin/event-sourcing';
import { DatabaseModule, databaseSettingsFromEnv } from '@houqin/platform';
import { CommandExecutor } from '../command-executor';
import { EVENT_STORE_MIGRATIONS } from '../migration';
import { EnvelopePublisher, OutboxRelay } from '../outbox-relay';
import { pgPoolOf } from '../pg-pool';
import { CommandRunner } from './command-runner';

export interface EventStoreModuleOptions {
  /** Service name: database schema, Kafka client id, event `source`. */
  service: string;
  /** Base name of the topic this service publishes to (see Topics in @houqin/contracts). */
  topic: string;
  /** The service's own migrations, run after the event store's. */
  migrations?: (new () => unknown)[];
}

export const KAFKA_CONFIG = Symbol('KAFKA_CONFIG');
export const KAFKA = Symbol('KAFKA');
export const EVENT_TOPIC = Symbol('EVENT_TOPIC');

/** Creates the topic once before the first publish; retried by the relay's backoff if Kafka is away. */
class TopicEnsuringPublisher implements EnvelopePublisher {
  private ensured = false;

  constructor(
    private readonly publisher: KafkaEventPublisher,
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  async publish(batch: Parameters<EnvelopePublisher['publish']>[0]): Promise<void> {
    if (!this.ensured) {
      await ensureTopics(this.kafka, [{ topic: this.topic }]);
      this.ensured = true;
    }
    await this.publisher.publishEnvelopes(batch);
  }
}

@Injectable()
class RelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('OutboxRelay');

  constructor(
    private readonly relay: OutboxRelay,
    private readonly publisher: KafkaEventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env['OUTBOX_RELAY'] === 'off') {
      this.log.warn('OUTBOX_RELAY=off: events wait in the store (relay_backlog()) until a relay runs');
      return;
    }
    this.relay.start();
  }

  /** Before the data source closes: its pool waits for the relay's connection. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.publisher.disconnect();
  }
}

/**
 * Everything an event-sourced service needs to write: its database (schema + migrations,
 * through DatabaseModule), the command executor and runner, the clock (SystemClock; tests
 * override `Clock`), and the outbox relay to Kafka.
 */
@Module({})
export class EventStoreModule {
  static forService(options: EventStoreModuleOptions): DynamicModule {
    const migrations = [...EVENT_STORE_MIGRATIONS, ...(options.migrations ?? [])];
    return {
      module: EventStoreModule,
      global: true,
      imports: [DatabaseModule.forService(options.service, migrations)],
      providers: [
        { provide: Clock, useClass: SystemClock },
        CommandRunner,
        { provide: KAFKA_CONFIG, useFactory: () => kafkaConfigFromEnv(options.service) },
        { provide: EVENT_TOPIC, useFactory: (config: KafkaConfig) => topicName(config, options.topic), inject: [KAFKA_CONFIG] },
        { provide: KAFKA, useFactory: (config: KafkaConfig) => createKafka(config), inject: [KAFKA_CONFIG] },
        {
          provide: KafkaEventPublisher,
          useFactory: (config: KafkaConfig, kafka: Kafka) => new KafkaEventPublisher(config, { client: kafka }),
          inject: [KAFKA_CONFIG, KAFKA],
        },
        {
          provide: OutboxRelay,
          useFactory: (dataSource: DataSource, publisher: KafkaEventPublisher, kafka: Kafka, topic: string) =>
            new OutboxRelay(pgPoolOf(dataSource), new TopicEnsuringPublisher(publisher, kafka, topic), {
              source: options.service,
              topic,
              lockName: `houqin-outbox-relay:${databaseSettingsFromEnv(options.service).schema}`,
              lingerMs: Number(process.env['OUTBOX_RELAY_LINGER_MS'] ?? 20),
              crashAfterPublish: () => process.env['HOUQIN_FAULT_RELAY_CRASH_AFTER_PUBLISH'] === '1',
              log: (m) => new Logger('OutboxRelay').warn(m),
            }),
          inject: [DataSource, KafkaEventPublisher, KAFKA, EVENT_TOPIC],
        },
        {
          provide: CommandExecutor,
          useFactory: (dataSource: DataSource, relay: OutboxRelay) =>
            new CommandExecutor(pgPoolOf(dataSource), {
              contracts,
              onCommitted: () => relay.notify(),
              batching: { concurrency: Number(process.env['COMMAND_WRITE_BATCHES'] ?? 1) || 1 },
            }),
          inject: [DataSource, OutboxRelay],
        },
        RelayLifecycle,
      ],
      exports: [CommandExecutor, CommandRunner, Clock, OutboxRelay, KafkaEventPublisher, KAFKA, KAFKA_CONFIG, EVENT_TOPIC],
    };
  }
}

export const InjectEventTopic = () => Inject(EVENT_TOPIC);
