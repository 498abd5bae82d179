import { INestApplication } from '@nestjs/common';
import { authConfigFromEnv, TokenVerifier } from '@houqin/auth';
import { ManualClock } from '@houqin/event-sourcing';
import { IdentityTestApp } from './support/identity-app';

/**
 * What every other service does with identity's tokens: libs/auth's verifier with JWKS_URL pointing at
 * identity, with the services' default JWKS_COOLDOWN_MS (10 s) and the test's clock, accepts them, and
 * keeps accepting after a key rotation without a restart, even when it fetched the key set just before:
 * the new key is published 30 s before it signs (its first token then makes it refetch), and the previous
 * key's tokens stay accepted until they expire.
 */
const clock = new ManualClock(new Date());
const identity = new IdentityTestApp('identity_jwks', clock);
let app: INestApplication;
let url: string;
let verifier: TokenVerifier;
const service = () => new TokenVerifier(authConfigFromEnv({ JWKS_URL: `${url}/.well-known/jwks.json` }), { now: () => clock.now().getTime() });

beforeAll(async () => {
  app = await identity.start();
  await app.listen(0, '127.0.0.1');
  url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  verifier = service();
});
afterAll(() => identity.stop());

it("accepts identity's tokens through its JWKS, across a key rotation, with no restart", async () => {
  const before = (await identity.login('admin', 'Bootstrap#2026').expect(200)).body;
  await expect(verifier.verify(before.accessToken)).resolves.toEqual({ sub: before.account.id, role: 'system-admin', name: '系统管理员' });
  // The verifier fetched the key set just now: within its cooldown, it would not refetch for an unknown kid.
  const rotated = (await identity.post('/auth/keys/rotate', before.accessToken).expect(200)).body;
  clock.set(rotated.activatesAt);
  const after = (await identity.login('admin', 'Bootstrap#2026').expect(200)).body;
  const kid = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;
  expect(kid(after.accessToken)).toBe(rotated.kid);
  await expect(verifier.verify(after.accessToken)).resolves.toMatchObject({ sub: before.account.id });
  await expect(verifier.verify(before.accessToken)).resolves.toMatchObject({ sub: before.account.id });
});

it('an immediate rotation (a compromised key) is refused by a service until its cooldown since its last fetch has passed', async () => {
  const fresh = service();
  const before = (await identity.login('admin', 'Bootstrap#2026').expect(200)).body;
  await fresh.verify(before.accessToken); // fetched now
  await identity.post('/auth/keys/rotate', before.accessToken, { immediate: true }).expect(200);
  const after = (await identity.login('admin', 'Bootstrap#2026').expect(200)).body;
  await expect(fresh.verify(after.accessToken)).rejects.toMatchObject({ reason: 'unknown-key' });
  clock.advance({ seconds: 10 });
  await expect(fresh.verify(after.accessToken)).resolves.toMatchObject({ sub: before.account.id });
});

it('carries pwd_change for an account that must change its password, which libs/auth reads', async () => {
  const admin = await identity.admin();
  await identity.post('/schools', admin, { code: 'S001', name: '一小', type: 'primary', address: '路 1 号', boarding: false, canteen: false, schoolBuses: false, floorAreaM2: 1 }).expect(201);
  await identity.post('/accounts', admin, { username: 'new.staff', displayName: '新职工', phone: '13500000001', role: 'school-staff', schoolId: 'S001', initialPassword: 'Initial#2026' }).expect(201);
  const first = (await identity.login('new.staff', 'Initial#2026').expect(200)).body;
  await expect(verifier.verify(first.accessToken)).resolves.toMatchObject({ role: 'school-staff', schoolId: 'S001', passwordChangeRequired: true });
});
