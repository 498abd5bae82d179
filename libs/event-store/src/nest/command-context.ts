import { randomUUID } from 'node:crypto';
import { BadRequestException, createParamDecorator, ExecutionContext, ForbiddenException } from '@nestjs/common';
import { AuthenticatedRequest } from '@houqin/auth';
import { correlationIdOf, IDEMPOTENCY_KEY_PATTERN, IF_MATCH_PATTERN } from '@houqin/platform';
import { fingerprint, IdempotencyKey } from '../idempotency';

/** Who sends a command, read from the token and the headers: for the school check, the key and the event metadata. */
export interface CommandContext {
  actorId: string;
  /** The display name identity put in the token (claim `name`), recorded in the events' metadata for timelines; absent without it. */
  actorName?: string;
  role: string;
  /** The acting school: always the token's, never the body's. */
  schoolId: string;
  correlationId: string;
  idempotency: IdempotencyKey;
  /** If-Match: the command applies only to this stream version (409 otherwise). */
  expectedVersion?: number;
}

/** The part of a request the context reads (Express and Fastify both have these). */
interface CommandRequest extends AuthenticatedRequest {
  method: string;
  url: string;
  originalUrl?: string;
  body?: unknown;
}

/**
 * `report(@Body() dto: ReportDto, @Command() ctx: CommandContext)`: the command context of a
 * route behind `@CommandRoute`. Refuses (400, naming the header) a missing or malformed
 * Idempotency-Key and a malformed If-Match; 403 for a token without a school.
 */
export const Command = createParamDecorator((_data: unknown, context: ExecutionContext): CommandContext => commandContextOf(context.switchToHttp().getRequest<CommandRequest>()));

export function commandContextOf(request: CommandRequest): CommandContext {
  const principal = request.principal;
  if (!principal?.schoolId) {
    throw new ForbiddenException({ message: 'Commands are sent by a school account', messageZh: '只有学校账号可以提交此操作' });
  }
  return {
    actorId: principal.sub,
    ...(principal.name ? { actorName: principal.name } : {}),
    role: principal.role,
    schoolId: principal.schoolId,
    correlationId: correlationIdOf(request) ?? randomUUID(),
    idempotency: {
      // Keys are scoped per actor; the fingerprint covers route and body.
      scope: `${principal.schoolId}/${principal.sub}`,
      key: idempotencyKeyOf(request),
      requestHash: requestHashOf(request),
    },
    expectedVersion: expectedVersionOf(request),
  };
}

const header = (request: CommandRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/**
 * The fingerprint of method, path and body. This runs before the body's validation has answered
 * (Nest extracts every parameter first), so a body canonical JSON refuses (1e309 parses to
 * Infinity) must not throw here: it is fingerprinted as JSON writes it, and validation refuses it.
 */
function requestHashOf(request: CommandRequest): string {
  const of = (body: unknown) => fingerprint({ method: request.method, path: pathOf(request), body: body ?? null });
  try {
    return of(request.body);
  } catch {
    return of(JSON.parse(JSON.stringify(request.body ?? null)));
  }
}

const pathOf = (request: CommandRequest) => (request.originalUrl ?? request.url).split('?')[0];

function idempotencyKeyOf(request: CommandRequest): string {
  const key = header(request, 'idempotency-key');
  if (key && IDEMPOTENCY_KEY_PATTERN.test(key)) return key;
  // A key that is there but malformed (10 kB, latin1 text) is not "missing": say which.
  const error = key
    ? { constraint: 'matches', message: 'Idempotency-Key must be 8-128 characters of A-Z a-z 0-9 . _ : -', messageZh: '幂等键必须是 8 至 128 位字母、数字或 . _ : -' }
    : { constraint: 'isDefined', message: 'Idempotency-Key is required', messageZh: '缺少幂等键' };
  throw new BadRequestException({
    message: 'Header Idempotency-Key is required: 8-128 characters of A-Z a-z 0-9 . _ : -',
    messageZh: '必须提供请求头 Idempotency-Key：8 至 128 位字母、数字或 . _ : -',
    errors: [{ field: 'Idempotency-Key', ...error }],
  });
}

function expectedVersionOf(request: CommandRequest): number | undefined {
  const value = header(request, 'if-match');
  if (value === undefined) return undefined;
  const match = IF_MATCH_PATTERN.exec(value.trim());
  if (match) return Number(match[1]);
  const message = 'If-Match must be a version number';
  const messageZh = 'If-Match 必须是版本号';
  throw new BadRequestException({ message, messageZh, errors: [{ field: 'If-Match', constraint: 'isInt', message, messageZh }] });
}
