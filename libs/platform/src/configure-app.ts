import { INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { addBearerAuthTo } from '@houqin/auth';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { installBodyParsers, installFastifyBodyParsers } from './body-parser';
import { correlationIdHook, correlationIdMiddleware } from './correlation-id';
import { StorableInputInterceptor } from './storable-input';
import { createValidationPipe } from './validation-pipe';
import { ErrorBodyDto } from './error-body.dto';
import { withStandardAnswers } from './standard-answers';

export interface AppOptions {
  title: string;
  /** What the service does, ideally in English and Chinese. */
  description?: string;
  version?: string;
  /** Largest JSON or form body accepted (default 100kb). */
  bodyLimit?: string;
}

const CONVENTIONS = [
  'Authentication: every route needs `Authorization: Bearer <JWT>` unless marked public.',
  '认证：除公开接口外，所有接口都需要 `Authorization: Bearer <JWT>`。',
  'Errors: `{ statusCode, error, message, messageZh, code?, errors? }`; `errors` lists invalid fields: body fields by path (`items.0.name`), query and path parameters by name (`schoolId`), headers as documented (`Idempotency-Key`).',
  '错误响应：`{ statusCode, error, message, messageZh, code?, errors? }`，`errors` 列出校验失败的字段：请求体字段按路径（`items.0.name`），查询与路径参数按名称（`schoolId`），请求头按文档中的名称（`Idempotency-Key`）。',
  'Optional fields are left out, never sent as `null`. Text must not contain NUL (U+0000) or an unpaired UTF-16 surrogate (constraint `storableText`); lengths count UTF-16 code units.',
  '可选字段不填写时请省略，不要传 `null`。文本不能包含 NUL（U+0000）或不成对的 UTF-16 代理项（约束 `storableText`）；长度按 UTF-16 码元计算。',
  'Send `X-Correlation-Id` to trace a request; it is echoed in the response.',
  '可通过 `X-Correlation-Id` 请求头追踪请求，响应中会原样返回。',
].join('\n\n');

/**
 * What every service (and every HTTP test) sets up before `init()`/`listen()`:
 * correlation ids, bilingual body parsing, validation and errors, shutdown hooks,
 * and Swagger at /docs (JSON at /docs-json).
 */
export function configureApp<T extends INestApplication>(app: T, options: AppOptions): T {
  const bodyLimit = options.bodyLimit ?? '100kb';
  if (app.getHttpAdapter().getType() === 'fastify') {
    const fastify = app.getHttpAdapter().getInstance();
    fastify.addHook('onRequest', correlationIdHook);
    installFastifyBodyParsers(fastify, bodyLimit);
    // Controllers and guards set headers Express's way (`res.setHeader`, e.g. ETag, WWW-Authenticate); Fastify's reply says `header`.
    fastify.decorateReply('setHeader', function setHeader(this: { header(name: string, value: string): unknown }, name: string, value: string) {
      this.header(name, value);
      return this;
    });
  } else {
    app.use(correlationIdMiddleware);
    installBodyParsers(app, bodyLimit);
  }
  app.useGlobalInterceptors(new StorableInputInterceptor());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost)));
  app.enableShutdownHooks();

  const description = options.description ? `${options.description}\n\n${CONVENTIONS}` : CONVENTIONS;
  const config = addBearerAuthTo(
    new DocumentBuilder()
      .setTitle(options.title)
      .setDescription(description)
      .setVersion(options.version ?? '0.1.0'),
  ).build();
  SwaggerModule.setup('docs', app, () => withStandardAnswers(SwaggerModule.createDocument(app, config, { extraModels: [ErrorBodyDto] })));
  return app;
}
