import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Controller, Get, INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { AuthModule } from './auth.module';
import { AuthConfig, authConfigFromEnv, DEV_JWT_SECRET, JwksConfig } from './config';
import { Roles } from './decorators';
import { InvalidTokenError } from './errors';
import { parseKeySet } from './jwks';
import { signToken, TokenVerifier, verifyToken } from './jwt';

/** A stand-in for identity's `GET /.well-known/jwks.json` on 127.0.0.1, a random port. */
class FakeIdentity {
  keys = new Map<string, { publicKey: KeyObject; privateKey: KeyObject }>();
  published: string[] = [];
  fetches = 0;
  mode: 'ok' | 'error' | 'hang' = 'ok';
  private server?: Server;
  url = '';

  addKey(kid: string, modulusLength = 2048): void {
    this.keys.set(kid, generateKeyPairSync('rsa', { modulusLength }));
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.fetches += 1;
      if (this.mode === 'hang') return; // never answers; the client's timeout must end it
      if (this.mode === 'error') return void res.writeHead(500).end('boom');
      const keys = this.published.map((kid) => ({ ...this.keys.get(kid)!.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A token as identity issues it: RS256, header kid, iss houqin-identity, aud houqin. */
  token(kid: string, claims: Record<string, unknown> = { sub: 'wang.fang', role: 'school-admin', schoolId: 'S001', name: '王芳' }, options: jwt.SignOptions = {}): string {
    return jwt.sign(claims, this.keys.get(kid)!.privateKey, {
      algorithm: 'RS256',
      keyid: kid,
      issuer: 'houqin-identity',
      audience: 'houqin',
      expiresIn: '15m',
      ...options,
    });
  }
}

const admin = { sub: 'wang.fang', role: 'school-admin', schoolId: 'S001', name: '王芳' };

describe('TokenVerifier with identity key set (JWKS)', () => {
  const identity = new FakeIdentity();
  let now = 1_000_000;
  const jwks = (overrides: Partial<JwksConfig> = {}): JwksConfig => ({
    url: identity.url,
    issuer: 'houqin-identity',
    timeoutMs: 500,
    cooldownMs: 10_000,
    maxAgeMs: 600_000,
    maxStaleMs: 3_600_000,
    ...overrides,
  });
  const configWith = (overrides: Partial<JwksConfig> = {}): AuthConfig => ({ algorithms: ['RS256'], jwks: jwks(overrides), audience: 'houqin', issuer: 'houqin-dev' });
  const verifierWith = (overrides: Partial<JwksConfig> = {}) => new TokenVerifier(configWith(overrides), { now: () => now });
  const reasonOf = async (verifying: Promise<unknown>) => {
    try {
      await verifying;
    } catch (error) {
      if (error instanceof InvalidTokenError) return error.reason;
      throw error;
    }
    throw new Error('expected an InvalidTokenError');
  };

  beforeAll(async () => {
    identity.addKey('k1');
    identity.addKey('k2');
    identity.addKey('k3');
    await identity.start();
  });
  afterAll(() => identity.stop());
  beforeEach(() => {
    identity.published = ['k1'];
    identity.fetches = 0;
    identity.mode = 'ok';
    now += 1_000_000_000;
  });

  it('accepts identity tokens, fetching the key set once for many requests', async () => {
    const verifier = verifierWith();
    await expect(verifier.verify(identity.token('k1'))).resolves.toEqual(admin);
    await Promise.all([1, 2, 3].map(() => verifier.verify(identity.token('k1'))));
    expect(identity.fetches).toBe(1);
  });

  it('shares one fetch between concurrent first requests', async () => {
    const verifier = verifierWith();
    await Promise.all(Array.from({ length: 10 }, () => verifier.verify(identity.token('k1'))));
    expect(identity.fetches).toBe(1);
  });

  it('follows a key rotation without restart: a new kid refetches the set', async () => {
    const verifier = verifierWith();
    await verifier.verify(identity.token('k1'));
    identity.published = ['k1', 'k2']; // identity rotates: k2 signs from now on, k1 is still published
    now += 10_000; // past the cooldown
    await expect(verifier.verify(identity.token('k2'))).resolves.toEqual(admin);
    await expect(verifier.verify(identity.token('k1'))).resolves.toEqual(admin);
    expect(identity.fetches).toBe(2);
  });

  it('refetches on an unknown kid at most once per cooldown', async () => {
    const verifier = verifierWith({ cooldownMs: 10_000 });
    await verifier.verify(identity.token('k1'));
    identity.published = ['k1', 'k2'];
    // Within the cooldown of the first fetch: refused without a fetch, however many requests come.
    for (let i = 0; i < 5; i++) expect(await reasonOf(verifier.verify(identity.token('k2')))).toBe('unknown-key');
    expect(identity.fetches).toBe(1);
    now += 10_000;
    await expect(verifier.verify(identity.token('k2'))).resolves.toEqual(admin);
    expect(identity.fetches).toBe(2);
    // A flood of kids identity never published: one fetch per cooldown, then unknown-key.
    now += 10_000;
    for (let i = 0; i < 20; i++) expect(await reasonOf(verifier.verify(identity.token('k3')))).toBe('unknown-key');
    expect(identity.fetches).toBe(3);
  });

  it('stops accepting a key identity withdrew once the cached set is older than its max age', async () => {
    const verifier = verifierWith({ maxAgeMs: 60_000 });
    await verifier.verify(identity.token('k1'));
    identity.published = ['k2'];
    now += 30_000;
    await expect(verifier.verify(identity.token('k1'))).resolves.toEqual(admin); // still fresh
    now += 30_000;
    expect(await reasonOf(verifier.verify(identity.token('k1')))).toBe('unknown-key');
    expect(identity.fetches).toBe(2);
  });

  it('answers keys-unavailable (never throws anything else) while identity is unreachable, then recovers', async () => {
    const dead = new TokenVerifier({ ...configWith(), jwks: { ...jwks(), url: 'http://127.0.0.1:1/.well-known/jwks.json' } }, { now: () => now });
    expect(await reasonOf(dead.verify(identity.token('k1')))).toBe('keys-unavailable');

    identity.mode = 'error';
    const verifier = verifierWith();
    expect(await reasonOf(verifier.verify(identity.token('k1')))).toBe('keys-unavailable');
    identity.mode = 'ok';
    expect(await reasonOf(verifier.verify(identity.token('k1')))).toBe('keys-unavailable'); // cooling down: no fetch
    expect(identity.fetches).toBe(1);
    now += 10_000;
    await expect(verifier.verify(identity.token('k1'))).resolves.toEqual(admin);
  });

  it('gives up on a key set that does not answer within the timeout', async () => {
    identity.mode = 'hang';
    const started = Date.now();
    expect(await reasonOf(verifierWith({ timeoutMs: 200 }).verify(identity.token('k1')))).toBe('keys-unavailable');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('keeps using the cached keys during an outage, up to max age + max stale', async () => {
    const verifier = verifierWith({ maxAgeMs: 60_000, maxStaleMs: 120_000 });
    await verifier.verify(identity.token('k1'));
    identity.mode = 'error';
    now += 100_000; // stale, identity down: the cached key still verifies
    await expect(verifier.verify(identity.token('k1'))).resolves.toEqual(admin);
    now += 80_000; // 180 s after the fetch: beyond max age + max stale
    expect(await reasonOf(verifier.verify(identity.token('k1')))).toBe('keys-unavailable');
  });

  it('refuses tampered, forged, expired and alg-none tokens, and RS256 without kid', async () => {
    const verifier = verifierWith();
    const [header, payload, signature] = identity.token('k1').split('.');
    const elevated = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'system-admin', schoolId: undefined })).toString('base64url');
    expect(await reasonOf(verifier.verify(`${header}.${elevated}.${signature}`))).toBe('invalid-signature');
    // Signed by a key that is not identity's, under identity's kid.
    const forged = jwt.sign(admin, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, { algorithm: 'RS256', keyid: 'k1', issuer: 'houqin-identity', audience: 'houqin', expiresIn: '15m' });
    expect(await reasonOf(verifier.verify(forged))).toBe('invalid-signature');
    expect(await reasonOf(verifier.verify(identity.token('k1', admin, { expiresIn: -10 })))).toBe('expired');
    const none = jwt.sign(admin, null, { algorithm: 'none', keyid: 'k1', issuer: 'houqin-identity', audience: 'houqin', expiresIn: '15m' });
    expect(await reasonOf(verifier.verify(none))).toBe('disallowed-algorithm');
    // Algorithm confusion: HS256 signed with identity's public key as the secret.
    const publicPem = identity.keys.get('k1')!.publicKey.export({ type: 'spki', format: 'pem' });
    const confused = jwt.sign(admin, publicPem, { algorithm: 'HS256', keyid: 'k1', issuer: 'houqin-identity', audience: 'houqin', expiresIn: '15m' });
    expect(await reasonOf(verifier.verify(confused))).toBe('disallowed-algorithm');
    const noKid = jwt.sign(admin, identity.keys.get('k1')!.privateKey, { algorithm: 'RS256', issuer: 'houqin-identity', audience: 'houqin', expiresIn: '15m' });
    expect(await reasonOf(verifier.verify(noKid))).toBe('unknown-key');
    expect(await reasonOf(verifier.verify(identity.token('k1', admin, { audience: 'other' })))).toBe('wrong-audience');
    expect(await reasonOf(verifier.verify(identity.token('k1', { sub: 'a', role: 'auditor', schoolId: 'S001' })))).toBe('invalid-claims');
  });

  it('reads the password-change claim, which must be a boolean', async () => {
    const verifier = verifierWith();
    await expect(verifier.verify(identity.token('k1', { ...admin, pwd_change: true }))).resolves.toEqual({ ...admin, passwordChangeRequired: true });
    await expect(verifier.verify(identity.token('k1', { ...admin, pwd_change: false }))).resolves.toEqual(admin);
    expect(await reasonOf(verifier.verify(identity.token('k1', { ...admin, pwd_change: 'yes' })))).toBe('invalid-claims');
  });

  it('accepts each issuer only with its own keys: development HS256 and identity RS256 side by side', async () => {
    const dev: AuthConfig = { ...configWith(), algorithms: ['HS256', 'RS256'], secret: DEV_JWT_SECRET };
    const verifier = new TokenVerifier(dev, { now: () => now });
    const devToken = signToken({ sub: 'li.lei', role: 'school-staff', schoolId: 'S001' }, dev);
    await expect(verifier.verify(devToken)).resolves.toEqual({ sub: 'li.lei', role: 'school-staff', schoolId: 'S001' });
    await expect(verifier.verify(identity.token('k1'))).resolves.toEqual(admin);
    // Each issuer is bound to its keys: identity's issuer on the dev secret, the dev issuer on identity's key.
    const devWithIdentityIssuer = jwt.sign(admin, DEV_JWT_SECRET, { algorithm: 'HS256', issuer: 'houqin-identity', audience: 'houqin', expiresIn: '1h' });
    expect(await reasonOf(verifier.verify(devWithIdentityIssuer))).toBe('wrong-issuer');
    expect(await reasonOf(verifier.verify(identity.token('k1', admin, { issuer: 'houqin-dev' })))).toBe('wrong-issuer');
  });

  it('leaves the synchronous verifyToken to static keys', () => {
    expect(() => verifyToken(identity.token('k1'), configWith())).toThrow(InvalidTokenError);
  });

  describe('through the guard over HTTP', () => {
    @Controller()
    class SchoolController {
      @Roles('school-admin')
      @Get('school')
      school() {
        return { ok: true };
      }
    }

    const appWith = async (config: AuthConfig): Promise<INestApplication> => {
      const moduleRef = await Test.createTestingModule({ imports: [AuthModule.forRoot(config)], controllers: [SchoolController] }).compile();
      const adapter = new FastifyAdapter();
      const app = moduleRef.createNestApplication(adapter, { logger: false });
      await app.init();
      await adapter.getInstance().ready();
      return app;
    };

    it('answers 401, not 500, while the key set is unreachable; 200 with a reachable one', async () => {
      const down = await appWith({ ...configWith(), jwks: { ...jwks(), url: 'http://127.0.0.1:1/.well-known/jwks.json' } });
      const up = await appWith(configWith());
      try {
        const refused = await request(down.getHttpServer()).get('/school').set('Authorization', `Bearer ${identity.token('k1')}`).expect(401);
        expect(refused.body).toMatchObject({ statusCode: 401, messageZh: '登录凭证无效，请重新登录' });
        await request(up.getHttpServer()).get('/school').set('Authorization', `Bearer ${identity.token('k1')}`).expect(200, { ok: true });
      } finally {
        await Promise.all([down.close(), up.close()]);
      }
    });
  });
});

describe('parseKeySet', () => {
  it('keeps only RSA signature keys of 2048 bits or more, by kid, and only their public members', () => {
    const big = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keys = parseKeySet({
      keys: [
        { ...big.privateKey.export({ format: 'jwk' }), kid: 'leaked-private' },
        { ...big.publicKey.export({ format: 'jwk' }), kid: 'enc', use: 'enc' },
        { ...big.publicKey.export({ format: 'jwk' }), kid: 'ps', alg: 'PS256' },
        { ...big.publicKey.export({ format: 'jwk' }) },
        { ...small.publicKey.export({ format: 'jwk' }), kid: 'small' },
        { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec' },
        { kty: 'RSA', kid: 'broken', n: 'x', e: 'AQAB' },
        'garbage',
      ],
    });
    expect([...keys.keys()]).toEqual(['leaked-private']);
    expect(keys.get('leaked-private')!.type).toBe('public');
    expect(() => parseKeySet({ nope: [] })).toThrow(/not a JWKS/);
  });
});

describe('authConfigFromEnv with JWKS_URL', () => {
  const url = 'http://127.0.0.1:3104/.well-known/jwks.json';

  it('verifies RS256 against the key set alone, without the development switch', () => {
    expect(authConfigFromEnv({ JWKS_URL: url })).toMatchObject({
      algorithms: ['RS256'],
      secret: undefined,
      issuer: 'houqin-dev',
      jwks: { url, issuer: 'houqin-identity', timeoutMs: 3000, cooldownMs: 10000, maxAgeMs: 600000, maxStaleMs: 3600000 },
    });
  });

  it('accepts development HS256 tokens as well under HOUQIN_DEV_AUTH=1, each with its issuer', () => {
    const config = authConfigFromEnv({ JWKS_URL: url, HOUQIN_DEV_AUTH: '1', JWKS_ISSUER: 'houqin-identity-2', JWKS_COOLDOWN_MS: '500' });
    expect(config).toMatchObject({ algorithms: ['HS256', 'RS256'], secret: DEV_JWT_SECRET, issuer: 'houqin-dev', jwks: { issuer: 'houqin-identity-2', cooldownMs: 500 } });
  });

  it('adds RS256 to an explicit algorithm list, and keeps a static PEM for tokens without kid', () => {
    expect(authConfigFromEnv({ JWKS_URL: url, JWT_ALGORITHM: 'HS256', JWT_SECRET: 's'.repeat(32) }).algorithms).toEqual(['HS256', 'RS256']);
    expect(authConfigFromEnv({ JWKS_URL: url, JWT_PUBLIC_KEY: 'pem' })).toMatchObject({ algorithms: ['RS256'], publicKey: 'pem' });
  });

  it('refuses a key set URL that is not http(s), carries credentials, or bad timings, and the dev switch in production', () => {
    expect(() => authConfigFromEnv({ JWKS_URL: 'not a url' })).toThrow(/JWKS_URL is not a URL/);
    expect(() => authConfigFromEnv({ JWKS_URL: 'file:///etc/passwd' })).toThrow(/http\(s\)/);
    expect(() => authConfigFromEnv({ JWKS_URL: 'http://u:p@identity/jwks' })).toThrow(/credentials/);
    expect(() => authConfigFromEnv({ JWKS_URL: url, JWKS_TIMEOUT_MS: '3s' })).toThrow(/JWKS_TIMEOUT_MS/);
    expect(() => authConfigFromEnv({ JWKS_URL: url, JWKS_TIMEOUT_MS: '0' })).toThrow(/positive/);
    expect(() => authConfigFromEnv({ JWKS_URL: url, HOUQIN_DEV_AUTH: '1', NODE_ENV: 'production' })).toThrow(/refused when NODE_ENV=production/);
  });
});
