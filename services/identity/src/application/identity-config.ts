/** identity's settings, from the environment (see services/identity/README.md). */
export interface IdentityConfig {
  accessTtlSeconds: number;
  idleMinutes: number;
  sessionMaxHours: number;
  lockoutMinutes: number;
  maxFailures: number;
  keyRotationDays: number;
  /** How often a running identity checks whether its signing key is due for rotation; 0: never (tests rotate by hand). */
  keyCheckIntervalMs: number;
  /**
   * How long a new signing key is published in the JWKS before it signs (pre-publication), so every
   * service has fetched it by then: at least the services' JWKS_COOLDOWN_MS + 10 s (README, Tokens).
   */
  keyActivationDelayMs: number;
  importMaxBytes: number;
  bootstrapAdminPassword?: string;
}

export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
/**
 * Default of IDENTITY_KEY_ACTIVATION_DELAY_MS: the services' default JWKS_COOLDOWN_MS (10 s), plus identity's
 * own key cache (5 s) and the JWKS answer's max-age (5 s), with 10 s to spare.
 */
export const KEY_ACTIVATION_DELAY_MS = 30_000;
export const TOKEN_ISSUER = 'houqin-identity';
export const TOKEN_AUDIENCE = 'houqin';

const positive = (env: NodeJS.ProcessEnv, name: string, fallback: number, { allowZero = false } = {}): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, not ${JSON.stringify(raw)}`);
  return value;
};

/** `900`, `900s`, `15m`, `1h`: seconds. */
export function durationSeconds(text: string): number {
  const match = /^(\d+)\s*([smh]?)$/.exec(text.trim());
  if (!match || Number(match[1]) <= 0) throw new Error(`IDENTITY_ACCESS_TTL must look like 900, 900s, 15m or 1h, not ${JSON.stringify(text)}`);
  return Number(match[1]) * ({ '': 1, s: 1, m: 60, h: 3600 } as Record<string, number>)[match[2]];
}

export function identityConfigFromEnv(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const accessTtlSeconds = durationSeconds(env['IDENTITY_ACCESS_TTL']?.trim() || '15m');
  if (accessTtlSeconds > 3600) throw new Error('IDENTITY_ACCESS_TTL above 1h defeats revocation (access is lost only when the token expires)');
  return {
    accessTtlSeconds,
    idleMinutes: positive(env, 'IDENTITY_IDLE_MINUTES', 30),
    sessionMaxHours: positive(env, 'IDENTITY_SESSION_MAX_HOURS', 12),
    lockoutMinutes: positive(env, 'IDENTITY_LOCKOUT_MINUTES', 15),
    maxFailures: 5,
    keyRotationDays: positive(env, 'IDENTITY_KEY_ROTATION_DAYS', 30),
    keyCheckIntervalMs: positive(env, 'IDENTITY_KEY_CHECK_INTERVAL_MS', 3_600_000, { allowZero: true }),
    keyActivationDelayMs: positive(env, 'IDENTITY_KEY_ACTIVATION_DELAY_MS', KEY_ACTIVATION_DELAY_MS, { allowZero: true }),
    importMaxBytes: positive(env, 'IDENTITY_IMPORT_MAX_BYTES', 2 * 1024 * 1024),
    bootstrapAdminPassword: env['IDENTITY_BOOTSTRAP_ADMIN_PASSWORD'] || undefined,
  };
}
