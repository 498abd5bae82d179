import { authConfigFromEnv, DEV_JWT_SECRET } from './config';

describe('authConfigFromEnv', () => {
  it('has development defaults only with HOUQIN_DEV_AUTH=1', () => {
    expect(authConfigFromEnv({ HOUQIN_DEV_AUTH: '1' })).toEqual({
      algorithms: ['HS256'],
      secret: DEV_JWT_SECRET,
      publicKey: undefined,
      privateKey: undefined,
      audience: 'houqin',
      issuer: 'houqin-dev',
    });
  });

  it('fails closed: without a key and without the switch, whatever NODE_ENV says, it refuses to start', () => {
    for (const NODE_ENV of [undefined, 'staging', 'development', 'test', 'production']) {
      expect(() => authConfigFromEnv({ NODE_ENV })).toThrow(/No token key: set JWT_SECRET/);
      expect(() => authConfigFromEnv({ NODE_ENV, HOUQIN_DEV_AUTH: 'true' })).toThrow(/No token key/);
    }
  });

  it('refuses the development switch in production', () => {
    expect(() => authConfigFromEnv({ NODE_ENV: 'production', HOUQIN_DEV_AUTH: '1' })).toThrow(/refused when NODE_ENV=production/);
  });

  it('a real key wins over the switch', () => {
    const secret = 'x'.repeat(40);
    expect(authConfigFromEnv({ HOUQIN_DEV_AUTH: '1', JWT_SECRET: secret }).secret).toBe(secret);
  });

  it('never falls back to the dev secret in production', () => {
    expect(() => authConfigFromEnv({ NODE_ENV: 'production', JWT_PUBLIC_KEY: 'pem' })).toThrow(/HS256 needs JWT_SECRET/);
  });

  it('refuses a short secret and unknown algorithms', () => {
    expect(() => authConfigFromEnv({ JWT_SECRET: 'short' })).toThrow(/32 characters/);
    expect(() => authConfigFromEnv({ HOUQIN_DEV_AUTH: '1', JWT_ALGORITHM: 'none' })).toThrow(/Unsupported JWT algorithm/);
  });

  it('reads RS256 keys with escaped newlines', () => {
    const config = authConfigFromEnv({ JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: 'line1\\nline2', JWT_ISSUER: 'houqin-prod' });
    expect(config).toMatchObject({ algorithms: ['RS256'], secret: undefined, publicKey: 'line1\nline2', issuer: 'houqin-prod' });
  });
});
