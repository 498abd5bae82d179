import { gatewayConfigFromEnv } from './config';

describe('gatewayConfigFromEnv', () => {
  it('defaults: this machine only, port 3100, the built portal, each service on 127.0.0.1', () => {
    const config = gatewayConfigFromEnv({}, '/repo');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3100,
      portalDist: '/repo/dist/services/portal',
      upstreamTimeoutMs: 60_000,
      bodyLimitBytes: 10 * 1024 * 1024,
      loginRateLimit: { max: 30, windowMs: 60_000 },
      trustProxy: false,
      tls: undefined,
    });
    expect(config.upstreams).toEqual([
      { name: 'identity', url: 'http://127.0.0.1:3104' },
      { name: 'facilities', url: 'http://127.0.0.1:3101' },
      { name: 'bureau', url: 'http://127.0.0.1:3102' },
      { name: 'audit', url: 'http://127.0.0.1:3103' },
    ]);
  });

  it('reads the services, port, limits and proxy trust from the environment', () => {
    const config = gatewayConfigFromEnv({
      GATEWAY_HOST: '0.0.0.0',
      GATEWAY_PORT: '8080',
      PORT: '9999',
      PORTAL_DIST: '/srv/portal',
      FACILITIES_URL: 'http://10.0.0.5:3101/',
      IDENTITY_URL: 'https://identity.district.local/base',
      GATEWAY_LOGIN_RATE_MAX: '5',
      GATEWAY_TRUST_PROXY: '10.0.0.1',
    });
    expect(config).toMatchObject({ host: '0.0.0.0', port: 8080, portalDist: '/srv/portal', loginRateLimit: { max: 5 }, trustProxy: '10.0.0.1' });
    expect(config.upstreams.slice(0, 2)).toEqual([
      { name: 'identity', url: 'https://identity.district.local/base' },
      { name: 'facilities', url: 'http://10.0.0.5:3101' },
    ]);
    expect(gatewayConfigFromEnv({ PORT: '3200' }).port).toBe(3200);
    expect(gatewayConfigFromEnv({ GATEWAY_TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });

  it('refuses to expose a platform that accepts development tokens', () => {
    expect(() => gatewayConfigFromEnv({ HOUQIN_DEV_AUTH: '1', GATEWAY_HOST: '0.0.0.0' })).toThrow(/refused while HOUQIN_DEV_AUTH=1/);
    expect(gatewayConfigFromEnv({ HOUQIN_DEV_AUTH: '1', GATEWAY_HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(gatewayConfigFromEnv({ HOUQIN_DEV_AUTH: '1', GATEWAY_HOST: '::1' }).host).toBe('::1');
  });

  it('refuses bad values', () => {
    expect(() => gatewayConfigFromEnv({ AUDIT_URL: 'audit:3103' })).toThrow(/AUDIT_URL must be http\(s\)/);
    expect(() => gatewayConfigFromEnv({ BUREAU_URL: 'http://u:p@bureau' })).toThrow(/plain base URL/);
    expect(() => gatewayConfigFromEnv({ GATEWAY_PORT: '70000' })).toThrow(/GATEWAY_PORT/);
    expect(() => gatewayConfigFromEnv({ GATEWAY_LOGIN_RATE_MAX: '0' })).toThrow(/GATEWAY_LOGIN_RATE_MAX/);
    expect(() => gatewayConfigFromEnv({ TLS_KEY: '/k.pem' })).toThrow(/TLS_CERT and TLS_KEY go together/);
  });
});
