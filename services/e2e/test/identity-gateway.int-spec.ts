import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { call, eventually, Platform } from '@houqin/testing';

/**
 * Identity and the gateway with the other services, each its own process, as `npm start` runs
 * them: people log in through the gateway, the services accept identity's tokens through its
 * JWKS (a key rotation needs no restart), and no password or token reaches any log.
 */
const platform = new Platform({ withIdentity: true });
const school = `G${randomUUID().slice(0, 6)}`;
const password = () => `Hq#${randomBytes(6).toString('hex')}aZ9`;
const gateway = (p: string) => `${platform.url('gateway')}/api${p}`;
const secrets: string[] = [];

async function login(username: string, pass: string) {
  const reply = await call('POST', gateway('/identity/auth/login'), { body: { username, password: pass }, idempotencyKey: null });
  if (reply.status === 200) secrets.push(reply.body.accessToken, reply.body.refreshToken);
  return reply;
}

/** A person with an initial password (to be changed at first login), created by the admin. */
async function createPerson(admin: string, username: string, role: string, schoolId?: string) {
  const initialPassword = password();
  secrets.push(initialPassword);
  const body = { username, displayName: `测试 ${username}`, phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, role, ...(schoolId ? { schoolId } : {}), posts: [], initialPassword };
  // The school's registration reaches identity's read model a moment after its command.
  const reply = await eventually(async () => {
    const r = await call('POST', gateway('/identity/accounts'), { token: admin, body });
    if (r.status === 400 && JSON.stringify(r.body).includes('schoolExists')) return undefined;
    return r;
  }, 10_000, 200);
  expect(reply.status).toBe(201);
  return { id: reply.body.accountId as string, initialPassword };
}

/** First login (forced change), then the new password's token pair. */
async function firstLogin(username: string, initialPassword: string) {
  const first = await login(username, initialPassword);
  expect(first.status).toBe(200);
  expect(first.body.mustChangePassword).toBe(true);
  // The forced-change token opens nothing but the change itself.
  expect((await call('GET', gateway('/facilities/work-orders'), { token: first.body.accessToken })).status).toBe(403);
  const newPassword = password();
  secrets.push(newPassword);
  const changed = await call('POST', gateway('/identity/auth/password'), { token: first.body.accessToken, body: { currentPassword: initialPassword, newPassword }, idempotencyKey: null });
  expect(changed.status).toBe(200);
  secrets.push(changed.body.accessToken, changed.body.refreshToken);
  return { ...(changed.body as { accessToken: string; refreshToken: string }), password: newPassword };
}

let admin: string;
let staff: { id: string; accessToken: string; refreshToken: string; password: string };
let official: string;

beforeAll(async () => {
  secrets.push(platform.adminPassword);
  await platform.start();
  const reply = await login('admin', platform.adminPassword);
  expect(reply.status).toBe(200);
  admin = reply.body.accessToken;
  const registered = await call('POST', gateway('/identity/schools'), {
    token: admin,
    body: { code: school, name: '网关测试小学', type: 'primary', address: '浙江省杭州市西湖区文三路158号', boarding: false, canteen: true, schoolBuses: false, floorAreaM2: 18000 },
  });
  expect(registered.status).toBe(201);
  const person = await createPerson(admin, `staff.${school}`.toLowerCase(), 'school-staff', school);
  staff = { id: person.id, ...(await firstLogin(`staff.${school}`.toLowerCase(), person.initialPassword)) };
  const bureau = await createPerson(admin, `official.${school}`.toLowerCase(), 'bureau-official');
  official = (await firstLogin(`official.${school}`.toLowerCase(), bureau.initialPassword)).accessToken;
}, 180_000);
afterAll(() => platform.stop(), 60_000);

describe('through the gateway with identity', () => {
  it('a report made through the gateway with an identity token reaches the bureau', async () => {
    const reported = await call('POST', gateway('/facilities/work-orders'), {
      token: staff.accessToken,
      body: { title: '二楼饮水机漏水', location: '教学楼2层走廊', category: 'plumbing', priority: 'normal' },
    });
    expect(reported.status).toBe(201);
    expect(reported.headers.get('x-correlation-id')).toBeTruthy();
    // The facilities service itself, without the gateway, accepts the same token.
    const direct = await call('GET', `${platform.url('facilities')}/work-orders/${reported.body.workOrderId}`, { token: staff.accessToken });
    expect(direct.status).toBe(200);
    expect(direct.body.schoolId).toBe(school);
    await eventually(async () => {
      const figures = await call('GET', gateway(`/bureau/statistics/work-orders/schools/${school}`), { token: official });
      return figures.status === 200 && figures.body.reported === 1 ? true : undefined;
    }, 30_000, 200);
  });

  it('a key rotation needs no restart: tokens of the new key and of the previous one are both accepted', async () => {
    const before = await login(`staff.${school}`.toLowerCase(), staff.password);
    const rotated = await call('POST', gateway('/identity/auth/keys/rotate'), { token: admin, idempotencyKey: null });
    expect(rotated.status).toBe(200);
    expect(rotated.body.keys.length).toBeGreaterThanOrEqual(2);
    // The new key is published at once and signs from activatesAt (the Platform's identity: 12 s, above the services' JWKS cooldown).
    expect(rotated.body.keys).toContain(rotated.body.kid);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(rotated.body.activatesAt) - Date.now()) + 100));
    const after = await login(`staff.${school}`.toLowerCase(), staff.password);
    const kid = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;
    expect(kid(after.body.accessToken)).toBe(rotated.body.kid);
    expect(kid(after.body.accessToken)).not.toBe(kid(before.body.accessToken));
    for (const token of [before.body.accessToken, after.body.accessToken]) {
      expect((await call('GET', `${platform.url('facilities')}/work-orders`, { token })).status).toBe(200);
    }
  });

  it('a refresh token used twice ends its whole session', async () => {
    const session = await login(`staff.${school}`.toLowerCase(), staff.password);
    const refresh = (refreshToken: string) => call('POST', gateway('/identity/auth/refresh'), { body: { refreshToken }, idempotencyKey: null });
    const next = await refresh(session.body.refreshToken);
    expect(next.status).toBe(200);
    secrets.push(next.body.accessToken, next.body.refreshToken);
    expect((await refresh(session.body.refreshToken)).status).toBe(401); // reused
    expect((await refresh(next.body.refreshToken)).status).toBe(401); // its family revoked
  });

  it('a disabled account cannot refresh or log in', async () => {
    const session = await login(`staff.${school}`.toLowerCase(), staff.password);
    expect((await call('POST', gateway(`/identity/accounts/${staff.id}/disable`), { token: admin })).status).toBe(200);
    expect((await call('POST', gateway('/identity/auth/refresh'), { body: { refreshToken: session.body.refreshToken }, idempotencyKey: null })).status).toBe(401);
    const refused = await login(`staff.${school}`.toLowerCase(), staff.password);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid-credentials');
  });

  it('no password, hash or token reaches any log line of the run', () => {
    const logs = readdirSync(platform.logs).map((f) => readFileSync(path.join(platform.logs, f), 'utf8')).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    const leaked = secrets.filter((s) => logs.includes(s));
    expect(leaked).toEqual([]);
    expect(logs).not.toMatch(/\$argon2id\$/);
  });
});
