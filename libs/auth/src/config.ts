export type JwtAlgorithm = 'HS256' | 'RS256';
export const JWT_ALGORITHMS: readonly JwtAlgorithm[] = ['HS256', 'RS256'];

/** identity's published key set: RS256 tokens that name a key (`kid`) are verified against it. */
export interface JwksConfig {
  /** e.g. http://127.0.0.1:3104/.well-known/jwks.json */
  url: string;
  /** `iss` of the tokens verified against this key set (identity's), independent of `AuthConfig.issuer`. */
  issuer: string;
  /** A fetch that takes longer is abandoned (the token is refused with 401). */
  timeoutMs: number;
  /** Least time between two fetches: an unknown `kid` refetches at most this often, and so does an unreachable identity. */
  cooldownMs: number;
  /** Keys older than this are refetched before use. */
  maxAgeMs: number;
  /** While identity is unreachable, keys are used for this long past `maxAgeMs`, then refused until a fetch succeeds. */
  maxStaleMs: number;
}

export interface AuthConfig {
  /** Accepted signature algorithms; `none` can never be listed. */
  algorithms: JwtAlgorithm[];
  /** HS256 shared secret (at least 32 characters). */
  secret?: string;
  /** RS256 PEM public key, to verify tokens that name no `kid` (or when no key set is configured). */
  publicKey?: string;
  /** RS256 PEM private key, only where tokens are minted. */
  privateKey?: string;
  /** identity's key set (JWKS_URL): RS256 tokens with a `kid`. A key rotation needs no restart. */
  jwks?: JwksConfig;
  audience: string;
  /** `iss` of tokens signed with `secret` or `privateKey`/`publicKey` (and written by signToken). */
  issuer: string;
}

/** Only for local development and tests, and only with HOUQIN_DEV_AUTH=1 (see authConfigFromEnv). */
export const DEV_JWT_SECRET = 'houqin-dev-secret-change-me-0123456789';
export const DEFAULT_JWT_AUDIENCE = 'houqin';
export const DEFAULT_JWT_ISSUER = 'houqin-dev';
/** The issuer identity writes into its tokens. */
export const DEFAULT_JWKS_ISSUER = 'houqin-identity';
export const JWKS_DEFAULTS = { timeoutMs: 3_000, cooldownMs: 10_000, maxAgeMs: 10 * 60_000, maxStaleMs: 60 * 60_000 } as const;
// RFC 7518 §3.2: an HS256 key must be at least as long as the hash (256 bits).
const MIN_SECRET_LENGTH = 32;

/** Empty variables count as unset; PEMs often arrive with escaped newlines from .env files. */
const read = (env: NodeJS.ProcessEnv, name: string) => env[name]?.trim() || undefined;
const pem = (value: string | undefined) => value?.replace(/\\n/g, '\n');

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number of milliseconds, not ${JSON.stringify(value)}`);
  return Number(value);
}

/** The published development secret is accepted only when this switch is on, whatever NODE_ENV says. */
export const devAuthEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => read(env, 'HOUQIN_DEV_AUTH') === '1';

/**
 * JWT_ALGORITHM (HS256 | RS256 | "HS256,RS256"; default HS256, or RS256 when JWKS_URL is set), JWT_SECRET,
 * JWT_PUBLIC_KEY / JWT_PRIVATE_KEY (PEM), JWT_AUDIENCE (houqin), JWT_ISSUER (houqin-dev; the issuer of tokens
 * signed with these keys), JWKS_URL (identity's key set) with JWKS_ISSUER (houqin-identity), JWKS_TIMEOUT_MS,
 * JWKS_COOLDOWN_MS, JWKS_MAX_AGE_MS, JWKS_MAX_STALE_MS.
 * Fails closed: without a key or key set the service refuses to start, unless HOUQIN_DEV_AUTH=1
 * explicitly enables the published development secret (npm start and the tests set it); never in production.
 * With HOUQIN_DEV_AUTH=1 and JWKS_URL, both are accepted: development HS256 tokens and identity's RS256 tokens.
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const secret = read(env, 'JWT_SECRET');
  const publicKey = pem(read(env, 'JWT_PUBLIC_KEY'));
  const jwksUrl = read(env, 'JWKS_URL');
  const dev = devAuthEnabled(env);
  if (!secret && !publicKey && !jwksUrl && !dev) {
    throw new Error(
      "No token key: set JWT_SECRET (HS256), JWT_ALGORITHM=RS256 with JWT_PUBLIC_KEY, or JWKS_URL (identity's key set). " +
        'For local development only, HOUQIN_DEV_AUTH=1 enables the published development secret.',
    );
  }
  if (dev && env.NODE_ENV === 'production') {
    throw new Error('HOUQIN_DEV_AUTH=1 is refused when NODE_ENV=production: unset it and set JWKS_URL, JWT_SECRET or JWT_PUBLIC_KEY');
  }
  const explicit = read(env, 'JWT_ALGORITHM');
  const algorithms = explicit
    ? explicit.split(',').map((name) => name.trim().toUpperCase())
    : jwksUrl
      ? [...(secret || dev ? ['HS256'] : []), 'RS256']
      : ['HS256'];
  // A key set is only ever RS256.
  if (jwksUrl && !algorithms.includes('RS256')) algorithms.push('RS256');
  return assertValidAuthConfig({
    algorithms: algorithms as JwtAlgorithm[],
    secret: algorithms.includes('HS256') ? (secret ?? (dev ? DEV_JWT_SECRET : undefined)) : undefined,
    publicKey,
    privateKey: pem(read(env, 'JWT_PRIVATE_KEY')),
    jwks: jwksUrl
      ? {
          url: jwksUrl,
          issuer: read(env, 'JWKS_ISSUER') ?? DEFAULT_JWKS_ISSUER,
          timeoutMs: milliseconds(env, 'JWKS_TIMEOUT_MS', JWKS_DEFAULTS.timeoutMs),
          cooldownMs: milliseconds(env, 'JWKS_COOLDOWN_MS', JWKS_DEFAULTS.cooldownMs),
          maxAgeMs: milliseconds(env, 'JWKS_MAX_AGE_MS', JWKS_DEFAULTS.maxAgeMs),
          maxStaleMs: milliseconds(env, 'JWKS_MAX_STALE_MS', JWKS_DEFAULTS.maxStaleMs),
        }
      : undefined,
    audience: read(env, 'JWT_AUDIENCE') ?? DEFAULT_JWT_AUDIENCE,
    issuer: read(env, 'JWT_ISSUER') ?? DEFAULT_JWT_ISSUER,
  });
}

/** Fails at startup rather than on the first request. */
export function assertValidAuthConfig(config: AuthConfig): AuthConfig {
  if (config.algorithms.length === 0) throw new Error('AuthConfig.algorithms must not be empty');
  for (const algorithm of config.algorithms) {
    if (!JWT_ALGORITHMS.includes(algorithm)) {
      throw new Error(`Unsupported JWT algorithm ${algorithm}; use ${JWT_ALGORITHMS.join(' or ')}`);
    }
  }
  if (config.algorithms.includes('HS256') && (config.secret ?? '').length < MIN_SECRET_LENGTH) {
    throw new Error(`HS256 needs JWT_SECRET of at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (config.algorithms.includes('RS256') && !config.publicKey && !config.jwks) throw new Error('RS256 needs JWKS_URL or JWT_PUBLIC_KEY');
  if (config.jwks) assertValidJwksConfig(config.jwks, config.algorithms);
  if (!config.audience || !config.issuer) throw new Error('AuthConfig needs an audience and an issuer');
  return config;
}

function assertValidJwksConfig(jwks: JwksConfig, algorithms: JwtAlgorithm[]): void {
  let url: URL;
  try {
    url = new URL(jwks.url);
  } catch {
    throw new Error(`JWKS_URL is not a URL: ${JSON.stringify(jwks.url)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`JWKS_URL must be http(s), not ${url.protocol}`);
  if (url.username || url.password) throw new Error('JWKS_URL must not carry credentials');
  if (!algorithms.includes('RS256')) throw new Error('A key set (JWKS_URL) verifies RS256 tokens: list RS256 in the algorithms');
  if (!jwks.issuer) throw new Error('A key set needs the issuer of its tokens (JWKS_ISSUER)');
  if (jwks.timeoutMs < 1 || jwks.cooldownMs < 0 || jwks.maxAgeMs < 1 || jwks.maxStaleMs < 0) {
    throw new Error('JWKS_TIMEOUT_MS and JWKS_MAX_AGE_MS must be positive, JWKS_COOLDOWN_MS and JWKS_MAX_STALE_MS not negative');
  }
}
