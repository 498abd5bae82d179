import { createRequire } from 'node:module';
import { HttpException, INestApplication } from '@nestjs/common';
import { ErrorBody, errorBody } from './error-body';

type Middleware = (request: unknown, response: unknown, next: (error?: unknown) => void) => void;
interface ExpressParsers {
  json(options: { limit: string }): Middleware;
  urlencoded(options: { limit: string; extended: boolean }): Middleware;
}

/** The errors of body-parser (http-errors): a 4xx status and a `type` such as `entity.parse.failed`. */
interface BodyParserError {
  status: number;
  type: string;
  limit?: number;
}

export function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) return false;
  const { status, type } = error as Partial<BodyParserError>;
  return typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500;
}

export function bodyParserErrorBody(error: BodyParserError): ErrorBody {
  switch (error.type) {
    case 'entity.parse.failed': {
      // Named `body`, like every other refused input, for clients that show errors[] per field.
      const [message, messageZh] = ['Request body is not valid JSON', '请求体不是合法的 JSON'];
      return { ...errorBody(400, message, messageZh), errors: [{ field: 'body', message, messageZh, constraint: 'isJson' }] };
    }
    case 'entity.too.large':
      return errorBody(413, `Request body is too large (limit ${error.limit ?? '?'} bytes)`, `请求体过大（上限 ${error.limit ?? '?'} 字节）`);
    case 'parameters.too.many':
      return errorBody(413, 'Too many parameters in the request body', '请求体中的参数过多');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return errorBody(415, 'Unsupported request body encoding', '不支持的请求体编码');
    case 'request.aborted':
      return errorBody(400, 'Request aborted', '请求已中断');
    default:
      return errorBody(error.status, 'Unreadable request body', '无法读取请求体');
  }
}

/**
 * Installs the JSON and form parsers so that their failures reach the exception
 * filter as bilingual HttpExceptions. Nest would turn a JSON syntax error into a
 * plain 400 with the parser's message, losing which failure it was. The functions
 * keep body-parser's names, so Nest does not install its own parsers as well.
 */
export function installBodyParsers(app: INestApplication, limit: string): void {
  const [json, urlencoded] = bodyParsers(limit);
  app.use(json);
  app.use(urlencoded);
}

interface FastifyContentTypes {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(type: string, parser: (request: { raw: object }, payload: unknown, done: (error: unknown, body?: unknown) => void) => void): void;
}

/**
 * Under Fastify, the same body-parser functions read the raw request in one catch-all content
 * parser, so both adapters accept, refuse and answer bodies alike: the same limit, strict JSON,
 * charsets, form syntax, bilingual 400/413/415, and a body of any other type ignored (not 415).
 * The app is created with `bodyParser: false` (createHttpApp): Nest adds no parser of its own.
 */
export function installFastifyBodyParsers(fastify: FastifyContentTypes, limit: string): void {
  const [json, urlencoded] = bodyParsers(limit);
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request, _payload, done) => {
    const raw = request.raw as { body?: unknown };
    json(raw, undefined, (error) => {
      if (error) return done(error);
      urlencoded(raw, undefined, (error2) => (error2 ? done(error2) : done(null, raw.body)));
    });
  });
}

function bodyParsers(limit: string): [Middleware, Middleware] {
  // express is a dependency of @nestjs/platform-express, not of this repository.
  const express = createRequire(require.resolve('@nestjs/platform-express'))('express') as ExpressParsers;
  return [bilingual('jsonParser', express.json({ limit })), bilingual('urlencodedParser', express.urlencoded({ limit, extended: true }))];
}

function bilingual(name: string, parser: Middleware): Middleware {
  const wrapped: Middleware = (request, response, next) =>
    parser(request, response, (error?: unknown) => {
      if (!isBodyParserError(error)) return next(error);
      const body = bodyParserErrorBody(error);
      next(new HttpException(body, body.statusCode));
    });
  return Object.defineProperty(wrapped, 'name', { value: name });
}
