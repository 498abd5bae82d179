export type JwtAlgorithm = 'HS256' | 'RS256';
export const JWT_ALGORITHMS: readonly JwtAlgorithm[] = ['HS256', 'RS256'];

export interface AuthConfig {
  /** Accepted signature algorithms; `none` can never be listed. */
  algorithms: JwtAlgorithm[];
  /** HS256 shared secret (at least 32 characters). */
  secret?: string;
  /** RS256 PEM public key, to verify. */
  publicKey?: string;
  /** RS256 PEM private key, only where tokens are minted. */
  privateKey?: string;
  audience: string;
  issuer: string;
}

/** Only for local development and tests, and only with HOUQIN_DEV_AUTH=1 (see authConfigFromEnv). */
export const DEV_JWT_SECRET = 'houqin-dev-secret-change-me-0123456789';
export const DEFAULT_JWT_AUDIENCE = 'houqin';
export const DEFAULT_JWT_ISSUER = 'houqin-dev';
// RFC 7518 §3.2: an HS256 key must be at least as long as the hash (256 bits).
const MIN_SECRET_LENGTH = 32;

/** Empty variables count as unset; PEMs often arrive with escaped newlines from .env files. */
const read = (env: NodeJS.ProcessEnv, name: string) => env[name]?.trim() || undefined;
const pem = (value: string | undefined) => value?.replace(/\\n/g, '\n');

/** The published development secret is accepted only when this switch is on, whatever NODE_ENV says. */
export const devAuthEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => read(env, 'HOUQIN_DEV_AUTH') === '1';

/**
 * JWT_ALGORITHM (HS256 | RS256 | "HS256,RS256"; default HS256), JWT_SECRET,
 * JWT_PUBLIC_KEY / JWT_PRIVATE_KEY (PEM), JWT_AUDIENCE (houqin), JWT_ISSUER (houqin-dev).
 * Fails closed: without a key the service refuses to start, unless HOUQIN_DEV_AUTH=1
 * explicitly enables the published development secret (npm start and the tests set it).
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const secret = read(env, 'JWT_SECRET');
  const publicKey = pem(read(env, 'JWT_PUBLIC_KEY'));
  const dev = devAuthEnabled(env);
  if (!secret && !publicKey && !dev) {
    throw new Error(
      'No token key: set JWT_SECRET (HS256) or JWT_ALGORITHM=RS256 with JWT_PUBLIC_KEY. ' +
        'For local development only, HOUQIN_DEV_AUTH=1 enables the published development secret.',
    );
  }
  if (dev && env.NODE_ENV === 'production' && !secret && !publicKey) {
    throw new Error('HOUQIN_DEV_AUTH=1 is refused when NODE_ENV=production: set JWT_SECRET or JWT_PUBLIC_KEY');
  }
  const algorithms = (read(env, 'JWT_ALGORITHM') ?? 'HS256').split(',').map((name) => name.trim().toUpperCase());
  return assertValidAuthConfig({
    algorithms: algorithms as JwtAlgorithm[],
    secret: algorithms.includes('HS256') ? (secret ?? (dev ? DEV_JWT_SECRET : undefined)) : undefined,
    publicKey,
    privateKey: pem(read(env, 'JWT_PRIVATE_KEY')),
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
  if (config.algorithms.includes('RS256') && !config.publicKey) throw new Error('RS256 needs JWT_PUBLIC_KEY');
  if (!config.audience || !config.issuer) throw new Error('AuthConfig needs an audience and an issuer');
  return config;
}
