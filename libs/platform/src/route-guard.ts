import { INestApplication } from '@nestjs/common';
import { JwtAuthGuard } from '@houqin/auth';

/** NestApplication keeps its ApplicationConfig here; APP_GUARD providers land in its global guards. */
interface WithApplicationConfig {
  config?: { getGlobalGuards?(): unknown[] };
}

/**
 * Fails closed: a service whose module forgot `AuthModule.forRoot()` would serve every
 * route to anyone, so it must not start. Also refuses to start when the guards cannot be
 * inspected (a Nest upgrade that moved them), rather than assume they are there.
 */
export function assertRoutesGuarded(app: INestApplication): void {
  const guards = (app as unknown as WithApplicationConfig).config?.getGlobalGuards?.();
  if (!guards) throw new Error('Cannot inspect the global guards of this application; refusing to start a service that may be unguarded');
  if (!guards.some((guard) => guard instanceof JwtAuthGuard)) {
    throw new Error('Routes are not behind the authentication guard: import AuthModule.forRoot() in the service module; refusing to start');
  }
}
