import { createPublicKey, JsonWebKey, KeyObject } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { JwksConfig } from './config';
import { InvalidTokenError } from './errors';

/** Far above a key set of a few RSA keys; a larger answer is refused before parsing. */
const MAX_JWKS_BYTES = 256 * 1024;
const MAX_KEYS = 50;
/** NIST SP 800-131A / 等保 2.0 practice: no RSA signature key below 2048 bits. */
const MIN_RSA_BITS = 2048;

export interface KeySetOptions {
  /** Milliseconds since the epoch; tests move it instead of sleeping. */
  now?: () => number;
  /** How the key set is fetched; tests may count or fail fetches. */
  fetchJson?: (url: string, timeoutMs: number) => Promise<unknown>;
}

/**
 * identity's signing keys, fetched from its JWKS and cached by `kid`, so a key rotation needs no restart:
 * - a `kid` the cache does not hold refetches the set, at most once per `cooldownMs` (a flood of forged
 *   kids cannot turn into a flood of fetches);
 * - keys older than `maxAgeMs` are refetched before use (a key identity withdrew stops being accepted);
 * - a fetch is bounded by `timeoutMs`; concurrent requests share one fetch;
 * - while identity is unreachable, the keys fetched last stay in use up to `maxStaleMs` past their age,
 *   then every token is refused (401) until a fetch succeeds. A failed fetch never becomes a 500.
 * Written here rather than with jose's createRemoteJWKSet for the injected clock (cooldown and age tested
 * without sleeping), the bounded use of stale keys during an outage, and one verification path
 * (jsonwebtoken, with the same claim checks as the static keys).
 */
export class RemoteKeySet {
  private readonly logger = new Logger('Jwks');
  private readonly now: () => number;
  private readonly fetchJson: (url: string, timeoutMs: number) => Promise<unknown>;
  private keys?: Map<string, KeyObject>;
  private fetchedAt = 0;
  private lastAttemptAt?: number;
  private inflight?: Promise<void>;

  constructor(
    private readonly config: JwksConfig,
    options: KeySetOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.fetchJson = options.fetchJson ?? fetchJson;
  }

  /** The key named `kid`, refetching the set when needed; InvalidTokenError('unknown-key' | 'keys-unavailable') otherwise. */
  async keyFor(kid: string): Promise<KeyObject> {
    if (this.shouldFetch(kid)) await this.refresh();
    const keys = this.usableKeys();
    if (!keys) throw new InvalidTokenError('keys-unavailable', `no usable key set from ${this.config.url}`);
    const key = keys.get(kid);
    if (!key) throw new InvalidTokenError('unknown-key', `kid ${JSON.stringify(kid)} is not in the key set`);
    return key;
  }

  private shouldFetch(kid: string): boolean {
    if (this.inflight) return true;
    const now = this.now();
    if (this.lastAttemptAt !== undefined && now - this.lastAttemptAt < this.config.cooldownMs) return false;
    return !this.keys || now - this.fetchedAt >= this.config.maxAgeMs || !this.keys.has(kid);
  }

  private usableKeys(): Map<string, KeyObject> | undefined {
    if (!this.keys) return undefined;
    return this.now() - this.fetchedAt < this.config.maxAgeMs + this.config.maxStaleMs ? this.keys : undefined;
  }

  /** One fetch at a time; its failure is logged and leaves the cached keys as they were. */
  private refresh(): Promise<void> {
    this.inflight ??= this.fetchKeys().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async fetchKeys(): Promise<void> {
    this.lastAttemptAt = this.now();
    try {
      const keys = parseKeySet(await this.fetchJson(this.config.url, this.config.timeoutMs), this.logger);
      const before = [...(this.keys?.keys() ?? [])].join(',');
      this.keys = keys;
      this.fetchedAt = this.now();
      const after = [...keys.keys()].join(',');
      if (after !== before) this.logger.log(`Key set of ${this.config.url}: ${keys.size} key(s) [${after}]`);
    } catch (error) {
      const cached = this.keys ? `${this.keys.size} cached key(s) fetched ${Math.round((this.now() - this.fetchedAt) / 1000)} s ago` : 'no cached keys';
      this.logger.warn(`Cannot fetch the key set ${this.config.url}: ${error instanceof Error ? error.message : String(error)} (${cached})`);
    }
  }
}

/** The RSA signature keys of a JWKS document, by `kid`; keys of other kinds or uses are left out. */
export function parseKeySet(document: unknown, logger?: Logger): Map<string, KeyObject> {
  const list = (document as { keys?: unknown })?.keys;
  if (!Array.isArray(list)) throw new Error('not a JWKS document (no "keys" array)');
  const keys = new Map<string, KeyObject>();
  for (const jwk of list.slice(0, MAX_KEYS) as Array<JsonWebKey & { kid?: unknown; use?: unknown; alg?: unknown }>) {
    if (typeof jwk !== 'object' || jwk === null || typeof jwk.kid !== 'string' || jwk.kid === '' || jwk.kty !== 'RSA') continue;
    if ((jwk.use !== undefined && jwk.use !== 'sig') || (jwk.alg !== undefined && jwk.alg !== 'RS256')) continue;
    try {
      // Only the public members: a JWKS that leaked a private key still yields a public key.
      const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      if (bits < MIN_RSA_BITS) {
        logger?.warn(`Key ${jwk.kid} left out: RSA ${bits} bits < ${MIN_RSA_BITS}`);
        continue;
      }
      keys.set(jwk.kid, key);
    } catch (error) {
      logger?.warn(`Key ${jwk.kid} left out: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return keys;
}

async function fetchJson(url: string, timeoutMs: number): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_JWKS_BYTES) throw new Error(`answer of ${declared} bytes is too large`);
  const text = await response.text();
  if (text.length > MAX_JWKS_BYTES) throw new Error(`answer of ${text.length} characters is too large`);
  return JSON.parse(text);
}
