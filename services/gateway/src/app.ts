import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import proxy from '@fastify/http-proxy';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { FastifyError, LogController, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { correlationIdFor, CORRELATION_ID_HEADER, errorBody, ErrorBody } from '@houqin/platform';
import { GatewayConfig, Upstream } from './config';
import { canonicalPath, isSafePath, pathOf } from './paths';
import { notBuiltPage } from './portal-pages';
import { helmetOptions, PERMISSIONS_POLICY } from './security-headers';
import { cookieUnderPrefix, errorCodes, upstreamFailureBody } from './upstream';

type LoginLimiter = ReturnType<FastifyInstance['rateLimit']>;

export const LOGIN_PATH = '/api/identity/auth/login';
const HEALTH_TIMEOUT_MS = 2_000;
/** Headers a client may not set for the services: the gateway says who the client is. */
const CLIENT_FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip'];

export interface GatewayOptions {
  /** Fastify's logger: pino options, or false in tests. Default: JSON lines at LOG_LEVEL (info). */
  logger?: FastifyServerOptions['logger'];
}

/**
 * The one origin of the portals: the portal's built files (SPA fallback to index.html), and `/api/<service>/…`
 * proxied to each service with the prefix removed. At the door: correlation ids, security headers, a rate
 * limit on login, a body limit, refused path tricks, and bilingual 502/503/504 for a service that is down.
 * Plain Fastify: the gateway has no domain, commands, database or controllers for Nest to hold, and Nest's
 * guard, body parsers and Swagger would stand between the client and a streamed proxy.
 */
export async function buildGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<FastifyInstance> {
  const tls = config.tls !== undefined;
  const app = Fastify({
    logger: options.logger ?? {
      level: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'info',
      // Never a credential in a log line.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    // No line per request (the services log what they do); the gateway logs its refusals and upstream failures.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'correlationId' }),
    // The request id is the correlation id: the caller's acceptable X-Correlation-Id, or a new one.
    genReqId: (request) => correlationIdFor(request.headers),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    forceCloseConnections: true,
    ...(config.tls && { https: { cert: config.tls.cert, key: config.tls.key } }),
  }) as unknown as FastifyInstance;

  app.addHook('onRequest', async (request, reply) => {
    reply.header(CORRELATION_ID_HEADER, request.id);
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
    if (!isSafePath(pathOf(request.url))) {
      return send(reply, errorBody(400, 'The path is not acceptable (dot segments or encoded separators)', '请求路径不合法'));
    }
    const length = request.headers['content-length'];
    if (length !== undefined && Number(length) > config.bodyLimitBytes) {
      return send(reply, errorBody(413, `Request body is too large (limit ${config.bodyLimitBytes} bytes)`, `请求体过大（上限 ${config.bodyLimitBytes} 字节）`));
    }
    // Without a length the limit could only be enforced half-way through the upstream request; browsers always send one.
    if (length === undefined && request.headers['transfer-encoding'] !== undefined) {
      return send(reply, errorBody(411, 'Send the request body with a Content-Length', '请求体需要 Content-Length 请求头'));
    }
  });
  await app.register(helmet, helmetOptions(tls));
  app.setErrorHandler((error: FastifyError & { body?: ErrorBody }, request, reply) => {
    if (error.body) return send(reply, error.body);
    const status = error.statusCode ?? 500;
    if (status === 413) return send(reply, errorBody(413, `Request body is too large (limit ${config.bodyLimitBytes} bytes)`, `请求体过大（上限 ${config.bodyLimitBytes} 字节）`));
    if (status < 500) return send(reply, errorBody(status, 'Invalid request'));
    request.log.error({ err: error, path: pathOf(request.url) }, 'gateway error');
    return send(reply, errorBody(500, 'Internal server error', '服务器内部错误，请稍后再试'));
  });

  await app.register(rateLimit, { global: false });
  const limitLogin = app.rateLimit({
    max: config.loginRateLimit.max,
    timeWindow: config.loginRateLimit.windowMs,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error('login rate limit'), {
        statusCode: 429,
        body: errorBody(429, `Too many sign-in attempts; try again in ${context.after}`, `登录尝试过于频繁，请${Math.ceil(context.ttl / 1000)}秒后再试`),
      }),
    onExceeded: (request) => request.log.warn({ ip: request.ip }, 'login rate limit exceeded'),
  });

  for (const upstream of config.upstreams) await registerUpstream(app, upstream, config, limitLogin);

  await app.register(fastifyStatic, {
    root: config.portalDist,
    wildcard: true,
    index: ['index.html'],
    dotfiles: 'ignore',
    serveDotFiles: false,
    // The portal's build puts .br and .gz beside each asset (vite.config.mts): sent by Accept-Encoding, with Vary.
    preCompressed: true,
    // The missing folder is answered by the not-built page below, whenever it is requested.
    logLevel: 'warn',
    setHeaders: (reply, path) => {
      // Vite's hashed assets never change under a name; index.html must be revalidated to pick up a new build.
      reply.header('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => notFound(request, reply, config.portalDist));

  // 200 while the gateway itself runs (a load balancer keeps it); `degraded` names the services that are down.
  app.get('/health', async () => {
    const upstreams = await upstreamHealth(config.upstreams);
    const down = Object.entries(upstreams).filter(([, health]) => health.status !== 'ok').map(([name]) => name);
    return { status: down.length ? 'degraded' : 'ok', service: 'gateway', ...(down.length > 0 && { down }), upstreams };
  });
  return app;
}

async function registerUpstream(
  app: FastifyInstance,
  upstream: Upstream,
  config: GatewayConfig,
  limitLogin: LoginLimiter,
): Promise<void> {
  const prefix = `/api/${upstream.name}`;
  await app.register(proxy, {
    upstream: upstream.url,
    prefix,
    // The login route is limited however its path is spelled (the services' router would still find it).
    preHandler: async (request, reply) => {
      if (canonicalPath(pathOf(request.url)) === LOGIN_PATH) await limitLogin.call(app, request, reply);
    },
    undici: {
      connections: 128,
      headersTimeout: config.upstreamTimeoutMs,
      bodyTimeout: config.upstreamTimeoutMs,
      // An https upstream's certificate is checked (stated, as reply-from also sets a `tls` option of its own).
      connect: { timeout: Math.min(config.upstreamTimeoutMs, 5_000), rejectUnauthorized: true },
    },
    disableRequestLogging: true,
    replyOptions: {
      // A gateway does not repeat requests on its own (reply-from retries GETs on a 503 otherwise).
      retryDelay: () => null,
      rewriteRequestHeaders: (request, headers) => {
        const forwarded = { ...headers };
        for (const name of CLIENT_FORWARDING_HEADERS) delete forwarded[name];
        return {
          ...forwarded,
          [CORRELATION_ID_HEADER.toLowerCase()]: request.id,
          'x-forwarded-for': request.ip,
          'x-forwarded-proto': config.tls ? 'https' : 'http',
          ...(request.headers.host !== undefined && { 'x-forwarded-host': request.headers.host }),
        };
      },
      rewriteHeaders: (headers) => {
        const cookies = headers['set-cookie'];
        if (cookies === undefined) return headers;
        const list = Array.isArray(cookies) ? cookies : [String(cookies)];
        return { ...headers, 'set-cookie': list.map((cookie) => cookieUnderPrefix(cookie, prefix)) };
      },
      onError: (reply, { error }) => {
        const body = upstreamFailureBody(upstream.name, error);
        reply.request.log.warn({ upstream: upstream.name, codes: errorCodes(error), path: pathOf(reply.request.url), status: body.statusCode }, 'upstream failed');
        if (reply.sent || reply.raw.headersSent) return void reply.raw.destroy();
        if (body.statusCode === 503) reply.header('Retry-After', '5');
        void send(reply, body);
      },
    },
  });
}

interface Replying {
  code(status: number): Replying;
  type(contentType: string): Replying;
  send(payload: unknown): unknown;
}

function send<R extends Replying>(reply: R, body: ErrorBody): R {
  return reply.code(body.statusCode).type('application/json; charset=utf-8').send(body) as R;
}

/**
 * Anything no route served: `/api/…` (an unknown service) and other methods get a bilingual 404; a GET of a
 * portal route gets index.html (the portal routes in the browser), except a missing file (a path with an
 * extension), which stays 404. Before the portal is built, a page in Chinese and English says so.
 */
function notFound(request: FastifyRequest, reply: FastifyReply, portalDist: string) {
  const path = pathOf(request.url);
  const isApi = path === '/api' || path.startsWith('/api/');
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  if (isApi || (request.method !== 'GET' && request.method !== 'HEAD') || lastSegment.includes('.')) {
    return send(reply, errorBody(404, isApi ? 'No such service or route' : 'Not found', isApi ? '接口不存在' : '资源不存在'));
  }
  if (!existsSync(join(portalDist, 'index.html'))) {
    return reply.code(503).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(notBuiltPage(portalDist));
  }
  return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
}

type UpstreamHealth = { status: 'ok' | 'down'; httpStatus?: number; ms: number; error?: string };

/** Each service's own /health, in parallel, each bounded; internal addresses are not shown. */
async function upstreamHealth(upstreams: Upstream[]): Promise<Record<string, UpstreamHealth>> {
  const results = await Promise.all(
    upstreams.map(async ({ name, url }): Promise<[string, UpstreamHealth]> => {
      const started = Date.now();
      try {
        const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS), redirect: 'error' });
        await response.arrayBuffer();
        return [name, { status: response.ok ? 'ok' : 'down', httpStatus: response.status, ms: Date.now() - started }];
      } catch (error) {
        const reason = errorCodes(error)[0] ?? (error instanceof Error ? error.name : 'error');
        return [name, { status: 'down', ms: Date.now() - started, error: reason }];
      }
    }),
  );
  return Object.fromEntries(results);
}
