import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { throwError } from 'rxjs';
import { DomainError, DomainErrorKind } from '@houqin/event-sourcing';
import { bodyParserErrorBody, isBodyParserError } from './body-parser';
import { correlationIdOf } from './correlation-id';
import { ErrorBody, errorBody, FieldError, genericMessageZh, reasonPhrase } from './error-body';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 422,
  conflict: 409,
  'not-found': 404,
  forbidden: 403,
};

interface RequestLike {
  method?: string;
  url?: string;
}

/**
 * Turns every error into an ErrorBody. Unknown errors become a generic 500 and are
 * logged; their messages may hold internals and are never sent. Request bodies are
 * never logged (they hold personal data).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost) {
    // Kafka/RPC handlers have their own error handling (retries, dead letters).
    if (host.getType() !== 'http') return throwError(() => exception);
    const http = host.switchToHttp();
    const request = http.getRequest<RequestLike>();
    const body = this.toErrorBody(exception, request);
    const { httpAdapter } = this.adapterHost;
    const response = http.getResponse<unknown>();
    if (httpAdapter.isHeadersSent(response)) return httpAdapter.end(response);
    httpAdapter.reply(response, body, body.statusCode);
  }

  private toErrorBody(exception: unknown, request: RequestLike): ErrorBody {
    if (exception instanceof HttpException) {
      const body = undecodablePathBody(exception) ?? fromHttpException(exception);
      if (body.statusCode >= 500) this.logFailure(exception, request);
      return body;
    }
    if (exception instanceof DomainError) {
      const statusCode = STATUS_OF_KIND[exception.kind] ?? 422;
      return { ...errorBody(statusCode, exception.message, exception.messageZh), code: exception.code };
    }
    if (isBodyParserError(exception)) return bodyParserErrorBody(exception);
    this.logFailure(exception, request);
    return errorBody(500, 'Internal server error', '服务器内部错误，请稍后再试');
  }

  private logFailure(exception: unknown, request: RequestLike): void {
    // The path without its query string, which may carry personal data.
    const path = (request.url ?? '').split('?')[0];
    const where = `${request.method ?? '?'} ${path} (correlation id ${correlationIdOf(request) ?? 'none'})`;
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(`${where}: ${error.name}: ${error.message}`, error.stack);
  }
}

/** Keeps the status, and messageZh/errors/code when the thrower already provided them. */
function fromHttpException(exception: HttpException): ErrorBody {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const fields: Record<string, unknown> = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const message = typeof response === 'string' ? response : textOf(fields.message) ?? exception.message;
  const body: ErrorBody = {
    statusCode,
    error: typeof fields.error === 'string' ? fields.error : reasonPhrase(statusCode),
    message,
    messageZh: typeof fields.messageZh === 'string' ? fields.messageZh : genericMessageZh(statusCode),
  };
  if (typeof fields.code === 'string') body.code = fields.code;
  if (Array.isArray(fields.errors)) body.errors = fields.errors as FieldError[];
  return body;
}

/**
 * Express answers a path parameter whose percent-encoding is not UTF-8 (`%FF`, `%ED%A0%80`) with a
 * URIError that Nest maps to a bare 400 'Failed to decode param …'; it names no parameter.
 */
function undecodablePathBody(exception: HttpException): ErrorBody | undefined {
  if (exception.getStatus() !== 400 || !exception.message.startsWith('Failed to decode param')) return undefined;
  const message = 'The path holds a percent-encoding that is not UTF-8';
  const messageZh = '路径中的百分号编码不是合法的 UTF-8';
  return { ...errorBody(400, message, messageZh), errors: [{ field: 'path', message, messageZh, constraint: 'urlEncoding' }] };
}

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) ? value.map(String).join('; ') : undefined;
