import { IncomingHttpHeaders, STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import { DynamicModule, INestApplication, NestApplicationOptions, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { correlationIdFor, CORRELATION_ID_HEADER } from './correlation-id';
import { errorBody } from './error-body';

export type HttpAdapterName = 'express' | 'fastify';

/**
 * HTTP_ADAPTER=fastify|express (default fastify: the same commands at ~0.6 of Express's Node CPU, see
 * docs/benchmarks.md): the HTTP server under Nest, for services and in-process tests alike.
 */
export function httpAdapterName(value = process.env['HTTP_ADAPTER']): HttpAdapterName {
  if (value === undefined || value === '' || value === 'fastify') return 'fastify';
  if (value === 'express') return 'express';
  throw new Error(`HTTP_ADAPTER must be express or fastify, not ${JSON.stringify(value)}`);
}

/** What `Test.createTestingModule(...).compile()` returns, without depending on @nestjs/testing. */
interface TestingModuleLike {
  createNestApplication<T extends INestApplication>(adapter: ExpressAdapter | FastifyAdapter, options?: NestApplicationOptions): T;
}
type AppModule = Type<unknown> | DynamicModule;

/**
 * The one place an HTTP app is made: `bootstrapService` and the tests that build apps in-process
 * (`createHttpApp(moduleRef)` for a compiled testing module, `createHttpApp(AppModule)` otherwise).
 */
export async function createHttpApp(moduleOrRef: AppModule | TestingModuleLike, options: NestApplicationOptions = {}): Promise<INestApplication> {
  const name = httpAdapterName();
  const adapter = name === 'fastify' ? createFastifyAdapter() : new ExpressAdapter();
  // Under Fastify, configureApp installs the body parsers (the same as Express's, see body-parser.ts).
  const appOptions: NestApplicationOptions = name === 'fastify' ? { ...options, bodyParser: false } : options;
  const app = isTestingModule(moduleOrRef) ? moduleOrRef.createNestApplication(adapter, appOptions) : await NestFactory.create(moduleOrRef, adapter, appOptions);
  return adapter instanceof FastifyAdapter ? readyOnInit(app, adapter) : app;
}

/**
 * Fastify builds its routes' hooks when it becomes ready, which `listen()` does but Nest's `init()`
 * does not: a test that calls `init()` and sends requests to `getHttpServer()` would hang.
 */
function readyOnInit(app: INestApplication, adapter: FastifyAdapter): INestApplication {
  const init = app.init.bind(app);
  app.init = async () => {
    await init();
    await adapter.getInstance().ready();
    return app;
  };
  return app;
}

const isTestingModule = (value: unknown): value is TestingModuleLike =>
  typeof (value as Partial<TestingModuleLike>).createNestApplication === 'function';

/** Like Express: an over-long path parameter reaches validation (400 naming it) instead of the router's 414. */
const MAX_PARAM_LENGTH = 16 * 1024;

function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Keep-alive clients must not hold a shutdown open (Express: forceCloseConnections).
    forceCloseConnections: true,
    clientErrorHandler: answerLikeNode,
    // Routing errors are answered before any Nest code: in the same bilingual bodies.
    frameworkErrors: (error: { code: string; statusCode?: number }, request: { headers: IncomingHttpHeaders }, reply: FastifyReply) => {
      const body =
        error.code === 'FST_ERR_BAD_URL'
          ? undecodablePathBody()
          : error.statusCode && error.statusCode < 500
            ? errorBody(error.statusCode, 'Invalid request')
            : errorBody(500, 'Internal server error', '服务器内部错误，请稍后再试');
      void reply.code(body.statusCode).header(CORRELATION_ID_HEADER, correlationIdFor(request.headers)).send(body);
    },
  });
}

/**
 * A request Node's HTTP parser refuses (a control character in a header) is answered as Node answers it under
 * Express: a bare 400 (431, 408) and the connection closed. Fastify's default sends an English-only JSON body.
 */
function answerLikeNode(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
}

/** As the exception filter answers Express's URIError for a path that is not UTF-8 once decoded. */
function undecodablePathBody() {
  const message = 'The path holds a percent-encoding that is not UTF-8';
  const messageZh = '路径中的百分号编码不是合法的 UTF-8';
  return { ...errorBody(400, message, messageZh), errors: [{ field: 'path', message, messageZh, constraint: 'urlEncoding' }] };
}
