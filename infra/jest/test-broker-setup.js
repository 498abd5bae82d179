// Jest global setup: an integration config (*.int-spec.ts) run by hand starts the test broker if it is down
// (`npm test` has started it already). Never a broker named by KAFKA_BROKERS.
const { execFileSync } = require('child_process');
const { connect } = require('net');
const { KAFKA_SH, testBrokerEnv } = require('./test-broker');

const listening = (port) =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

module.exports = async (_globalConfig, projectConfig) => {
  const integration = projectConfig.testMatch.some((pattern) => pattern.includes('int-spec'));
  if (!integration || process.env.KAFKA_BROKERS) return;
  const env = testBrokerEnv();
  if (await listening(Number(env.KAFKA_PORT))) return;
  try {
    execFileSync('bash', [KAFKA_SH, 'start'], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    throw new Error(`could not start the test broker (${KAFKA_SH} start):\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
};
