// Jest setup: the Nest Logger (kafkajs logs through it, see libs/messaging/src/kafka-logging.ts) writes to the console,
// which quiet-environment.js holds per test, instead of straight to stdout. Not with HOUQIN_TEST_VERBOSE=1 or LOG_LEVEL=debug.
if (process.env.HOUQIN_TEST_VERBOSE !== '1' && process.env.LOG_LEVEL !== 'debug') {
  const { ConsoleLogger, Logger } = require('@nestjs/common');
  Logger.overrideLogger(new ConsoleLogger({ forceConsole: true }));
}
