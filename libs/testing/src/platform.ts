import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { authConfigFromEnv, Principal, signToken } from '@houqin/auth';
import { createKafka, kafkaConfigFromEnv } from '@houqin/messaging';
import { dropSchema, TEST_DATABASE_URL, uniqueName } from './test-database';

/** Repository root, from the sources (libs/testing/src) or the build (dist/libs/testing/src). */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../../..' : '../../..');
export type ServiceName = 'facilities' | 'bureau' | 'audit';
const SERVICES: ServiceName[] = ['facilities', 'bureau', 'audit'];

/** The three services as separate processes, isolated by schema, topic prefix and ports. */
export class Platform {
  readonly run = uniqueName('e2e');
  readonly topicPrefix = `${this.run}.`;
  readonly ports = {} as Record<ServiceName, number>;
  private readonly processes = new Map<ServiceName, ChildProcess>();
  private readonly logDir = path.join(ROOT, '.run', 'e2e', this.run);

  schema(service: ServiceName): string {
    return `${this.run}_${service}`;
  }

  url(service: ServiceName): string {
    return `http://127.0.0.1:${this.ports[service]}`;
  }

  async start(extraEnv: Partial<Record<ServiceName, Record<string, string>>> = {}): Promise<this> {
    mkdirSync(this.logDir, { recursive: true });
    if (!process.env['HOUQIN_EXTERNAL_KAFKA']) kafka('start'); // the tests' own broker, if it is down
    for (const service of SERVICES) this.ports[service] = await freePort();
    for (const service of SERVICES) await this.startService(service, extraEnv[service]);
    return this;
  }

  /** The running process of a service (e.g. to wait for it to die). */
  process(service: ServiceName): ChildProcess | undefined {
    return this.processes.get(service);
  }

  /** application_name of a service's own database connections (see dataSourceOptions). */
  applicationName(service: ServiceName): string {
    return `houqin-${this.schema(service)}`;
  }

  get logs(): string {
    return this.logDir;
  }

  async startService(service: ServiceName, extraEnv: Record<string, string> = {}, waitHealthy = true): Promise<void> {
    const log = openSync(path.join(this.logDir, `${service}.log`), 'a');
    // HOUQIN_NODE_ARGS: extra node flags for the services, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = (process.env['HOUQIN_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'dist/services', service, 'src/main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...this.env(service), ...extraEnv },
      stdio: ['ignore', log, log],
    });
    this.processes.set(service, child);
    if (waitHealthy) await waitForHealth(this.url(service), child);
  }

  async stopService(service: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.processes.get(service);
    this.processes.delete(service);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    // A service that does not stop within 20 s is killed, and the harness says so.
    const timer = setTimeout(() => {
      console.warn(`${service} did not stop on ${signal} within 20 s; killing it`);
      child.kill('SIGKILL');
    }, 20_000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops the services and leaves nothing of this run behind: its topics, its schemas. */
  async stop(): Promise<void> {
    for (const service of SERVICES) await this.stopService(service);
    try {
      await deleteRunTopics(this.topicPrefix);
    } finally {
      for (const service of SERVICES) await dropSchema(this.schema(service));
    }
  }

  private env(service: ServiceName): Record<string, string> {
    return {
      NODE_ENV: 'test',
      PORT: String(this.ports[service]),
      DATABASE_URL: TEST_DATABASE_URL,
      FACILITIES_DB_SCHEMA: this.schema('facilities'),
      BUREAU_DB_SCHEMA: this.schema('bureau'),
      AUDIT_DB_SCHEMA: this.schema('audit'),
      KAFKA_TOPIC_PREFIX: this.topicPrefix,
      BUREAU_CONSUMER_GROUP: `${this.run}-bureau`,
      BUREAU_URL: this.url('bureau'),
      KAFKA_PUBLISH_TIMEOUT_MS: '5000',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    };
  }
}

export const token = (principal: Principal) => signToken(principal, authConfigFromEnv(), { expiresIn: '1h' });

/**
 * Starts or stops the tests' own broker: the one KAFKA_PORT and KAFKA_DATA_DIR name (set by the test scripts and the
 * Jest setup from infra/kafka/test-broker.env). Refuses without them, or with an external Kafka, rather than stop the
 * broker `npm start` uses. Quiet unless it fails.
 */
export function kafka(command: 'start' | 'stop'): void {
  if (process.env['HOUQIN_EXTERNAL_KAFKA'] || !process.env['KAFKA_DATA_DIR']) {
    throw new Error(`kafka('${command}') manages only the tests' own broker (KAFKA_DATA_DIR unset or KAFKA_BROKERS external)`);
  }
  try {
    // The env explicitly: under Jest, process.env is the test's copy, where the setup put the test broker's settings.
    execFileSync('bash', [path.join(ROOT, 'infra/kafka/kafka.sh'), command], { env: process.env, encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    throw new Error(`kafka.sh ${command} failed:\n${stdout}${stderr}`);
  }
}

/** Deletes every topic whose name starts with `prefix` (one test run's) and waits until the broker lists none. */
export async function deleteRunTopics(prefix: string): Promise<void> {
  const admin = createKafka(kafkaConfigFromEnv('houqin-test-cleanup')).admin();
  await admin.connect();
  try {
    const ofRun = async () => (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    const topics = await ofRun();
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await eventually(async () => ((await ofRun()).length === 0 ? true : undefined), 15_000, 200);
  } finally {
    await admin.disconnect();
  }
}

/** Polls until `probe` returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`${url} exited with ${child.exitCode}`);
    const response = await fetch(`${url}/health`).catch(() => undefined);
    return response?.ok ? true : undefined;
  }, 60_000, 200).catch((err) => {
    throw new Error(`Service at ${url} did not become healthy: ${(err as Error).message}`);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
