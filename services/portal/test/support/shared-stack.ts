import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { Platform } from '@houqin/testing';
import { STACK_ENV, StackDescription, StackService } from './stack';

/**
 * The repository this file is in. Jest resolves a global setup's imports without the config's moduleNameMapper, so
 * libs/testing comes from its build (dist/, which the global setup has just made), and infra/jest's helpers by path.
 */
const ROOT = path.resolve(__dirname, '../../../..');
const SERVICES: StackService[] = ['identity', 'facilities', 'bureau', 'audit', 'gateway'];

interface Running {
  platform: Platform;
  stopping: boolean;
  crashes: string[];
}

/** The stack of this Jest process, from the global setup to the global teardown (they share the process's global). */
const KEY = Symbol.for('houqin.portal.stack');
const held = globalThis as unknown as Record<symbol, Running | undefined>;

/**
 * Starts identity, facilities, bureau, audit and the gateway (serving the built portal) once for all the journeys,
 * on one schema per service and one topic prefix, and hands their URLs to the specs in HOUQIN_PORTAL_STACK. Each
 * service's settings are the union of what the journeys need. A service that dies later is written down for the
 * specs (which fail naming its log) and fails the global teardown.
 */
export async function startSharedStack(): Promise<void> {
  // The tests' own settings, as the preset's setup files give each test: development tokens, the test broker.
  process.env['HOUQIN_DEV_AUTH'] ??= '1';
  (require(path.join(ROOT, 'infra/jest/test-broker.js')) as { useTestBrokerByDefault(env: NodeJS.ProcessEnv): void }).useTestBrokerByDefault(process.env);
  const { Platform } = require(path.join(ROOT, 'dist/libs/testing/src/index.js')) as typeof import('@houqin/testing');
  const platform = new Platform({ withIdentity: true });
  const running: Running = { platform, stopping: false, crashes: [] };
  held[KEY] = running;
  const crashes = path.join(platform.logs, 'crashed.txt');
  const logOf = (service: StackService) => path.join(platform.logs, `${service}.log`);
  try {
    await platform.start({
      // Short-lived access tokens: the portal refreshes one minute before expiry, so every journey runs across refreshes.
      identity: { IDENTITY_ACCESS_TTL: '70s' },
      // No SLA scan (the journeys' deadlines stay as reported); failed inspection items become work orders within 500 ms.
      facilities: { FACILITIES_SLA_SCAN_INTERVAL_MS: '0', FACILITIES_INSPECTION_WORK_ORDERS_INTERVAL_MS: '500' },
      // The portal of this checkout's build (the global setup's vite build writes it there, whatever HOUQIN_DIST says).
      gateway: { PORTAL_DIST: path.join(ROOT, 'dist/services/portal') },
    });
  } catch (err) {
    await stopSharedStack().catch((cleanup: unknown) => console.error(`could not clean up the portal journeys' stack: ${String(cleanup)}`));
    throw new Error(`the portal journeys' stack did not start (logs: ${platform.logs}): ${(err as Error).message}`);
  }
  for (const service of SERVICES) {
    platform.process(service)?.once('exit', (code, signal) => {
      if (running.stopping) return;
      const line = `${service} exited (${signal ?? `code ${code}`}) while the journeys ran; its log: ${logOf(service)}`;
      running.crashes.push(line);
      appendFileSync(crashes, `${line}\n`);
    });
  }
  const description: StackDescription = {
    run: platform.run,
    urls: Object.fromEntries(SERVICES.map((service) => [service, platform.url(service)])) as Record<StackService, string>,
    logs: platform.logs,
    crashes,
  };
  process.env[STACK_ENV] = JSON.stringify(description);
}

/**
 * Stops the services and removes the run's topics and schemas (Platform.stop), whether the journeys passed or not.
 * Fails, naming the logs, when a service died while they ran.
 */
export async function stopSharedStack(): Promise<void> {
  const running = held[KEY];
  if (!running) return;
  held[KEY] = undefined;
  running.stopping = true;
  delete process.env[STACK_ENV];
  await running.platform.stop();
  if (running.crashes.length > 0) throw new Error(`the portal journeys' stack lost a service:\n${running.crashes.join('\n')}`);
}
