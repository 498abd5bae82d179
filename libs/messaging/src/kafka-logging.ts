import { Logger } from '@nestjs/common';
import { LogEntry, logLevel } from 'kafkajs';

/**
 * Retriable messages kafkajs logs as errors while a broker or a fresh group coordinator
 * is starting (or that we accept on purpose); it retries and succeeds, so they go to debug.
 */
const NOISY = [
  'The group coordinator is not available',
  'coordinator is loading',
  'There is no leader for this topic-partition',
  'This server does not host this topic-partition',
  // Intended: publishes must fail in bounded time; the publisher replaces the producer after a failure.
  'Limiting retries for the idempotent producer',
];

export const isNoisyKafkaMessage = (message: string): boolean => NOISY.some((n) => message.includes(n));

export function parseKafkaLogLevel(raw: string | undefined): logLevel {
  switch ((raw ?? 'WARN').toUpperCase()) {
    case 'NOTHING':
      return logLevel.NOTHING;
    case 'ERROR':
      return logLevel.ERROR;
    case 'INFO':
      return logLevel.INFO;
    case 'DEBUG':
      return logLevel.DEBUG;
    default:
      return logLevel.WARN;
  }
}

const loggers = new Map<string, Logger>();
const loggerFor = (namespace: string): Logger => {
  const context = namespace ? `kafkajs.${namespace}` : 'kafkajs';
  let logger = loggers.get(context);
  if (!logger) loggers.set(context, (logger = new Logger(context)));
  return logger;
};

/** kafkajs logCreator routing to the Nest Logger (kafkajs filters by its logLevel first). */
export const kafkaLogCreator =
  () =>
  ({ namespace, level, log }: LogEntry): void => {
    const { message, timestamp: _t, logger: _l, ...extra } = log as LogEntry['log'] & { logger?: string };
    const text = Object.keys(extra).length ? `${message} ${JSON.stringify(extra)}` : message;
    const logger = loggerFor(namespace);
    if (level <= logLevel.WARN && isNoisyKafkaMessage(`${message} ${String(extra['error'] ?? '')}`)) {
      logger.debug(text);
    } else if (level === logLevel.ERROR) logger.error(text);
    else if (level === logLevel.WARN) logger.warn(text);
    else if (level === logLevel.INFO) logger.log(text);
    else logger.debug(text);
  };
