import { applyDecorators, HttpCode, Type } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { Role, Roles } from '@houqin/auth';
import { ErrorBodyDto } from './error-body.dto';

/** What an `Idempotency-Key` may be (the @Command() context refuses anything else with a 400). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;
/** `If-Match: 3`, `"3"` or `W/"3"`: the version the client saw. */
export const IF_MATCH_PATTERN = /^(?:W\/)?"?(\d{1,9})"?$/;

export interface CommandRouteOptions {
  /** Who may send it. */
  roles: Role[];
  /** Swagger summary, English / 中文. */
  summary: string;
  /** The command starts a new stream: 201 and no If-Match (nothing to match yet). Default: 200 with If-Match. */
  creates?: boolean;
  /** Swagger type of the success body. */
  type?: Type<unknown>;
  /** The route runs without a key too (each request its own command); default: required. */
  idempotencyKey?: 'required' | 'optional';
}

const ERROR_ANSWERS: [number, string][] = [
  [400, 'Invalid body or headers (each field named, in English and Chinese) / 输入校验失败'],
  [401, 'No valid token / 未登录或令牌无效'],
  [403, 'Role or person not allowed / 无权操作'],
  [404, 'No such record in your school / 记录不存在'],
  [409, 'Changed meanwhile (stale If-Match) or wrong status / 状态冲突或版本已变'],
  [422, 'Idempotency-Key reused for another request, or a refused rule / 幂等键重复使用或业务规则不允许'],
];

/**
 * Everything a command route declares, in one decorator: roles, status code, the
 * Idempotency-Key and If-Match headers with their patterns, and the error answers.
 *   @Post(':id/assign') @CommandRoute({ roles: ['school-admin'], summary: 'Assign / 派单' })
 *   assign(@UuidParam('id') id: string, @Body() dto: AssignDto, @Command() ctx: CommandContext)
 */
export function CommandRoute(options: CommandRouteOptions): MethodDecorator {
  const status = options.creates ? 201 : 200;
  const errors = options.creates ? ERROR_ANSWERS.filter(([code]) => code !== 404 && code !== 409) : ERROR_ANSWERS;
  return applyDecorators(
    Roles(...options.roles),
    HttpCode(status),
    ApiOperation({ summary: options.summary }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: options.idempotencyKey !== 'optional',
      description: 'Unique per command; retries reuse it and get the first answer / 幂等键',
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source, example: 'report-2026-11-30-0001' },
    }),
    ...(options.creates
      ? []
      : [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description: 'Expected version, as the ETag gave it / 期望版本',
            schema: { type: 'string', pattern: '^(W/)?"?\\d{1,9}"?$', example: '"3"' },
          }),
        ]),
    ApiResponse({ status, description: 'Accepted: the stream version and the events appended / 已受理', ...(options.type ? { type: options.type } : {}) }),
    ...errors.map(([code, description]) => ApiResponse({ status: code, description, type: ErrorBodyDto })),
  );
}
