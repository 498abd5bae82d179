import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { authConfigFromEnv, Principal, signToken } from '@houqin/auth';
import { createKafka, kafkaConfigFromEnv } from '@houqin/messaging';
import { dropSchema, TEST_DATABASE_URL, uniqueName } from './test-database';

/** Repository root, from the sources (libs/testing/src) or the build (dist/libs/testing/src). */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../../..' : '../../..');
/** The build the services run from: dist/, or HOUQIN_DIST (e.g. a build of one's own beside others' work). */
const DIST = path.resolve(ROOT, process.env['HOUQIN_DIST'] ?? 'dist');
export type ServiceName = 'identity' | 'facilities' | 'bureau' | 'audit' | 'gateway';
const CORE: ServiceName[] = ['facilities', 'bureau', 'audit'];

export interface PlatformOptions {
  /**
   * Also identity (started first; the others verify its tokens at its JWKS) and the gateway
   * (last, in front of all, serving the built portal). Development tokens keep working beside them.
   */
  withIdentity?: boolean;
}

/** The services as separate processes, isolated by schema, topic prefix and ports. */
export class Platform {
  readonly run = uniqueName('e2e');
  readonly topicPrefix = `${this.run}.`;
  readonly ports = {} as Record<ServiceName, number>;
  /** The bootstrap system admin's password (account `admin`), when identity runs. */
  readonly adminPassword = `Hq#${randomBytes(8).toString('hex')}aZ9`;
  private readonly services: ServiceName[];
  private readonly processes = new Map<ServiceName, ChildProcess>();
  private readonly logDir = path.join(ROOT, '.run', 'e2e', this.run);
  private readonly keySecret = randomBytes(32).toString('base64');

  constructor(options: PlatformOptions = {}) {
    this.services = options.withIdentity ? ['identity', ...CORE, 'gateway'] : CORE;
  }

  has(service: ServiceName): boolean {
    return this.services.includes(service);
  }

  schema(service: ServiceName): string {
    return `${this.run}_${service}`;
  }

  url(service: ServiceName): string {
    return `http://127.0.0.1:${this.ports[service]}`;
  }

  async start(extraEnv: Partial<Record<ServiceName, Record<string, string>>> = {}): Promise<this> {
    mkdirSync(this.logDir, { recursive: true });
    if (!process.env['HOUQIN_EXTERNAL_KAFKA']) kafka('start'); // the tests' own broker, if it is down
    for (const service of this.services) this.ports[service] = await freePort();
    for (const service of this.services) await this.startService(service, extraEnv[service]);
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
    const child = spawn(process.execPath, [...nodeArgs, path.join(DIST, 'services', service, 'src/main.js')], {
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
    if (!child || child.exitCode !== null || child.signalCode !== null) return; // exited, or killed by a signal
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
    for (const service of [...this.services].reverse()) await this.stopService(service);
    try {
      await deleteRunTopics(this.topicPrefix);
    } finally {
      for (const service of this.services) if (service !== 'gateway') await dropSchema(this.schema(service));
    }
  }

  private env(service: ServiceName): Record<string, string> {
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      PORT: String(this.ports[service]),
      DATABASE_URL: TEST_DATABASE_URL,
      FACILITIES_DB_SCHEMA: this.schema('facilities'),
      BUREAU_DB_SCHEMA: this.schema('bureau'),
      AUDIT_DB_SCHEMA: this.schema('audit'),
      IDENTITY_DB_SCHEMA: this.schema('identity'),
      KAFKA_TOPIC_PREFIX: this.topicPrefix,
      BUREAU_CONSUMER_GROUP: `${this.run}-bureau`,
      FACILITIES_PROCUREMENT_CONSUMER_GROUP: `${this.run}-facilities-procurement`,
      FACILITIES_SCHOOLS_CONSUMER_GROUP: `${this.run}-facilities-schools`,
      BUREAU_URL: this.url('bureau'),
      KAFKA_PUBLISH_TIMEOUT_MS: '5000',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    };
    if (!this.has('identity')) return env;
    if (service === 'identity') {
      // Rotates no key by itself: a test rotates with POST /auth/keys/rotate. A new key signs 12 s after it is
      // published (default 30 s): above the services' JWKS_COOLDOWN_MS (10 s), enough for one replica without a cache in front.
      return {
        ...env,
        IDENTITY_BOOTSTRAP_ADMIN_PASSWORD: this.adminPassword,
        IDENTITY_KEY_SECRET: this.keySecret,
        IDENTITY_KEY_CHECK_INTERVAL_MS: '0',
        IDENTITY_KEY_ACTIVATION_DELAY_MS: '12000',
      };
    }
    if (service === 'gateway') {
      return {
        ...env,
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(this.ports.gateway),
        PORTAL_DIST: path.join(DIST, 'services/portal'),
        IDENTITY_URL: this.url('identity'),
        FACILITIES_URL: this.url('facilities'),
        AUDIT_URL: this.url('audit'),
      };
    }
    return { ...env, JWKS_URL: `${this.url('identity')}/.well-known/jwks.json` };
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
