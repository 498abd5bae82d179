import path from 'node:path';
import { Platform, ROOT } from '@houqin/testing';
import { ExtraService, freePort } from './processes';

/** The gateway (services/gateway, built by the global setup) serving the built portal in front of every service. */
export async function startGateway(platform: Platform, identity: ExtraService): Promise<ExtraService> {
  const gateway = new ExtraService('gateway', await freePort());
  return gateway.start(
    platform,
    {
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(gateway.port),
      PORTAL_DIST: path.join(ROOT, 'dist/services/portal'),
      IDENTITY_URL: identity.url,
      FACILITIES_URL: platform.url('facilities'),
      BUREAU_URL: platform.url('bureau'),
      AUDIT_URL: platform.url('audit'),
    },
    '/',
  );
}
