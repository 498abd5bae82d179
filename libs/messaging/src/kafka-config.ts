import { Kafka, KafkaConfig as KafkaJsConfig, SASLOptions } from 'kafkajs';
import { kafkaLogCreator, parseKafkaLogLevel } from './kafka-logging';

/** Connection settings of one service (or test run). Topic names passed around are always full names. */
export interface KafkaConfig {
  clientId: string;
  brokers: string[];
  /** Prepended to every base topic name (a district or a test run isolates its topics). */
  topicPrefix: string;
  ssl?: boolean;
  sasl?: SASLOptions;
}

type Env = Record<string, string | undefined>;

export function kafkaConfigFromEnv(clientId: string, env: Env = process.env): KafkaConfig {
  const brokers = (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const config: KafkaConfig = { clientId, brokers, topicPrefix: env['KAFKA_TOPIC_PREFIX'] ?? '' };
  if (env['KAFKA_SSL'] === 'true') config.ssl = true;
  const mechanism = env['KAFKA_SASL_MECHANISM'];
  if (mechanism && env['KAFKA_SASL_USERNAME']) {
    if (mechanism !== 'plain' && mechanism !== 'scram-sha-256' && mechanism !== 'scram-sha-512') {
      throw new Error(`Unsupported KAFKA_SASL_MECHANISM ${mechanism}`);
    }
    config.sasl = { mechanism, username: env['KAFKA_SASL_USERNAME'], password: env['KAFKA_SASL_PASSWORD'] ?? '' };
  }
  return config;
}

/** Full topic name of a base name from @houqin/contracts `Topics`. */
export const topicName = (config: Pick<KafkaConfig, 'topicPrefix'>, base: string): string =>
  `${config.topicPrefix}${base}`;

/** `overrides` (e.g. a socketFactory for fault injection) win over the settings below. */
export function createKafka(config: KafkaConfig, overrides: Partial<KafkaJsConfig> = {}, env: Env = process.env): Kafka {
  const options: KafkaJsConfig = {
    clientId: config.clientId,
    brokers: config.brokers,
    ssl: config.ssl,
    sasl: config.sasl,
    logLevel: parseKafkaLogLevel(env['KAFKA_LOG_LEVEL']),
    logCreator: kafkaLogCreator,
    // Explicit so behaviour does not depend on NODE_ENV (kafkajs uses other defaults under 'test').
    // A broker that is down fails a connect after ~9 s (300+600+1200+2400+4800 ms).
    retry: { initialRetryTime: 300, multiplier: 2, factor: 0.2, retries: 5, maxRetryTime: 30_000 },
  };
  return new Kafka({ ...options, ...overrides });
}

export const envInt = (env: Env, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer (got '${raw}')`);
  return n;
};
