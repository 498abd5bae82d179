import { DynamicModule, INestApplication, Logger, LogLevel, Type } from '@nestjs/common';
import { AppOptions, configureApp } from './configure-app';
import { createHttpApp } from './http-adapter';
import { assertRoutesGuarded } from './route-guard';

export interface BootstrapOptions extends AppOptions {
  module: Type<unknown> | DynamicModule;
  /** Service name, used for logs. */
  name: string;
  /** Used when PORT is not set. */
  defaultPort: number;
  /** Runs after configuration and before listening (e.g. to connect a Kafka transport). */
  beforeListen?: (app: INestApplication) => Promise<void>;
}

/** Starts a service on PORT (or defaultPort) and HOST (default 127.0.0.1). */
export async function bootstrapService(options: BootstrapOptions): Promise<INestApplication> {
  const port = Number(process.env.PORT ?? options.defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid PORT ${process.env.PORT}`);
  const host = process.env.HOST ?? '127.0.0.1';

  // LOG_LEVEL=debug shows debug and verbose lines too (e.g. each absorbed duplicate).
  const logger: LogLevel[] = process.env.LOG_LEVEL === 'debug' ? ['error', 'warn', 'log', 'debug', 'verbose'] : ['error', 'warn', 'log'];
  // forceCloseConnections: keep-alive clients must not hold a shutdown open. HTTP_ADAPTER picks Express or Fastify.
  const app = await createHttpApp(options.module, { bufferLogs: false, logger, forceCloseConnections: true });
  try {
    assertRoutesGuarded(app);
  } catch (err) {
    await app.close();
    throw err;
  }
  configureApp(app, options);
  await options.beforeListen?.(app);
  await app.listen(port, host);

  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  new Logger(options.name).log(`${options.name} listening on ${url} (API docs: ${url}/docs)`);
  return app;
}
