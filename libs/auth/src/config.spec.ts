import { authConfigFromEnv, DEV_JWT_SECRET } from './config';

describe('authConfigFromEnv', () => {
  it('has development defaults', () => {
    expect(authConfigFromEnv({})).toEqual({
      algorithms: ['HS256'],
      secret: DEV_JWT_SECRET,
      publicKey: undefined,
      privateKey: undefined,
      audience: 'houqin',
      issuer: 'houqin-dev',
    });
  });

  it('refuses to start in production without a key', () => {
    expect(() => authConfigFromEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET or JWT_PUBLIC_KEY/);
  });

  it('never falls back to the dev secret in production', () => {
    expect(() => authConfigFromEnv({ NODE_ENV: 'production', JWT_PUBLIC_KEY: 'pem' })).toThrow(/HS256 needs JWT_SECRET/);
  });

  it('refuses a short secret and unknown algorithms', () => {
    expect(() => authConfigFromEnv({ JWT_SECRET: 'short' })).toThrow(/32 characters/);
    expect(() => authConfigFromEnv({ JWT_ALGORITHM: 'none' })).toThrow(/Unsupported JWT algorithm/);
  });

  it('reads RS256 keys with escaped newlines', () => {
    const config = authConfigFromEnv({ JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: 'line1\\nline2', JWT_ISSUER: 'houqin-prod' });
    expect(config).toMatchObject({ algorithms: ['RS256'], secret: undefined, publicKey: 'line1\nline2', issuer: 'houqin-prod' });
  });
});
