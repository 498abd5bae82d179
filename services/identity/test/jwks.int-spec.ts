import { INestApplication } from '@nestjs/common';
import { authConfigFromEnv, TokenVerifier } from '@houqin/auth';
import { ManualClock } from '@houqin/event-sourcing';
import { IdentityTestApp } from './support/identity-app';

/**
 * What every other service does with identity's tokens: libs/auth's verifier with JWKS_URL pointing at
 * identity accepts them, and keeps accepting after a key rotation without a restart (the new `kid` makes
 * it refetch the key set), the previous key's tokens included until they expire.
 */
const identity = new IdentityTestApp('identity_jwks', new ManualClock(new Date()));
let app: INestApplication;
let verifier: TokenVerifier;

beforeAll(async () => {
  app = await identity.start();
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  verifier = new TokenVerifier(authConfigFromEnv({ JWKS_URL: `${url}/.well-known/jwks.json`, JWKS_COOLDOWN_MS: '0' }));
});
afterAll(() => identity.stop());

it("accepts identity's tokens through its JWKS, across a key rotation, with no restart", async () => {
  const before = (await identity.login('admin', 'Bootstrap#2026').expect(200)).body;
  await expect(verifier.verify(before.accessToken)).resolves.toEqual({ sub: before.account.id, role: 'system-admin', name: '系统管理员' });
  await identity.post('/auth/keys/rotate', before.accessToken).expect(200);
  const after = (await identity.login('admin', 'Bootstrap#2026').expect(200)).body;
  await expect(verifier.verify(after.accessToken)).resolves.toMatchObject({ sub: before.account.id });
  await expect(verifier.verify(before.accessToken)).resolves.toMatchObject({ sub: before.account.id });
});

it('carries pwd_change for an account that must change its password, which libs/auth reads', async () => {
  const admin = await identity.admin();
  await identity.post('/schools', admin, { code: 'S001', name: '一小', type: 'primary', address: '路 1 号', boarding: false, canteen: false, schoolBuses: false, floorAreaM2: 1 }).expect(201);
  await identity.post('/accounts', admin, { username: 'new.staff', displayName: '新职工', phone: '13500000001', role: 'school-staff', schoolId: 'S001', initialPassword: 'Initial#2026' }).expect(201);
  const first = (await identity.login('new.staff', 'Initial#2026').expect(200)).body;
  await expect(verifier.verify(first.accessToken)).resolves.toMatchObject({ role: 'school-staff', schoolId: 'S001', passwordChangeRequired: true });
});
