import { INestApplication, Logger } from '@nestjs/common';
import { Topics, TopicName } from '@houqin/contracts';
import { isTransientDatabaseError } from '@houqin/event-store';
import { createKafka, ensureTopics, kafkaConfigFromEnv, KafkaEventTransport, KafkaEventTransportOptions, topicName } from '@houqin/messaging';
import { Prepared } from '@houqin/projection-store';
import { SERVICE } from '../app.module';
import { SchoolRegisterProjection } from '../application/school-register-projection';
import { WorkOrderProjection } from '../application/work-order-projection';
import { FACILITIES_EVENTS, IDENTITY_EVENTS } from './event-streams';

/** How the bureau consumes facilities' events: its group, and which failures are waited out rather than dead-lettered. */
export const bureauConsumerOptions = (env: NodeJS.ProcessEnv = process.env): KafkaEventTransportOptions => ({
  kafka: kafkaConfigFromEnv(SERVICE, env),
  groupId: env['BUREAU_CONSUMER_GROUP'] ?? 'bureau',
  duplicateDelivery: env['HOUQIN_FAULT_DUPLICATE_DELIVERY'] === '1',
  // An outage, an overload or a clash with another transaction is not a poison message:
  // retried with backoff and jitter until it passes, never dead-lettered.
  isTransient: isTransientDatabaseError,
});

/**
 * How the bureau consumes identity's events (the school register): a group of its own,
 * `BUREAU_SCHOOLS_CONSUMER_GROUP`, by default the bureau's group + `-schools`, so that
 * rewinding one topic never moves the other's offsets.
 */
export const schoolsConsumerOptions = (env: NodeJS.ProcessEnv = process.env): KafkaEventTransportOptions => {
  const bureau = bureauConsumerOptions(env);
  return { ...bureau, groupId: env['BUREAU_SCHOOLS_CONSUMER_GROUP'] ?? `${bureau.groupId}-schools` };
};

/** Subscribes the @EventPattern handlers to Kafka, one transport (consumer group) per topic, once the read models are prepared. */
export async function connectEventTransport(app: INestApplication): Promise<void> {
  const figures = bureauConsumerOptions();
  const schools = schoolsConsumerOptions();
  await prepareFigures(app.get(WorkOrderProjection), figures);
  await prepareSchoolRegister(app.get(SchoolRegisterProjection), schools);
  app.connectMicroservice({ strategy: transport(figures, FACILITIES_EVENTS) }, { inheritAppConfig: true });
  app.connectMicroservice({ strategy: transport(schools, IDENTITY_EVENTS) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}

const transport = (options: KafkaEventTransportOptions, id: symbol) => Object.assign(new KafkaEventTransport(options), { transportId: id });

/**
 * Status rows; if a figure is new here or was emptied for a new version, the consumer group
 * starts over from the first event (the others absorb what they counted, by stream version).
 */
export async function prepareFigures(projection: WorkOrderProjection, options: KafkaEventTransportOptions): Promise<string[]> {
  return rewindIfFromStart(await projection.prepare(), options, Topics.facilitiesEvents);
}

/** The same for the school register, on identity's topic under its own group. */
export async function prepareSchoolRegister(projection: SchoolRegisterProjection, options: KafkaEventTransportOptions): Promise<string[]> {
  return rewindIfFromStart(await projection.prepare(), options, Topics.identityEvents);
}

async function rewindIfFromStart(prepared: Map<string, Prepared>, options: KafkaEventTransportOptions, topic: TopicName): Promise<string[]> {
  const fromStart = [...prepared].filter(([, p]) => p.fromStart).map(([name, p]) => (p.rebuilt ? `${name} (rebuilt from v${p.fromVersion})` : `${name} (new)`));
  if (fromStart.length > 0) await rewindGroup(options, topic, fromStart);
  return fromStart;
}

/** The group must have no live member (another replica): Kafka refuses to move a running group's offsets, and so does this start. */
async function rewindGroup(options: KafkaEventTransportOptions, baseTopic: TopicName, projections: string[]): Promise<void> {
  const kafka = createKafka(options.kafka);
  const topic = topicName(options.kafka, baseTopic);
  new Logger('Projections').warn(`projecting ${projections.join(', ')} from the first event: consumer group ${options.groupId} reads ${topic} from its first event again`);
  await ensureTopics(kafka, [{ topic }]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.resetOffsets({ groupId: options.groupId, topic, earliest: true });
  } finally {
    await admin.disconnect();
  }
}
