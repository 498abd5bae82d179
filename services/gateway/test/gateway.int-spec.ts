import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, request as httpRequest, Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { FastifyInstance } from 'fastify';
import { buildGateway } from '../src/app';
import { GatewayConfig, gatewayConfigFromEnv } from '../src/config';

/** What a fake service saw. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in for one service on 127.0.0.1, a random port: it echoes what it received. */
class FakeService {
  seen: Seen[] = [];
  private server?: Server;
  url = '';

  constructor(private readonly name: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const seen = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() };
        this.seen.push(seen);
        const correlation = { 'x-correlation-id': String(req.headers['x-correlation-id'] ?? '') };
        if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 2_000);
        if (req.url === '/busy') return void res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/json', ...correlation }).end('{"statusCode":503}');
        if (req.url === '/auth/refresh') {
          return void res.writeHead(200, { 'set-cookie': ['rt=abc; Path=/auth; HttpOnly; SameSite=Strict', 'other=1; Path=/'], ...correlation }).end('{}');
        }
        res.writeHead(req.url === '/auth/login' ? 401 : 200, { 'content-type': 'application/json', ...correlation }).end(JSON.stringify({ service: this.name, ...seen }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** A port nobody listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body's bytes as sent (compressed when content-encoding says so). */
  raw: Buffer;
  text: string;
  json: () => Record<string, unknown>;
}

/** Raw HTTP: the path is sent exactly as written (fetch would resolve `..`). */
function call(base: string, method: string, path: string, { headers = {}, body, localAddress }: { headers?: Record<string, string>; body?: string; localAddress?: string } = {}): Promise<Answer> {
  const url = new URL(base);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send({ host: url.hostname, port: url.port, method, path, headers: { ...headers, ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }) }, localAddress, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = raw.toString();
        resolve({ status: res.statusCode!, headers: res.headers, raw, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const SCRIPT = 'console.log("portal")';

describe('gateway', () => {
  const identity = new FakeService('identity');
  const facilities = new FakeService('facilities');
  const audit = new FakeService('audit');
  let dist: string;
  let config: GatewayConfig;
  let gateway: FastifyInstance;
  let base: string;

  const start = async (overrides: Partial<GatewayConfig> = {}, logLines?: string[]) => {
    const logger = logLines ? { level: 'debug', stream: { write: (line: string) => void logLines.push(line) } } : false;
    const app = await buildGateway({ ...config, ...overrides }, { logger });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return { app, base: `${overrides.tls ? 'https' : 'http'}://127.0.0.1:${port}` };
  };

  beforeAll(async () => {
    await Promise.all([identity.start(), facilities.start(), audit.start()]);
    dist = mkdtempSync(join(tmpdir(), 'houqin-gateway-'));
    writeFileSync(join(dist, 'secret.txt'), 'outside the portal');
    mkdirSync(join(dist, 'portal', 'assets'), { recursive: true });
    writeFileSync(join(dist, 'portal', 'index.html'), '<!doctype html><html><body><div id="root">后勤门户</div></body></html>');
    writeFileSync(join(dist, 'portal', 'assets', 'index-abc123.js'), SCRIPT);
    // As the portal's build leaves them (vite.config.mts): each asset also brotli- and gzip-compressed beside it.
    writeFileSync(join(dist, 'portal', 'assets', 'index-abc123.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(dist, 'portal', 'assets', 'index-abc123.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(dist, 'portal', '.env'), 'SECRET=1');
    const env = {
      PORTAL_DIST: join(dist, 'portal'),
      IDENTITY_URL: identity.url,
      FACILITIES_URL: facilities.url,
      BUREAU_URL: `http://127.0.0.1:${await deadPort()}`,
      AUDIT_URL: audit.url,
      GATEWAY_UPSTREAM_TIMEOUT_MS: '300',
      GATEWAY_LOGIN_RATE_MAX: '3',
      GATEWAY_LOGIN_RATE_WINDOW_MS: '60000',
      GATEWAY_BODY_LIMIT_BYTES: '1000',
    };
    config = gatewayConfigFromEnv(env);
    ({ app: gateway, base } = await start());
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([identity.stop(), facilities.stop(), audit.stop()]);
    rmSync(dist, { recursive: true, force: true });
  });

  beforeEach(() => {
    for (const service of [identity, facilities, audit]) service.seen = [];
  });

  describe('routing /api/<service>/…', () => {
    it('proxies to the service with the prefix removed, the query, the method, the body and the bearer token', async () => {
      const got = await call(base, 'GET', '/api/facilities/work-orders?status=open&q=%E7%81%AF', { headers: { authorization: 'Bearer abc.def.ghi' } });
      expect(got.status).toBe(200);
      expect(got.json()).toMatchObject({ service: 'facilities', method: 'GET', url: '/work-orders?status=open&q=%E7%81%AF' });
      expect(facilities.seen[0].headers.authorization).toBe('Bearer abc.def.ghi');

      const body = JSON.stringify({ title: '三楼302教室灯管不亮' });
      const posted = await call(base, 'POST', '/api/audit/audit/verifications/facilities', { headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' }, body });
      expect(posted.json()).toMatchObject({ service: 'audit', method: 'POST', url: '/audit/verifications/facilities', body });
      expect(audit.seen[0].headers['idempotency-key']).toBe('k-1');

      // identity's key set is reachable through the gateway too (a dot in a segment name is not a dot segment).
      expect((await call(base, 'GET', '/api/identity/.well-known/jwks.json')).json()).toMatchObject({ service: 'identity', url: '/.well-known/jwks.json' });
    });

    it('says who the client is, replacing what the client claimed', async () => {
      await call(base, 'GET', '/api/facilities/x', { headers: { 'x-forwarded-for': '10.9.9.9', 'x-real-ip': '10.9.9.9', forwarded: 'for=10.9.9.9' } });
      const { headers } = facilities.seen[0];
      expect(headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(headers['x-forwarded-proto']).toBe('http');
      expect(headers['x-real-ip']).toBeUndefined();
      expect(headers.forwarded).toBeUndefined();
    });

    it('moves a cookie a service sets for its own path under its prefix', async () => {
      const got = await call(base, 'POST', '/api/identity/auth/refresh', { body: '' });
      expect(got.headers['set-cookie']).toEqual(['rt=abc; Path=/api/identity/auth; HttpOnly; SameSite=Strict', 'other=1; Path=/api/identity']);
    });

    it('passes a service 503 through as it is, without repeating the request', async () => {
      const got = await call(base, 'GET', '/api/facilities/busy');
      expect(got.status).toBe(503);
      expect(got.headers['retry-after']).toBe('1');
      expect(facilities.seen).toHaveLength(1);
    });

    it('answers an unknown service with a bilingual 404', async () => {
      const got = await call(base, 'GET', '/api/nosuch/thing');
      expect(got.status).toBe(404);
      expect(got.json()).toMatchObject({ statusCode: 404, messageZh: '接口不存在' });
    });
  });

  describe('correlation ids', () => {
    it('keeps an acceptable incoming id, passes it upstream and returns it', async () => {
      const got = await call(base, 'GET', '/api/facilities/x', { headers: { 'x-correlation-id': 'portal-123:abc' } });
      expect(got.headers['x-correlation-id']).toBe('portal-123:abc');
      expect(facilities.seen[0].headers['x-correlation-id']).toBe('portal-123:abc');
    });

    it('replaces an unacceptable one, and makes one when there is none, the same upstream and back', async () => {
      for (const headers of [{ 'x-correlation-id': 'x'.repeat(200) }, { 'x-correlation-id': 'a b<script>' }, {}] as Record<string, string>[]) {
        facilities.seen = [];
        const got = await call(base, 'GET', '/api/facilities/x', { headers });
        const id = got.headers['x-correlation-id'];
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(facilities.seen[0].headers['x-correlation-id']).toBe(id);
      }
    });

    it('is on the gateway own answers too', async () => {
      const got = await call(base, 'GET', '/api/bureau/statistics', { headers: { 'x-correlation-id': 'c-502' } });
      expect(got.headers['x-correlation-id']).toBe('c-502');
    });
  });

  describe('a service that is down', () => {
    it('answers 502 in Chinese and English when the connection is refused', async () => {
      const got = await call(base, 'GET', '/api/bureau/statistics/work-orders/district');
      expect(got.status).toBe(502);
      expect(got.headers['content-type']).toMatch(/application\/json/);
      expect(got.json()).toEqual({
        statusCode: 502,
        error: 'Bad Gateway',
        code: 'upstream-unreachable',
        message: 'The bureau service cannot be reached; try again later',
        messageZh: '教育局统计服务暂时无法访问，请稍后再试',
      });
    });

    it('answers 504 when the service does not answer in time', async () => {
      const started = Date.now();
      const got = await call(base, 'GET', '/api/facilities/slow');
      expect(got.status).toBe(504);
      expect(got.json()).toMatchObject({ statusCode: 504, code: 'upstream-timeout', messageZh: '设施设备服务响应超时，请稍后再试' });
      expect(Date.now() - started).toBeLessThan(1_500);
    });

    it('answers 503 when the service name does not resolve', async () => {
      const { app, base: other } = await start({ upstreams: [{ name: 'audit', url: 'http://houqin-no-such-host.invalid:3103' }] });
      try {
        const got = await call(other, 'GET', '/api/audit/audit/events');
        expect(got.status).toBe(503);
        expect(got.headers['retry-after']).toBe('5');
        expect(got.json()).toMatchObject({ code: 'upstream-unavailable', messageZh: '审计服务暂不可用，请稍后再试' });
      } finally {
        await app.close();
      }
    });

    it('/health reports each service', async () => {
      const got = await call(base, 'GET', '/health');
      expect(got.status).toBe(200);
      expect(got.json()).toMatchObject({
        status: 'degraded',
        service: 'gateway',
        down: ['bureau'],
        upstreams: { identity: { status: 'ok', httpStatus: 200 }, facilities: { status: 'ok' }, audit: { status: 'ok' }, bureau: { status: 'down', error: 'ECONNREFUSED' } },
      });
      expect(got.text).not.toContain('127.0.0.1');
    });
  });

  describe('login rate limit', () => {
    it('refuses the attempts over the limit per client IP with 429, Retry-After and a bilingual body, however the path is spelled', async () => {
      const login = (path: string, localAddress = '127.0.0.1') => call(base, 'POST', path, { headers: { 'content-type': 'application/json' }, body: '{"username":"a","password":"b"}', localAddress });
      for (let i = 0; i < 3; i++) expect((await login('/api/identity/auth/login')).status).toBe(401); // the service's own answer
      for (const path of ['/api/identity/auth/login', '/api/identity//auth/login/', '/api/identity/auth/%6Cogin', '/api/identity/AUTH/login?x=1']) {
        const refused = await login(path);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect(refused.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests', messageZh: expect.stringMatching(/^登录尝试过于频繁，请\d+秒后再试$/) });
      }
      expect(identity.seen).toHaveLength(3);
      // Another client, and other identity routes, are not held back.
      expect((await login('/api/identity/auth/login', '127.0.0.2')).status).toBe(401);
      expect((await call(base, 'GET', '/api/identity/schools')).status).toBe(200);
    });
  });

  describe('security headers', () => {
    const expectSecurityHeaders = (headers: IncomingHttpHeaders) => {
      const csp = String(headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("object-src 'none'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['referrer-policy']).toBe('same-origin');
      expect(headers['permissions-policy']).toContain('camera=()');
      expect(headers['strict-transport-security']).toBeUndefined();
    };

    it('are on the portal, on proxied answers and on the gateway errors; no HSTS without TLS', async () => {
      expectSecurityHeaders((await call(base, 'GET', '/')).headers);
      expectSecurityHeaders((await call(base, 'GET', '/api/facilities/x')).headers);
      expectSecurityHeaders((await call(base, 'GET', '/api/bureau/x')).headers);
    });

    it('add HSTS when the gateway serves TLS (TLS_CERT, TLS_KEY)', async () => {
      const keyFile = join(dist, 'key.pem');
      const certFile = join(dist, 'cert.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'pipe' });
      const tls = gatewayConfigFromEnv({ TLS_CERT: certFile, TLS_KEY: keyFile }).tls;
      const { app, base: secure } = await start({ tls });
      try {
        const got = await call(secure, 'GET', '/');
        expect(got.status).toBe(200);
        expect(got.headers['strict-transport-security']).toBe('max-age=31536000');
        expect(got.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      } finally {
        await app.close();
      }
    });
  });

  describe('the portal files', () => {
    it('serves index.html at / and the hashed assets as immutable', async () => {
      const index = await call(base, 'GET', '/');
      expect(index.status).toBe(200);
      expect(index.headers['content-type']).toMatch(/text\/html/);
      expect(index.text).toContain('后勤门户');
      expect(index.headers['cache-control']).toBe('no-cache');
      const asset = await call(base, 'GET', '/assets/index-abc123.js');
      expect(asset.status).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });

    it('sends an asset precompressed as the browser accepts it (brotli, else gzip, else as built), varying by Accept-Encoding', async () => {
      const asset = '/assets/index-abc123.js';
      const br = await call(base, 'GET', asset, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['vary']).toMatch(/accept-encoding/i);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(br.raw).toString()).toBe(SCRIPT);
      const gz = await call(base, 'GET', asset, { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.raw).toString()).toBe(SCRIPT);
      const plain = await call(base, 'GET', asset);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.text).toBe(SCRIPT);
    });

    it('answers a portal route with index.html (the SPA routes in the browser), a missing file with 404', async () => {
      for (const path of ['/work-orders', '/bureau/dashboard?from=2026-09-01', '/schools/S001/people']) {
        const got = await call(base, 'GET', path, { headers: { accept: 'text/html' } });
        expect(got.status).toBe(200);
        expect(got.text).toContain('后勤门户');
      }
      expect((await call(base, 'GET', '/assets/missing-123.js')).status).toBe(404);
      expect((await call(base, 'POST', '/work-orders', { body: '{}' })).status).toBe(404);
    });

    it('refuses path traversal and dot files', async () => {
      for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2E%2E/%2E%2E/secret.txt', '/api/facilities/../identity/x', '/..\\secret.txt']) {
        const got = await call(base, 'GET', path);
        expect([got.status, path]).toEqual([400, path]);
        expect(got.text).not.toContain('outside the portal');
      }
      const dotFile = await call(base, 'GET', '/.env');
      expect(dotFile.status).toBe(404);
      expect(dotFile.text).not.toContain('SECRET');
      expect(facilities.seen).toHaveLength(0);
      expect(identity.seen).toHaveLength(0);
    });

    it('says clearly, in Chinese and English, that the portal is not built yet; the API still works', async () => {
      const { app, base: bare } = await start({ portalDist: join(dist, 'not-built') });
      try {
        const page = await call(bare, 'GET', '/work-orders');
        expect(page.status).toBe(503);
        expect(page.headers['content-type']).toMatch(/text\/html/);
        expect(page.text).toContain('门户尚未构建');
        expect(page.text).toContain('Portal not built');
        expect((await call(bare, 'GET', '/api/facilities/x')).status).toBe(200);
      } finally {
        await app.close();
      }
    });
  });

  describe('request bodies', () => {
    it('refuses a body over the limit with a bilingual 413 before any service sees it', async () => {
      const got = await call(base, 'POST', '/api/facilities/work-orders', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x'.repeat(2000) }) });
      expect(got.status).toBe(413);
      expect(got.json()).toMatchObject({ statusCode: 413, messageZh: '请求体过大（上限 1000 字节）' });
      expect(facilities.seen).toHaveLength(0);
    });

    it('refuses a chunked body without a length (411)', async () => {
      const got = await new Promise<number>((resolve, reject) => {
        const url = new URL(base);
        const req = httpRequest({ host: url.hostname, port: url.port, method: 'POST', path: '/api/facilities/work-orders', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
        req.write('{"a":');
        req.end('1}');
      });
      expect(got).toBe(411);
      expect(facilities.seen).toHaveLength(0);
    });
  });

  it('logs no token, password or cookie, even at debug level, while it refuses and fails', async () => {
    const lines: string[] = [];
    const { app, base: logged } = await start({ loginRateLimit: { max: 1, windowMs: 60_000 } }, lines);
    try {
      const secret = { authorization: 'Bearer eyJhbGciOi.secret-token.sig', cookie: 'rt=refresh-secret' };
      const body = JSON.stringify({ username: 'li.lei', password: 'Pa55word-secret!' });
      for (let i = 0; i < 2; i++) await call(logged, 'POST', '/api/identity/auth/login?next=/x', { headers: { ...secret, 'content-type': 'application/json' }, body });
      await call(logged, 'GET', '/api/bureau/statistics?token=query-secret', { headers: secret });
      await call(logged, 'GET', '/api/facilities/slow', { headers: secret });
      await call(logged, 'GET', '/../secret.txt', { headers: secret });
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log).toContain('upstream failed');
    expect(log).toContain('login rate limit exceeded');
    for (const leaked of ['secret-token', 'refresh-secret', 'Pa55word', 'query-secret', 'Bearer']) expect(log).not.toContain(leaked);
  });

  it('reads its certificate files only when both are given', () => {
    expect(() => gatewayConfigFromEnv({ TLS_CERT: join(dist, 'cert.pem') })).toThrow(/TLS_CERT and TLS_KEY go together/);
    expect(readFileSync(join(dist, 'portal', 'index.html'), 'utf8')).toContain('root');
  });
});
