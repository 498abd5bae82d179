import { generateKeyPair, createPrivateKey, createPublicKey, KeyObject, randomUUID, JsonWebKey } from 'node:crypto';
import { promisify } from 'node:util';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeProtectedHeader, errors as joseErrors, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { InvalidTokenError } from '@houqin/auth';
import { Clock } from '@houqin/event-sourcing';
import { inTransaction, pgPoolOf, SqlPool } from '@houqin/event-store';
import { KeyEncryption } from '../infrastructure/key-secret';
import { IDENTITY_CONFIG, IdentityConfig, TOKEN_AUDIENCE, TOKEN_ISSUER } from './identity-config';

export const KEY_ENCRYPTION = Symbol('KEY_ENCRYPTION');
const generateRsa = promisify(generateKeyPair);
/** A key retired from signing stays published this long after the last token it signed can expire (clock skew). */
const PUBLISH_MARGIN_MS = 60_000;
/** An unknown kid rereads the table at most this often (another replica rotated). */
const RELOAD_COOLDOWN_MS = 5_000;

interface SigningKey {
  kid: string;
  publicKey: KeyObject;
  jwk: JsonWebKey;
  privateKeyEnc: string;
  createdAt: Date;
  retiredAt: Date | null;
  publishedUntil: Date | null;
}

interface KeyRow {
  kid: string;
  public_jwk: JsonWebKey;
  private_key_enc: string;
  created_at: Date;
  retired_at: Date | null;
  published_until: Date | null;
}

/**
 * identity's RS256 signing keys, held in its database (private halves encrypted at rest), rotated every
 * IDENTITY_KEY_ROTATION_DAYS: the new key signs at once; the previous one stays in the JWKS until every
 * token it signed has expired (access TTL + a minute), so services that cache the JWKS keep verifying.
 */
@Injectable()
export class SigningKeys implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('SigningKeys');
  private readonly pool: SqlPool;
  private keys: SigningKey[] = [];
  private signer?: { kid: string; privateKey: KeyObject };
  private loadedAt = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(KEY_ENCRYPTION) private readonly encryption: KeyEncryption,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  async onModuleInit(): Promise<void> {
    await this.rotateIfDue();
  }

  onApplicationBootstrap(): void {
    if (this.config.keyCheckIntervalMs > 0) {
      this.timer = setInterval(() => void this.rotateIfDue().catch((err: Error) => this.log.error(`Key rotation check failed: ${err.message}`)), this.config.keyCheckIntervalMs);
      this.timer.unref();
    }
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Creates the first key, or a new one when the signing key is older than the rotation period (or `force`). Returns whether it rotated. */
  async rotateIfDue(force = false): Promise<boolean> {
    const now = this.clock.now();
    const rotated = await inTransaction(this.pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('houqin-identity-signing-keys'))`);
      const { rows } = await client.query<{ kid: string; created_at: Date }>(`SELECT kid, created_at FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1`);
      const active = rows[0];
      const due = !active || force || now.getTime() - active.created_at.getTime() >= this.config.keyRotationDays * 86_400_000;
      if (!due) return false;
      const { publicKey, privateKey } = await generateRsa('rsa', { modulusLength: 2048 });
      const kid = `${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
      const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
      const sealed = this.encryption.encrypt(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
      if (active) {
        const until = new Date(now.getTime() + this.config.accessTtlSeconds * 1000 + PUBLISH_MARGIN_MS);
        await client.query(`UPDATE signing_keys SET retired_at = $2, published_until = $3 WHERE retired_at IS NULL AND kid <> $1`, [kid, now, until]);
      }
      await client.query(`INSERT INTO signing_keys (kid, public_jwk, private_key_enc, created_at) VALUES ($1, $2, $3, $4)`, [kid, JSON.stringify(jwk), sealed, now]);
      this.log.log(`Signing key ${kid} created${active ? ` (replaces ${active.kid}, published until its tokens expire)` : ''}`);
      return true;
    });
    await this.reload();
    return rotated;
  }

  /** The public keys that may have signed a live token (JWKS). */
  publishedKeys(): JsonWebKey[] {
    const now = this.clock.now().getTime();
    return this.keys.filter((k) => !k.publishedUntil || k.publishedUntil.getTime() > now).map((k) => k.jwk);
  }

  /** Signs an access token with the current key. */
  async sign(claims: JWTPayload & { sub: string }, ttlSeconds = this.config.accessTtlSeconds): Promise<string> {
    if (this.clock.now().getTime() - this.loadedAt > 30_000 || !this.signer) await this.reload();
    const signer = this.signer;
    if (!signer) throw new Error('No signing key');
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const { sub, ...rest } = claims;
    return new SignJWT(rest)
      .setProtectedHeader({ alg: 'RS256', kid: signer.kid, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .setJti(randomUUID())
      .sign(signer.privateKey);
  }

  /** Verifies one of identity's access tokens (by the injected clock); InvalidTokenError otherwise. */
  async verify(token: string): Promise<JWTPayload> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw new InvalidTokenError('malformed');
    }
    if (!kid) throw new InvalidTokenError('unknown-key', 'no kid');
    let key = this.published(kid);
    if (!key && this.clock.now().getTime() - this.loadedAt > RELOAD_COOLDOWN_MS) {
      await this.reload();
      key = this.published(kid);
    }
    if (!key) throw new InvalidTokenError('unknown-key');
    try {
      const { payload } = await jwtVerify(token, key.publicKey, {
        algorithms: ['RS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'sub'],
        currentDate: this.clock.now(),
      });
      return payload;
    } catch (error) {
      throw toInvalidToken(error);
    }
  }

  private published(kid: string): SigningKey | undefined {
    const now = this.clock.now().getTime();
    return this.keys.find((k) => k.kid === kid && (!k.publishedUntil || k.publishedUntil.getTime() > now));
  }

  private async reload(): Promise<void> {
    const { rows } = await this.pool.query<KeyRow>(`SELECT kid, public_jwk, private_key_enc, created_at, retired_at, published_until FROM signing_keys ORDER BY created_at DESC`);
    this.keys = rows.map((r) => ({
      kid: r.kid,
      jwk: r.public_jwk,
      publicKey: createPublicKey({ key: r.public_jwk, format: 'jwk' }),
      privateKeyEnc: r.private_key_enc,
      createdAt: r.created_at,
      retiredAt: r.retired_at,
      publishedUntil: r.published_until,
    }));
    const active = this.keys.find((k) => !k.retiredAt);
    if (active && active.kid !== this.signer?.kid) this.signer = { kid: active.kid, privateKey: createPrivateKey(this.encryption.decrypt(active.privateKeyEnc)) };
    this.loadedAt = this.clock.now().getTime();
  }
}

function toInvalidToken(error: unknown): InvalidTokenError {
  if (error instanceof joseErrors.JWTExpired) return new InvalidTokenError('expired');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return new InvalidTokenError('invalid-signature');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new InvalidTokenError('wrong-audience');
    if (error.claim === 'iss') return new InvalidTokenError('wrong-issuer');
    if (error.claim === 'nbf' || error.claim === 'iat') return new InvalidTokenError('not-yet-valid');
    if (error.claim === 'exp') return new InvalidTokenError('missing-expiry');
  }
  return new InvalidTokenError('malformed', error instanceof Error ? error.name : 'unknown');
}
