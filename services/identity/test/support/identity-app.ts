import { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Clock, ManualClock } from '@houqin/event-sourcing';
import { configureApp, createHttpApp } from '@houqin/platform';
import { dropSchema, TEST_DATABASE_URL, uniqueName } from '@houqin/testing';
import { IDENTITY_APP_OPTIONS } from '../../src/app-options';
import { IdentityModule } from '../../src/app.module';

export const ADMIN_PASSWORD = 'Bootstrap#2026';

/**
 * The real identity module over HTTP in the test's process: its own schema, the test's clock, no relay,
 * no key-rotation timer (tests rotate by hand), the bootstrap admin `admin` with ADMIN_PASSWORD.
 */
export class IdentityTestApp {
  readonly schema: string;
  app!: INestApplication;

  constructor(
    prefix: string,
    readonly clock = new ManualClock('2026-11-30T08:00:00.000Z'),
    private readonly extraEnv: Record<string, string> = {},
  ) {
    this.schema = uniqueName(prefix);
  }

  private env(): Record<string, string> {
    return {
      IDENTITY_DATABASE_URL: TEST_DATABASE_URL,
      IDENTITY_DB_SCHEMA: this.schema,
      OUTBOX_RELAY: 'off',
      IDENTITY_KEY_CHECK_INTERVAL_MS: '0',
      IDENTITY_KEY_SECRET: 'identity-test-secret-0123456789abcdef',
      IDENTITY_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...this.extraEnv,
    };
  }

  async start(logger: LoggerService | false = false): Promise<INestApplication> {
    Object.assign(process.env, this.env());
    const moduleRef = await Test.createTestingModule({ imports: [IdentityModule] }).overrideProvider(Clock).useValue(this.clock).compile();
    this.app = configureApp(await createHttpApp(moduleRef, { logger }), IDENTITY_APP_OPTIONS);
    await this.app.init();
    return this.app;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await dropSchema(this.schema);
    for (const name of Object.keys(this.env())) delete process.env[name];
  }

  http() {
    return request(this.app.getHttpServer());
  }

  login(username: string, password: string) {
    return this.http().post('/auth/login').send({ username, password });
  }

  /** Logs in and answers the access token (expects 200). */
  async token(username: string, password: string): Promise<string> {
    const reply = await this.login(username, password).expect(200);
    return reply.body.accessToken as string;
  }

  post(path: string, bearer: string, body: object = {}) {
    return this.http().post(path).set('authorization', `Bearer ${bearer}`).send(body);
  }

  put(path: string, bearer: string, body: object = {}) {
    return this.http().put(path).set('authorization', `Bearer ${bearer}`).send(body);
  }

  get(path: string, bearer: string) {
    return this.http().get(path).set('authorization', `Bearer ${bearer}`);
  }

  /** A fresh system admin token (tests move the clock past the access TTL). */
  admin(): Promise<string> {
    return this.token('admin', ADMIN_PASSWORD);
  }

  /** Creates an account, changes its initial password, and answers its id, username, password and token. */
  async person(fields: { username: string; role: string; schoolId?: string; phone: string; posts?: string[] }, by?: string) {
    const created = await this.post('/accounts', by ?? (await this.admin()), { displayName: fields.username, initialPassword: 'Initial#2026', ...fields }).expect(201);
    const first = await this.login(fields.username, 'Initial#2026').expect(200);
    const changed = await this.post('/auth/password', first.body.accessToken, { currentPassword: 'Initial#2026', newPassword: 'Changed#2026' }).expect(200);
    return { id: created.body.accountId as string, username: fields.username, password: 'Changed#2026', token: changed.body.accessToken as string, refreshToken: changed.body.refreshToken as string };
  }
}

export const school = (code: string, extra: object = {}) => ({
  code,
  name: `第${code}实验学校`,
  type: 'primary',
  address: '人民路 1 号',
  boarding: false,
  canteen: true,
  schoolBuses: false,
  floorAreaM2: 12500,
  ...extra,
});
