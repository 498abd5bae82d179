import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** A service behind the gateway: `/api/<name>/…` goes to `<url>/…`. */
export interface Upstream {
  name: string;
  /** Base URL, e.g. http://127.0.0.1:3101; a path in it is kept as the target's prefix. */
  url: string;
}

export interface GatewayConfig {
  host: string;
  port: number;
  /** The portal's built files (index.html + assets), absolute. */
  portalDist: string;
  upstreams: Upstream[];
  /** A request to a service that has not answered (headers or body) within this long gets 504. */
  upstreamTimeoutMs: number;
  /** Largest request body the gateway lets through (413 above; the services keep their own, tighter limits). */
  bodyLimitBytes: number;
  /** Login attempts per client IP and window: `POST /api/identity/auth/login`. */
  loginRateLimit: { max: number; windowMs: number };
  /** Fastify's trustProxy: false (default; the socket's address is the client), true, a hop count or addresses. */
  trustProxy: boolean | number | string;
  /** Served over HTTPS with HSTS when set (TLS_CERT and TLS_KEY files). */
  tls?: { cert: Buffer; key: Buffer };
}

/** The services the gateway routes to, with their default ports (libs/platform binds them to 127.0.0.1). */
export const DEFAULT_UPSTREAMS: Record<string, number> = { identity: 3104, facilities: 3101, bureau: 3102, audit: 3103 };
export const GATEWAY_DEFAULT_PORT = 3100;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

const read = (env: NodeJS.ProcessEnv, name: string) => env[name]?.trim() || undefined;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function upstreamUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name.toUpperCase()}_URL is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name.toUpperCase()}_URL must be http(s)`);
  if (url.search || url.hash || url.username) throw new Error(`${name.toUpperCase()}_URL must be a plain base URL (no query, fragment or credentials)`);
  return url.toString().replace(/\/$/, '');
}

function trustProxyOf(value: string | undefined): GatewayConfig['trustProxy'] {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value; // addresses or CIDRs, comma-separated
}

/**
 * GATEWAY_HOST (127.0.0.1), GATEWAY_PORT or PORT (3100), PORTAL_DIST (dist/services/portal),
 * IDENTITY_URL, FACILITIES_URL, BUREAU_URL, AUDIT_URL (http://127.0.0.1:3104/3101/3102/3103),
 * GATEWAY_UPSTREAM_TIMEOUT_MS (60000), GATEWAY_BODY_LIMIT_BYTES (10 MiB),
 * GATEWAY_LOGIN_RATE_MAX (30) per GATEWAY_LOGIN_RATE_WINDOW_MS (60000) and client IP (a school's staff may share one address),
 * GATEWAY_TRUST_PROXY (false), TLS_CERT + TLS_KEY (PEM files: HTTPS and HSTS).
 */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): GatewayConfig {
  const host = read(env, 'GATEWAY_HOST') ?? '127.0.0.1';
  // Under the development switch the services accept tokens anyone can mint: such a platform stays on this machine.
  if (read(env, 'HOUQIN_DEV_AUTH') === '1' && !LOOPBACK.test(host)) {
    throw new Error(`GATEWAY_HOST=${host} is refused while HOUQIN_DEV_AUTH=1: a platform that accepts development tokens must not be reachable from the network`);
  }
  const [certFile, keyFile] = [read(env, 'TLS_CERT'), read(env, 'TLS_KEY')];
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error('TLS_CERT and TLS_KEY go together: set both (PEM files) or neither');
  const portalDist = read(env, 'PORTAL_DIST') ?? 'dist/services/portal';
  return {
    host,
    port: integer(env, read(env, 'GATEWAY_PORT') ? 'GATEWAY_PORT' : 'PORT', GATEWAY_DEFAULT_PORT, 0, 65535),
    portalDist: isAbsolute(portalDist) ? portalDist : resolve(cwd, portalDist),
    upstreams: Object.entries(DEFAULT_UPSTREAMS).map(([name, port]) => ({
      name,
      url: upstreamUrl(name, read(env, `${name.toUpperCase()}_URL`) ?? `http://127.0.0.1:${port}`),
    })),
    upstreamTimeoutMs: integer(env, 'GATEWAY_UPSTREAM_TIMEOUT_MS', 60_000),
    bodyLimitBytes: integer(env, 'GATEWAY_BODY_LIMIT_BYTES', 10 * 1024 * 1024),
    loginRateLimit: { max: integer(env, 'GATEWAY_LOGIN_RATE_MAX', 30), windowMs: integer(env, 'GATEWAY_LOGIN_RATE_WINDOW_MS', 60_000) },
    trustProxy: trustProxyOf(read(env, 'GATEWAY_TRUST_PROXY')),
    tls: certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined,
  };
}
