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
/**
 * Signing and the JWKS answer reread the table when their copy is older than this, so every replica
 * publishes a new key, and signs with it, within this time of another replica's rotation.
 */
export const KEY_CACHE_MS = 5_000;
/** The JWKS answer's Cache-Control max-age (seconds): a cache in front of identity adds at most this. */
export const JWKS_MAX_AGE_SECONDS = 5;

/** One key as the table holds it (public half and sealed private half). */
export interface SigningKeyRecord {
  kid: string;
  createdAt: Date;
  /** From when it signs. A key is published (JWKS) from its creation: before it signs, when pre-published. */
  activatesAt: Date;
  /** From when it no longer signs (the next key's activation); null for the newest key. */
  retiredAt: Date | null;
  /** Until when it stays in the JWKS (its last token's expiry + a margin); null while it may still sign. */
  publishedUntil: Date | null;
}

interface SigningKey extends SigningKeyRecord {
  publicKey: KeyObject;
  jwk: JsonWebKey;
  privateKeyEnc: string;
}

interface KeyRow {
  kid: string;
  public_jwk: JsonWebKey;
  private_key_enc: string;
  created_at: Date;
  activates_at: Date;
  retired_at: Date | null;
  published_until: Date | null;
}

/** What a rotation did: the newest key (created now, or the one already waiting) and when it signs. */
export interface RotationOutcome {
  /** false: no key was due, or a pre-published key was already waiting (it is the one named). */
  rotated: boolean;
  kid: string;
  activatesAt: Date;
  immediate: boolean;
}

/**
 * The key that signs at `now`: the latest activated one that is not retired. Every replica reading the
 * same table picks the same key, whenever it read it. If none is activated yet (the very first key, seen
 * by a replica whose clock is a little behind the one that created it), the oldest one that is not retired.
 */
export function signingKeyAt<K extends SigningKeyRecord>(keys: readonly K[], now: Date): K | undefined {
  const t = now.getTime();
  const usable = keys.filter((k) => !k.retiredAt || k.retiredAt.getTime() > t);
  const activated = usable.filter((k) => k.activatesAt.getTime() <= t).sort((a, b) => b.activatesAt.getTime() - a.activatesAt.getTime());
  return activated[0] ?? [...usable].sort((a, b) => a.activatesAt.getTime() - b.activatesAt.getTime())[0];
}

/** The keys in the JWKS at `now`: every key until its `publishedUntil` (a pre-published key from its creation). */
export function publishedAt<K extends SigningKeyRecord>(keys: readonly K[], now: Date): K[] {
  return keys.filter((k) => !k.publishedUntil || k.publishedUntil.getTime() > now.getTime());
}

/**
 * identity's RS256 signing keys, held in its database (private halves encrypted at rest), rotated every
 * IDENTITY_KEY_ROTATION_DAYS or on demand, with pre-publication: a new key enters the JWKS at once but
 * signs only IDENTITY_KEY_ACTIVATION_DELAY_MS later (`activates_at` in the table, so every replica
 * switches at the same moment), by which time every service has had the chance to fetch it (its
 * JWKS_COOLDOWN_MS since its last fetch has passed; see the README for the relation). The previous key
 * signs until then and stays in the JWKS until every token it signed has expired (access TTL + a minute).
 * An `immediate` rotation (a compromised key) signs with the new key at once.
 */
@Injectable()
export class SigningKeys implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('SigningKeys');
  private readonly pool: SqlPool;
  private keys: SigningKey[] = [];
  private readonly privateKeys = new Map<string, KeyObject>();
  private loadedAt = 0;
  private loading?: Promise<void>;
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

  /**
   * Creates the first key (signing at once), or pre-publishes a new one when the newest key has signed
   * for the rotation period, or `force` (POST /auth/keys/rotate). A key already waiting for its activation
   * is not replaced (the outcome names it), unless `immediate`: then the new key signs at once and a
   * waiting key is withdrawn.
   */
  async rotateIfDue({ force = false, immediate = false }: { force?: boolean; immediate?: boolean } = {}): Promise<RotationOutcome> {
    const now = this.clock.now();
    const outcome = await inTransaction(this.pool, async (client): Promise<RotationOutcome> => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('houqin-identity-signing-keys'))`);
      const { rows } = await client.query<{ kid: string; activates_at: Date }>(`SELECT kid, activates_at FROM signing_keys WHERE retired_at IS NULL ORDER BY activates_at DESC LIMIT 1`);
      const newest = rows[0];
      const waiting = newest && newest.activates_at.getTime() > now.getTime();
      if (waiting && !immediate) return { rotated: false, kid: newest.kid, activatesAt: newest.activates_at, immediate: false };
      const due = !newest || force || immediate || now.getTime() - newest.activates_at.getTime() >= this.config.keyRotationDays * 86_400_000;
      if (!due) return { rotated: false, kid: newest.kid, activatesAt: newest.activates_at, immediate: false };
      // The first key has nobody to be announced to: it signs at once.
      const signsNow = !newest || immediate;
      const activatesAt = signsNow ? now : new Date(now.getTime() + this.config.keyActivationDelayMs);
      const { publicKey, privateKey } = await generateRsa('rsa', { modulusLength: 2048 });
      const kid = `${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
      const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
      const sealed = this.encryption.encrypt(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
      const until = new Date(activatesAt.getTime() + this.config.accessTtlSeconds * 1000 + PUBLISH_MARGIN_MS);
      if (immediate) {
        // Whatever signs stops now (its tokens stay valid until they expire); a key still waiting never signed: withdrawn.
        await client.query(
          `UPDATE signing_keys SET retired_at = $1, published_until = CASE WHEN activates_at > $1 THEN $1 ELSE $2 END
            WHERE retired_at IS NULL OR retired_at > $1`,
          [now, until],
        );
      } else if (newest) {
        await client.query(`UPDATE signing_keys SET retired_at = $1, published_until = $2 WHERE retired_at IS NULL`, [activatesAt, until]);
      }
      await client.query(`INSERT INTO signing_keys (kid, public_jwk, private_key_enc, created_at, activates_at) VALUES ($1, $2, $3, $4, $5)`, [
        kid,
        JSON.stringify(jwk),
        sealed,
        now,
        activatesAt,
      ]);
      const replaces = newest ? ` (replaces ${newest.kid}, published until its tokens expire)` : '';
      this.log.log(`Signing key ${kid} created${replaces}: ${signsNow ? 'signs from now' : `published now, signs from ${activatesAt.toISOString()}`}`);
      return { rotated: true, kid, activatesAt, immediate: signsNow && !!newest };
    });
    // A read under way may have started before the insert: the next one sees it.
    await this.loading?.catch(() => undefined);
    await this.reload();
    return outcome;
  }

  /** The public keys that may have signed a live token, and the one announced to sign next (JWKS). */
  async publishedKeys(): Promise<JsonWebKey[]> {
    await this.fresh();
    return publishedAt(this.keys, this.clock.now()).map((k) => k.jwk);
  }

  /** The kid that signs now (by the table and the clock), and the keys as identity holds them (tests, operators). */
  async status(): Promise<{ signing: string | undefined; keys: SigningKeyRecord[] }> {
    await this.fresh();
    const strip = ({ kid, createdAt, activatesAt, retiredAt, publishedUntil }: SigningKey): SigningKeyRecord => ({ kid, createdAt, activatesAt, retiredAt, publishedUntil });
    return { signing: signingKeyAt(this.keys, this.clock.now())?.kid, keys: this.keys.map(strip) };
  }

  /** Signs an access token with the key that signs now. */
  async sign(claims: JWTPayload & { sub: string }, ttlSeconds = this.config.accessTtlSeconds): Promise<string> {
    await this.fresh();
    const key = signingKeyAt(this.keys, this.clock.now());
    if (!key) throw new Error('No signing key');
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const { sub, ...rest } = claims;
    return new SignJWT(rest)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .setJti(randomUUID())
      .sign(this.privateKeyOf(key));
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
    return publishedAt(this.keys, this.clock.now()).find((k) => k.kid === kid);
  }

  private privateKeyOf(key: SigningKey): KeyObject {
    let privateKey = this.privateKeys.get(key.kid);
    if (!privateKey) {
      privateKey = createPrivateKey(this.encryption.decrypt(key.privateKeyEnc));
      this.privateKeys.set(key.kid, privateKey);
    }
    return privateKey;
  }

  /** Rereads the table when the copy is older than KEY_CACHE_MS (another replica may have rotated). */
  private async fresh(): Promise<void> {
    if (this.keys.length === 0 || this.clock.now().getTime() - this.loadedAt >= KEY_CACHE_MS) await this.reload();
  }

  /** One read at a time; concurrent callers share it. */
  private reload(): Promise<void> {
    this.loading ??= this.read().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async read(): Promise<void> {
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT kid, public_jwk, private_key_enc, created_at, activates_at, retired_at, published_until FROM signing_keys ORDER BY activates_at DESC`,
    );
    this.keys = rows.map((r) => ({
      kid: r.kid,
      jwk: r.public_jwk,
      publicKey: createPublicKey({ key: r.public_jwk, format: 'jwk' }),
      privateKeyEnc: r.private_key_enc,
      createdAt: r.created_at,
      activatesAt: r.activates_at,
      retiredAt: r.retired_at,
      publishedUntil: r.published_until,
    }));
    const now = this.clock.now().getTime();
    // A key that signs no more needs no private half in memory.
    for (const kid of this.privateKeys.keys()) if (!this.keys.some((k) => k.kid === kid && (!k.retiredAt || k.retiredAt.getTime() > now))) this.privateKeys.delete(kid);
    this.loadedAt = now;
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
