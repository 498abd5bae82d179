import { randomUUID } from 'node:crypto';

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

// Anything else is replaced: the id ends up in logs and headers, so it must not carry injections.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type Headers = Record<string, string | string[] | undefined>;
interface RequestLike {
  headers: Headers;
  correlationId?: string;
}
interface ResponseLike {
  setHeader(name: string, value: string): unknown;
}
interface FastifyReplyLike {
  header(name: string, value: string): unknown;
}

/** The caller's X-Correlation-Id if it is acceptable, else a new one. */
export function correlationIdFor(headers: Headers): string {
  const incoming = headers[CORRELATION_ID_HEADER.toLowerCase()];
  return typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
}

/** Express middleware: keeps the caller's X-Correlation-Id (or makes one) and echoes it back. */
export function correlationIdMiddleware(request: RequestLike, response: ResponseLike, next: () => void): void {
  const id = correlationIdFor(request.headers);
  request.correlationId = id;
  response.setHeader(CORRELATION_ID_HEADER, id);
  next();
}

/** The same as a Fastify onRequest hook: the id lands on the request Nest hands to guards, pipes and filters. */
export function correlationIdHook(request: RequestLike, reply: FastifyReplyLike, done: () => void): void {
  const id = correlationIdFor(request.headers);
  request.correlationId = id;
  reply.header(CORRELATION_ID_HEADER, id);
  done();
}

/** The correlation id of a request that went through correlationIdMiddleware or correlationIdHook. */
export const correlationIdOf = (request: object): string | undefined => (request as RequestLike).correlationId;
