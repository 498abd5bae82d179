import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, ManualClock } from '@houqin/event-sourcing';
import { AppOptions, configureApp, createHttpApp } from '@houqin/platform';
import { dropSchema, TEST_DATABASE_URL, uniqueName } from '@houqin/testing';
import { FacilitiesModule } from '../../src/app.module';

/**
 * The real facilities module over HTTP in the test's process: its own schema, the test's
 * clock, no relay and no scheduler timer (tests call tick()). `start()` again for a replica.
 */
export class FacilitiesTestApp {
  readonly schema: string;
  readonly apps: INestApplication[] = [];

  constructor(prefix: string, readonly clock = new ManualClock('2026-11-24T08:00:00.000Z'), private readonly appOptions: Partial<AppOptions> = {}) {
    this.schema = uniqueName(prefix);
  }

  private env(): Record<string, string> {
    return { FACILITIES_DATABASE_URL: TEST_DATABASE_URL, FACILITIES_DB_SCHEMA: this.schema, OUTBOX_RELAY: 'off', FACILITIES_SLA_SCAN_INTERVAL_MS: '0' };
  }

  async start(): Promise<INestApplication> {
    Object.assign(process.env, this.env());
    const moduleRef = await Test.createTestingModule({ imports: [FacilitiesModule] }).overrideProvider(Clock).useValue(this.clock).compile();
    const app = configureApp(await createHttpApp(moduleRef, { logger: false }), { title: 'facilities', ...this.appOptions });
    await app.init();
    this.apps.push(app);
    return app;
  }

  async stop(): Promise<void> {
    for (const app of this.apps) await app.close();
    await dropSchema(this.schema);
    for (const name of Object.keys(this.env())) delete process.env[name];
  }
}
