import { randomUUID } from 'node:crypto';

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

// Anything else is replaced: the id ends up in logs and headers, so it must not carry injections.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  correlationId?: string;
}
interface ResponseLike {
  setHeader(name: string, value: string): unknown;
}

/** Express middleware: keeps the caller's X-Correlation-Id (or makes one) and echoes it back. */
export function correlationIdMiddleware(request: RequestLike, response: ResponseLike, next: () => void): void {
  const incoming = request.headers[CORRELATION_ID_HEADER.toLowerCase()];
  const id = typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
  request.correlationId = id;
  response.setHeader(CORRELATION_ID_HEADER, id);
  next();
}

/** The correlation id of a request that went through correlationIdMiddleware. */
export const correlationIdOf = (request: object): string | undefined => (request as RequestLike).correlationId;
