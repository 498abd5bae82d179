import { LoggerService } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import ExcelJS from 'exceljs';
import { sql, uniqueName } from '@houqin/testing';
import { ADMIN_PASSWORD, IdentityTestApp, school } from './support/identity-app';

/**
 * With every log level captured (the app's logger, console, stdout and stderr) and the outbox relay on
 * (real test broker): a run through every path that handles a secret leaves no password, hash, token or
 * private key in any line, and identity's events reach `identity.events.v1`.
 */
const prefix = `${uniqueName('t')}.`;
const identity = new IdentityTestApp('identity_logs', undefined, { OUTBOX_RELAY: 'on', KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'debug' });
const lines: string[] = [];
const record = (...args: unknown[]) => void lines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
const capture: LoggerService = { log: record, error: record, warn: record, debug: record, verbose: record, fatal: record };
const restore: (() => void)[] = [];

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const spy = jest.spyOn(console, method).mockImplementation(record);
    restore.push(() => spy.mockRestore());
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      record(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = write));
  }
  await identity.start(capture);
});
afterAll(async () => {
  await identity.stop();
  for (const undo of restore) undo();
});

it('logs no password, hash, token or private key on any path', async () => {
  const secrets: string[] = [ADMIN_PASSWORD, 'Initial#2026', 'Changed#2026', 'Wrong#Secret9', 'Reset#Secret9'];
  const admin = await identity.admin();
  await identity.post('/schools', admin, school('S001')).expect(201);
  const created = await identity.post('/accounts', admin, { username: 'log.check', displayName: '日志', phone: '13600000001', role: 'school-staff', schoolId: 'S001', initialPassword: 'Initial#2026' }).expect(201);
  for (let i = 0; i < 6; i++) await identity.login('log.check', 'Wrong#Secret9').expect(401);
  await identity.login('nobody', 'Wrong#Secret9').expect(401);
  await identity.post(`/accounts/${created.body.accountId}/enable`, admin).expect(200);
  const first = await identity.login('log.check', 'Initial#2026').expect(200);
  await identity.post('/auth/password', first.body.accessToken, { currentPassword: 'Wrong#Secret9', newPassword: 'Changed#2026' }).expect(400);
  const changed = await identity.post('/auth/password', first.body.accessToken, { currentPassword: 'Initial#2026', newPassword: 'Changed#2026' }).expect(200);
  const refreshed = await identity.http().post('/auth/refresh').send({ refreshToken: changed.body.refreshToken }).expect(200);
  await identity.http().post('/auth/refresh').send({ refreshToken: changed.body.refreshToken }).expect(401); // reuse
  const again = await identity.login('log.check', 'Changed#2026').expect(200);
  await identity.http().post('/auth/logout').send({ refreshToken: again.body.refreshToken }).expect(204);
  const reset = await identity.post(`/accounts/${created.body.accountId}/reset-password`, admin, { initialPassword: 'Reset#Secret9' }).expect(200);
  const generated = await identity.post(`/accounts/${created.body.accountId}/reset-password`, admin).expect(200);
  const book = new ExcelJS.Workbook();
  book.addWorksheet('x').addRows([['用户名', '姓名', '手机号', '学校代码', '初始密码'], ['xls.one', '表一', '13600000002', 'S001', 'Sheet#Secret9'], ['xls.two', '表二', '13600000003', 'S001', '']]);
  const imported = await identity.post('/accounts/import', admin, { fileName: 'a.xlsx', contentBase64: Buffer.from(await book.xlsx.writeBuffer()).toString('base64') }).expect(200);
  await identity.post('/auth/keys/rotate', admin).expect(200);
  await identity.http().get('/me').set('authorization', 'Bearer not.a.token').expect(401);

  secrets.push('Sheet#Secret9', generated.body.initialPassword, imported.body.rows[1].initialPassword);
  for (const answer of [first.body, changed.body, refreshed.body, again.body]) secrets.push(answer.accessToken, answer.refreshToken);
  const hashes = await sql<{ hash: string }>(identity.schema, 'SELECT hash FROM credentials');
  secrets.push(...hashes.map((h) => h.hash), ...(await sql<{ k: string }>(identity.schema, 'SELECT private_key_enc AS k FROM signing_keys')).map((r) => r.k));
  expect(reset.body).not.toHaveProperty('initialPassword');
  expect(hashes.length).toBeGreaterThan(4);

  const log = lines.join('\n');
  expect(lines.length).toBeGreaterThan(5); // the capture works: logins, refusals, reuse and rotation are logged
  expect(log).toContain('Login refused');
  for (const secret of secrets) expect(secret && log.includes(secret) ? secret : undefined).toBeUndefined();
  expect(log).not.toMatch(/\$argon2id\$|PRIVATE KEY|eyJ[A-Za-z0-9_-]{10,}\./);
  // Nor in the events the auditors read.
  const stored = JSON.stringify(await sql(identity.schema, 'SELECT data, metadata FROM events'));
  for (const secret of secrets) expect(stored.includes(secret) ? secret : undefined).toBeUndefined();
});

it("publishes identity's events on identity.events.v1 through the outbox relay", async () => {
  const kafka = new Kafka({ clientId: 'identity-test', brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName('identity-test') });
  const seen: { type: string; schoolId: string }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: `${prefix}identity.events.v1`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(String(message.value))) });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !seen.some((e) => e.type === 'AccountPasswordChanged')) await new Promise((r) => setTimeout(r, 200));
  } finally {
    await consumer.disconnect();
  }
  const types = new Set(seen.map((e) => e.type));
  for (const type of ['AccountCreated', 'SchoolRegistered', 'AccountLoginFailed', 'AccountLockedOut', 'AccountLoggedIn', 'AccountPasswordChanged', 'AccountSessionRevoked', 'AccountLoggedOut']) expect(types).toContain(type);
  expect(seen.find((e) => e.type === 'SchoolRegistered')).toMatchObject({ schoolId: 'S001' });
  expect(seen.find((e) => e.type === 'AccountCreated' && e.schoolId === 'district')).toBeDefined();
});
