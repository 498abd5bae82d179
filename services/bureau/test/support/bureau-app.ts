import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureApp, createHttpApp } from '@houqin/platform';
import { createKafka, ensureTopics, KafkaEventPublisher, toOutgoingMessage, topicName } from '@houqin/messaging';
import { EventEnvelope, TopicName } from '@houqin/contracts';
import { dropSchema, TEST_DATABASE_URL, uniqueName } from '@houqin/testing';
import { BureauModule } from '../../src/app.module';
import { bureauConsumerOptions, connectEventTransport } from '../../src/infrastructure/event-transport';

/**
 * The real bureau module over HTTP in the test's process, with its Kafka consumers (both groups)
 * on the tests' broker: its own schema, topic prefix and consumer groups. Events are published
 * as identity and facilities publish them.
 */
export class BureauTestApp {
  readonly schema = uniqueName('bureau_http');
  readonly run = uniqueName('it');
  app!: INestApplication;

  private env(): Record<string, string> {
    return { BUREAU_DATABASE_URL: TEST_DATABASE_URL, BUREAU_DB_SCHEMA: this.schema, KAFKA_TOPIC_PREFIX: `${this.run}.`, BUREAU_CONSUMER_GROUP: `${this.run}-bureau` };
  }

  async start(): Promise<INestApplication> {
    Object.assign(process.env, this.env());
    const moduleRef = await Test.createTestingModule({ imports: [BureauModule] }).compile();
    this.app = configureApp(await createHttpApp(moduleRef, { logger: false }), { title: 'bureau' });
    await connectEventTransport(this.app);
    await this.app.init();
    return this.app;
  }

  /** Its Kafka settings (topic prefix), also before it started. */
  kafka() {
    return bureauConsumerOptions({ ...process.env, ...this.env() }).kafka;
  }

  async publish(topic: TopicName, events: EventEnvelope[]): Promise<void> {
    const kafka = this.kafka();
    await ensureTopics(createKafka(kafka), [{ topic: topicName(kafka, topic) }]);
    const publisher = new KafkaEventPublisher(kafka);
    try {
      await publisher.publish(events.map((e) => toOutgoingMessage(topicName(kafka, topic), e)));
    } finally {
      await publisher.disconnect();
    }
  }

  /** Stops the app (consumers leave their groups), keeping its schema and topics: `start()` again is a restart. */
  async close(): Promise<void> {
    await this.app?.close();
  }

  async stop(): Promise<void> {
    const kafka = this.kafka();
    await this.app?.close();
    await dropSchema(this.schema);
    const admin = createKafka(kafka).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(kafka.topicPrefix));
    if (topics.length) await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
    for (const name of Object.keys(this.env())) delete process.env[name];
  }
}
