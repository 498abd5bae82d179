import { JWKS_DEFAULTS } from '@houqin/auth';
import { durationSeconds, identityConfigFromEnv } from './identity-config';
import { JWKS_MAX_AGE_SECONDS, KEY_CACHE_MS } from './signing-keys';
import { accountIdOf } from './account-ids';
import { generatePassword } from './accounts.service';
import { passwordProblems } from '../domain/password-policy';
import { KeyEncryption, keySecretFromEnv } from '../infrastructure/key-secret';

describe('identity configuration', () => {
  it('has the 等保 defaults', () => {
    expect(identityConfigFromEnv({})).toMatchObject({ accessTtlSeconds: 900, idleMinutes: 30, lockoutMinutes: 15, maxFailures: 5, keyRotationDays: 30 });
  });

  it("pre-publishes a new signing key 30 s before it signs: above the services' JWKS cooldown (10 s) + identity's key cache and JWKS max-age (5 s each)", () => {
    expect(identityConfigFromEnv({}).keyActivationDelayMs).toBe(30_000);
    expect(30_000).toBeGreaterThanOrEqual(JWKS_DEFAULTS.cooldownMs + KEY_CACHE_MS + JWKS_MAX_AGE_SECONDS * 1000);
    expect(identityConfigFromEnv({ IDENTITY_KEY_ACTIVATION_DELAY_MS: '0' }).keyActivationDelayMs).toBe(0);
    expect(() => identityConfigFromEnv({ IDENTITY_KEY_ACTIVATION_DELAY_MS: 'soon' })).toThrow(/IDENTITY_KEY_ACTIVATION_DELAY_MS/);
  });

  it('reads durations and refuses nonsense', () => {
    expect(durationSeconds('900')).toBe(900);
    expect(durationSeconds('10m')).toBe(600);
    expect(durationSeconds('1h')).toBe(3600);
    expect(() => identityConfigFromEnv({ IDENTITY_ACCESS_TTL: '2h' })).toThrow(/above 1h/);
    expect(() => identityConfigFromEnv({ IDENTITY_ACCESS_TTL: 'soon' })).toThrow(/IDENTITY_ACCESS_TTL/);
    expect(() => identityConfigFromEnv({ IDENTITY_LOCKOUT_MINUTES: '0' })).toThrow(/IDENTITY_LOCKOUT_MINUTES/);
  });
});

describe('signing-key secret', () => {
  it('is required in production and at least 32 characters', () => {
    expect(() => keySecretFromEnv({ NODE_ENV: 'production' })).toThrow(/IDENTITY_KEY_SECRET is required/);
    expect(() => keySecretFromEnv({ IDENTITY_KEY_SECRET: 'short' })).toThrow(/32 characters/);
  });

  it('encrypts with AES-256-GCM: round trip, and tampering or another secret is refused', () => {
    const sealed = new KeyEncryption('a'.repeat(32)).encrypt('-----BEGIN PRIVATE KEY-----');
    expect(sealed).not.toContain('PRIVATE');
    expect(new KeyEncryption('a'.repeat(32)).decrypt(sealed)).toBe('-----BEGIN PRIVATE KEY-----');
    expect(() => new KeyEncryption('b'.repeat(32)).decrypt(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = `${parts[3][0] === 'A' ? 'B' : 'A'}${parts[3].slice(1)}`; // another first character (it was 'A' one run in 64)
    expect(() => new KeyEncryption('a'.repeat(32)).decrypt(parts.join('.'))).toThrow();
  });
});

describe('accounts', () => {
  it('derive a stable UUID v5 from the username, whatever its case', () => {
    expect(accountIdOf('Li.Lei')).toBe(accountIdOf('li.lei'));
    expect(accountIdOf('li.lei')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(accountIdOf('li.lei')).not.toBe(accountIdOf('han.meimei'));
  });

  it('generate initial passwords that meet the rules', () => {
    for (let i = 0; i < 200; i++) expect(passwordProblems(generatePassword(), 'li.lei')).toEqual([]);
  });
});
