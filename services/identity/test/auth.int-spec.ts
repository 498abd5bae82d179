import { decodeJwt, decodeProtectedHeader } from 'jose';
import { sql } from '@houqin/testing';
import { ADMIN_PASSWORD, IdentityTestApp, school } from './support/identity-app';

/**
 * Login to 等保 2.0 level 3 through HTTP on the real module and PostgreSQL: identical answers for a
 * wrong password, an unknown user, a locked and a disabled account; lockout and its expiry by the
 * clock; the forced first password change; refresh rotation, reuse revoking the family, logout, idle
 * timeout; a disabled account refused at refresh; key rotation with the JWKS keeping the old key.
 */
const identity = new IdentityTestApp('identity_auth');
const { clock } = identity;
/** A fresh system admin token (the tests move the clock past the access TTL). */
const admin = () => identity.token('admin', ADMIN_PASSWORD);

beforeAll(async () => {
  await identity.start();
  await identity.post('/schools', await admin(), school('S001')).expect(201);
});
afterAll(() => identity.stop());

let people = 0;
/** A new school-staff account with a known initial password; answers its username and id. */
async function person(initialPassword = 'Initial#2026') {
  const username = `staff.${++people}`;
  const reply = await identity.post('/accounts', await admin(), { username, displayName: `职工${people}`, phone: `1390000${String(people).padStart(4, '0')}`, role: 'school-staff', schoolId: 'S001', posts: ['guard'], initialPassword }).expect(201);
  return { username, id: reply.body.accountId as string, password: initialPassword };
}

/** Changes the initial password; answers the new token answer. */
async function activated() {
  const p = await person();
  const first = await identity.login(p.username, p.password).expect(200);
  const changed = await identity.post('/auth/password', first.body.accessToken, { currentPassword: p.password, newPassword: 'Changed#2026' }).expect(200);
  return { ...p, password: 'Changed#2026', answer: changed.body };
}

const events = (type: string) => sql<{ data: Record<string, unknown> }>(identity.schema, `SELECT data FROM events WHERE type = $1 ORDER BY global_position`, [type]);

describe('login', () => {
  it('answers tokens as libs/auth expects them: RS256 with kid, iss houqin-identity, aud houqin, sub = account id', async () => {
    const p = await activated();
    const reply = await identity.login(p.username, p.password).expect(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 900,
      mustChangePassword: false,
      account: { id: p.id, username: p.username, name: expect.any(String), role: 'school-staff', schoolId: 'S001', posts: ['guard'] },
    });
    expect(decodeProtectedHeader(reply.body.accessToken)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    const claims = decodeJwt(reply.body.accessToken);
    expect(claims).toMatchObject({ sub: p.id, role: 'school-staff', schoolId: 'S001', posts: ['guard'], iss: 'houqin-identity', aud: 'houqin' });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(claims).not.toHaveProperty('pwd_change');
    await identity.get('/me', reply.body.accessToken).expect(200);
  });

  it('answers a wrong password, an unknown user, a locked and a disabled account exactly alike', async () => {
    const p = await activated();
    const wrong = await identity.login(p.username, 'Wrong#2026x').expect(401);
    const unknown = await identity.login('nobody.here', 'Wrong#2026x').expect(401);
    const d = await activated();
    await identity.post(`/accounts/${d.id}/disable`, await admin()).expect(200);
    const disabled = await identity.login(d.username, d.password).expect(401);
    const l = await activated();
    for (let i = 0; i < 5; i++) await identity.login(l.username, 'Wrong#2026x').expect(401);
    const locked = await identity.login(l.username, l.password).expect(401);
    for (const reply of [unknown, disabled, locked]) expect(reply.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      code: 'invalid-credentials',
      message: 'Wrong username or password. After 5 failed attempts in a row the account is locked for 15 minutes.',
      messageZh: '用户名或密码错误。连续 5 次输错后，账号将被锁定 15 分钟。',
    });
  });

  it('locks after 5 wrong passwords for IDENTITY_LOCKOUT_MINUTES, by the clock; every attempt is an event', async () => {
    const p = await activated();
    for (let i = 0; i < 5; i++) await identity.login(p.username, 'Wrong#2026x').expect(401);
    await identity.login(p.username, p.password).expect(401);
    const lockouts = (await events('AccountLockedOut')).filter((e) => e.data.accountId === p.id);
    expect(lockouts).toHaveLength(1);
    const failures = (await events('AccountLoginFailed')).filter((e) => e.data.accountId === p.id).map((e) => e.data.reason);
    expect(failures).toEqual(['wrong-password', 'wrong-password', 'wrong-password', 'wrong-password', 'wrong-password', 'locked']);
    clock.advance({ minutes: 14 });
    await identity.login(p.username, p.password).expect(401);
    clock.advance({ minutes: 1 });
    await identity.login(p.username, p.password).expect(200);
  });

  it('takes about as long for an unknown user as for a wrong password (a dummy hash is verified)', async () => {
    const p = await activated();
    const time = async (username: string) => {
      const start = process.hrtime.bigint();
      await identity.login(username, 'Wrong#2026x').expect(401);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(p.username));
      unknown.push(await time(`ghost.${i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
    // Both pay one Argon2id verification (≈ 15 ms); without the dummy an unknown user answers in ≈ 1 ms.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });

  it('refuses invalid bodies with a 400 per field and writes nothing', async () => {
    const before = await sql(identity.schema, 'SELECT count(*)::int AS n FROM events');
    const reply = await identity.http().post('/auth/login').send({ username: 'x'.repeat(65), password: 7 }).expect(400);
    expect([...new Set(reply.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['password', 'username']);
    expect(reply.body.errors[0]).toMatchObject({ message: expect.any(String), messageZh: expect.any(String) });
    await identity.http().post('/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD, extra: 1 }).expect(400);
    expect(await sql(identity.schema, 'SELECT count(*)::int AS n FROM events')).toEqual(before);
  });
});

describe('forced password change (首次登录修改密码)', () => {
  it('answers mustChangePassword and a token that only the password change accepts', async () => {
    const p = await person();
    const first = await identity.login(p.username, p.password).expect(200);
    expect(first.body.mustChangePassword).toBe(true);
    expect(decodeJwt(first.body.accessToken)).toMatchObject({ pwd_change: true });
    const refused = await identity.get('/schools', first.body.accessToken).expect(403);
    expect(refused.body.code).toBe('password-change-required');
    await identity.get('/me', first.body.accessToken).expect(200);

    const weak = await identity.post('/auth/password', first.body.accessToken, { currentPassword: p.password, newPassword: p.username }).expect(400);
    expect(weak.body.errors.map((e: { field: string; constraint: string }) => `${e.field}:${e.constraint}`)).toEqual(expect.arrayContaining(['newPassword:passwordNotUsername', 'newPassword:passwordLength']));
    const wrongCurrent = await identity.post('/auth/password', first.body.accessToken, { currentPassword: 'Nope#2026x', newPassword: 'Changed#2026' }).expect(400);
    expect(wrongCurrent.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);

    const changed = await identity.post('/auth/password', first.body.accessToken, { currentPassword: p.password, newPassword: 'Changed#2026' }).expect(200);
    expect(changed.body.mustChangePassword).toBe(false);
    expect(decodeJwt(changed.body.accessToken)).not.toHaveProperty('pwd_change');
    await identity.get('/schools', changed.body.accessToken).expect(200);
    // The session of the first login ended with the change.
    await identity.http().post('/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    await identity.login(p.username, p.password).expect(401);
    await identity.login(p.username, 'Changed#2026').expect(200);
    expect((await events('AccountPasswordChanged')).filter((e) => e.data.accountId === p.id)).toHaveLength(1);
  });

  it('forces it again after an administrator reset, which ends the sessions', async () => {
    const p = await activated();
    const reset = await identity.post(`/accounts/${p.id}/reset-password`, await admin()).expect(200);
    expect(reset.body.initialPassword).toEqual(expect.any(String));
    await identity.http().post('/auth/refresh').send({ refreshToken: p.answer.refreshToken }).expect(401);
    const again = await identity.login(p.username, reset.body.initialPassword).expect(200);
    expect(again.body.mustChangePassword).toBe(true);
  });
});

describe('refresh tokens', () => {
  it('rotate on every use; a used one presented again revokes the whole family', async () => {
    const p = await activated();
    const first = p.answer.refreshToken as string;
    const second = (await identity.http().post('/auth/refresh').send({ refreshToken: first }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first);
    expect(second.account.id).toBe(p.id);
    expect(decodeJwt(second.accessToken).posts).toEqual(['guard']);
    const third = (await identity.http().post('/auth/refresh').send({ refreshToken: second.refreshToken }).expect(200)).body;
    // The stolen first token comes back: the family is revoked, the live third token with it.
    const reused = await identity.http().post('/auth/refresh').send({ refreshToken: first }).expect(401);
    expect(reused.body.code).toBe('session-ended');
    await identity.http().post('/auth/refresh').send({ refreshToken: third.refreshToken }).expect(401);
    expect((await events('AccountSessionRevoked')).filter((e) => e.data.accountId === p.id)).toHaveLength(1);
  });

  it('logout revokes the session', async () => {
    const p = await activated();
    await identity.http().post('/auth/logout').send({ refreshToken: p.answer.refreshToken }).expect(204);
    await identity.http().post('/auth/refresh').send({ refreshToken: p.answer.refreshToken }).expect(401);
    await identity.http().post('/auth/logout').send({ refreshToken: 'unknown-token' }).expect(204);
    expect((await events('AccountLoggedOut')).filter((e) => e.data.accountId === p.id)).toHaveLength(1);
  });

  it('is refused after IDENTITY_IDLE_MINUTES unused (idle timeout)', async () => {
    const p = await activated();
    clock.advance({ minutes: 29 });
    const next = (await identity.http().post('/auth/refresh').send({ refreshToken: p.answer.refreshToken }).expect(200)).body;
    clock.advance({ minutes: 31 });
    await identity.http().post('/auth/refresh').send({ refreshToken: next.refreshToken }).expect(401);
  });

  it('is refused for a disabled account and after a role change', async () => {
    const d = await activated();
    await identity.post(`/accounts/${d.id}/disable`, await admin()).expect(200);
    await identity.http().post('/auth/refresh').send({ refreshToken: d.answer.refreshToken }).expect(401);
    const r = await activated();
    await identity.post(`/accounts/${r.id}/role`, await admin(), { role: 'school-admin', posts: [] }).expect(200);
    await identity.http().post('/auth/refresh').send({ refreshToken: r.answer.refreshToken }).expect(401);
    const again = await identity.login(r.username, r.password).expect(200);
    expect(again.body.account.role).toBe('school-admin');
    expect(decodeJwt(again.body.accessToken)).not.toHaveProperty('posts');
  });

  it('is refused after a change of posts alone; the next login carries the new posts (岗位) in the access token', async () => {
    const p = await activated();
    await identity.post(`/accounts/${p.id}/role`, await admin(), { role: 'school-staff', posts: ['dormitory-manager', 'teacher'] }).expect(200);
    await identity.http().post('/auth/refresh').send({ refreshToken: p.answer.refreshToken }).expect(401);
    const again = await identity.login(p.username, p.password).expect(200);
    expect(decodeJwt(again.body.accessToken).posts).toEqual(['dormitory-manager', 'teacher']);
    const refreshed = (await identity.http().post('/auth/refresh').send({ refreshToken: again.body.refreshToken }).expect(200)).body;
    expect(decodeJwt(refreshed.accessToken).posts).toEqual(['dormitory-manager', 'teacher']);
    expect((await identity.get('/me', refreshed.accessToken).expect(200)).body.posts).toEqual(['dormitory-manager', 'teacher']);
  });
});

describe('signing keys', () => {
  it('rotate: the new key is published at once and signs after the activation delay; the JWKS keeps the old one until its tokens expired', async () => {
    const p = await activated();
    const before = (await identity.http().get('/.well-known/jwks.json').expect(200)).body.keys;
    const oldToken = p.answer.accessToken as string;
    const oldKid = decodeProtectedHeader(oldToken).kid;
    expect(before.map((k: { kid: string }) => k.kid)).toContain(oldKid);
    expect(before[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', n: expect.any(String), e: 'AQAB' });
    expect(before[0]).not.toHaveProperty('d');

    const stale = await admin();
    clock.advance({ days: 30 });
    await identity.post('/auth/keys/rotate', stale).expect(401); // expired meanwhile
    const fresh = await identity.login(p.username, p.password).expect(200);
    const rotatedAt = clock.now().getTime();
    const rotated = (await identity.post('/auth/keys/rotate', await admin()).expect(200)).body;
    expect(Date.parse(rotated.activatesAt) - rotatedAt).toBe(30_000); // IDENTITY_KEY_ACTIVATION_DELAY_MS's default
    expect(rotated).toMatchObject({ rotated: true, immediate: false });
    const newKid = rotated.kid as string;
    const oldSigner = decodeProtectedHeader(fresh.body.accessToken).kid;
    // Published at once, beside the key that still signs.
    const after = (await identity.http().get('/.well-known/jwks.json').expect(200)).body.keys.map((k: { kid: string }) => k.kid);
    expect(after).toHaveLength(2);
    expect(after).toEqual(expect.arrayContaining([newKid, oldSigner]));
    expect(rotated.keys).toEqual(expect.arrayContaining([newKid, oldSigner]));
    clock.advance({ seconds: 29 });
    expect(decodeProtectedHeader((await identity.login(p.username, p.password).expect(200)).body.accessToken).kid).toBe(oldSigner);
    // A second rotation meanwhile creates no other key: it names the one waiting.
    expect((await identity.post('/auth/keys/rotate', await admin()).expect(200)).body).toMatchObject({ rotated: false, kid: newKid, activatesAt: rotated.activatesAt });
    clock.advance({ seconds: 1 });
    const next = await identity.login(p.username, p.password).expect(200);
    expect(decodeProtectedHeader(next.body.accessToken).kid).toBe(newKid);
    // A token signed by the previous key still works until it expires; then the old key leaves the JWKS.
    await identity.get('/me', fresh.body.accessToken).expect(200);
    clock.advance({ minutes: 16 });
    const later = (await identity.http().get('/.well-known/jwks.json').expect(200)).body.keys.map((k: { kid: string }) => k.kid);
    expect(later).toEqual([newKid]);
    await identity.get('/me', next.body.accessToken).expect(401);
  });

  it('rotate immediately (a compromised key): the new key signs at once; a bad option is a 400 naming it', async () => {
    const p = await activated();
    const signer = decodeProtectedHeader(p.answer.accessToken).kid;
    const rotated = (await identity.post('/auth/keys/rotate', await admin(), { immediate: true }).expect(200)).body;
    expect(rotated).toMatchObject({ rotated: true, immediate: true, activatesAt: clock.now().toISOString() });
    const next = await identity.login(p.username, p.password).expect(200);
    expect(decodeProtectedHeader(next.body.accessToken).kid).toBe(rotated.kid);
    expect(rotated.kid).not.toBe(signer);
    await identity.get('/me', p.answer.accessToken).expect(200); // the previous key's tokens stay valid until they expire
    const refused = await identity.post('/auth/keys/rotate', await admin(), { immediate: 'yes' }).expect(400);
    expect(JSON.stringify(refused.body)).toContain('immediate');
  });

  it('keeps the private keys encrypted at rest', async () => {
    const rows = await sql<{ private_key_enc: string }>(identity.schema, 'SELECT private_key_enc FROM signing_keys');
    for (const row of rows) {
      expect(row.private_key_enc).toMatch(/^v1\./);
      expect(row.private_key_enc).not.toContain('PRIVATE KEY');
    }
  });
});
