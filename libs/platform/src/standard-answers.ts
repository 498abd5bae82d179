import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  security?: Record<string, string[]>[];
  parameters?: { name?: string; in?: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const ANSWER = {
  400: 'Invalid input (each field named, in English and Chinese) / 输入校验失败',
  401: 'No valid token / 未登录或令牌无效',
  403: 'Role, school or post not allowed / 无权访问',
  404: 'No such record in your school / 记录不存在',
  503: 'The read model has not caught up with `consistentWith` yet (Retry-After) / 列表尚未同步',
} as const;

/**
 * Adds to every operation the error answers the kit gives it whether or not its controller says so, each with the
 * error body's schema: 400 when it takes input, 401 and 403 when it needs a token, 404 when its path names a record,
 * 503 when it takes `consistentWith`. A route's own description of an answer is kept. So no route of any service is
 * documented with its success alone (service checklist 12), and a new service gets this without a decorator.
 */
export function withStandardAnswers(document: OpenAPIObject, errorSchema = '#/components/schemas/ErrorBodyDto'): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const params = op.parameters ?? [];
      const secured = (op.security ?? []).some((s) => Object.keys(s).length > 0);
      const answers: (keyof typeof ANSWER)[] = [];
      if (params.length > 0 || op.requestBody) answers.push(400);
      if (secured) answers.push(401, 403);
      if (/\{[^}]+\}/.test(path)) answers.push(404);
      if (params.some((p) => p.in === 'query' && p.name === 'consistentWith')) answers.push(503);
      for (const status of answers) {
        op.responses[status] ??= { description: ANSWER[status], content: { 'application/json': { schema: { $ref: errorSchema } } } };
      }
    }
  }
  return document;
}
