// The tests' own Kafka broker (infra/kafka/test-broker.env), beside the one `npm start` uses.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const KAFKA_SH = path.join(ROOT, 'infra/kafka/kafka.sh');

/** KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_DATA_DIR (absolute) and KAFKA_BROKERS of the test broker. */
function testBrokerEnv() {
  const env = {};
  for (const line of fs.readFileSync(path.join(ROOT, 'infra/kafka/test-broker.env'), 'utf8').split('\n')) {
    const setting = /^(KAFKA_[A-Z_]+)=(.*)$/.exec(line.trim());
    if (setting) env[setting[1]] = setting[2];
  }
  env.KAFKA_DATA_DIR = path.resolve(ROOT, env.KAFKA_DATA_DIR);
  env.KAFKA_BROKERS = `127.0.0.1:${env.KAFKA_PORT}`;
  return env;
}

/**
 * Jest run by hand (no KAFKA_BROKERS): the test broker, as `npm test` sets it. A KAFKA_BROKERS without KAFKA_DATA_DIR
 * is a broker the tests did not start (the district's, or `npm start`'s): they use it but never stop it.
 */
function useTestBrokerByDefault(env) {
  if (!env.KAFKA_BROKERS) Object.assign(env, testBrokerEnv());
  else if (!env.KAFKA_DATA_DIR) env.HOUQIN_EXTERNAL_KAFKA ??= '1';
  return env;
}

module.exports = { KAFKA_SH, testBrokerEnv, useTestBrokerByDefault };
