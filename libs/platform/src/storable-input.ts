import { BadRequestException, CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
// PostgreSQL stores neither U+0000 nor an unpaired UTF-16 surrogate: the test the event store makes before sealing.
import { isStorableText } from '@houqin/contracts';
import { ErrorBody, FieldError } from './error-body';

// Far deeper than any DTO; Nest's ValidationPipe and class-transformer recurse, and overflowed the
// stack (a 500) on 10 000 nested arrays, well within the body size limit.
export const MAX_INPUT_DEPTH = 32;

// As many as the validation pipe reports at most: the answer stays small whatever the input.
const MAX_FIELD_ERRORS = 100;


const problem = (field: string, constraint: string, message: string, messageZh: string): FieldError => ({ field, message, messageZh, constraint });

const unstorable = (field: string) =>
  problem(
    field,
    'storableText',
    `${field} contains characters that cannot be stored (NUL or an unpaired UTF-16 surrogate)`,
    `字段 ${field} 包含无法保存的字符（NUL 或不成对的 UTF-16 代理项）`,
  );

const tooDeep = (field: string) =>
  problem(field, 'maxDepth', `${field} is nested deeper than ${MAX_INPUT_DEPTH} levels`, `字段 ${field} 嵌套超过${MAX_INPUT_DEPTH}层`);

// Nest's ValidationPipe and class-transformer silently drop these keys, so whitelisting never
// reported them: a request naming them was accepted as if they were not there.
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor']);
const prototypeKey = (field: string) =>
  problem(field, 'whitelistValidation', `property ${field} should not exist`, `不允许的字段 ${field}`);

/**
 * What cannot be accepted in a parsed input, whatever its DTO: text that cannot be stored (in
 * values and in keys), nesting deeper than MAX_INPUT_DEPTH, `__proto__` and `constructor` keys. Fields are paths
 * such as `items.0.name`. Iterative, so no input can exhaust the stack.
 */
export function inputProblemsOf(input: unknown, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  // Depth first, in the input's order; a problem with a key waits its turn like a value.
  const pending: ([unknown, string, number] | FieldError)[] = [[input, prefix, 0]];
  while (pending.length && out.length < MAX_FIELD_ERRORS) {
    const next = pending.pop()!;
    if (!Array.isArray(next)) {
      out.push(next);
      continue;
    }
    const [value, path, depth] = next;
    if (typeof value === 'string') {
      if (!isStorableText(value)) out.push(unstorable(path));
    } else if (value && typeof value === 'object') {
      if (depth >= MAX_INPUT_DEPTH) {
        out.push(tooDeep(path));
        continue;
      }
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const childPath = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) pending.push(unstorable(childPath));
        else if (PROTOTYPE_KEYS.has(key)) pending.push(prototypeKey(childPath));
        else pending.push([child, childPath, depth + 1]);
      }
    }
  }
  return out;
}

interface RequestLike {
  params?: Record<string, unknown>;
  query?: unknown;
  body?: unknown;
  headers?: Record<string, unknown>;
}

/** `idempotency-key` → `Idempotency-Key`, as the API documents its headers. */
const headerName = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

/** Every problem of a request's path parameters, query, headers and body, fields named as the client sent them. */
export function inputProblemsOfRequest(request: RequestLike): FieldError[] {
  const headers = Object.entries(request.headers ?? {}).flatMap(([name, value]) => inputProblemsOf(value, headerName(name)));
  const problems = [...inputProblemsOf(request.params ?? {}), ...inputProblemsOf(request.query ?? {}), ...headers, ...inputProblemsOf(request.body ?? {})];
  return problems.slice(0, MAX_FIELD_ERRORS);
}

export function inputProblemsBody(errors: FieldError[]): ErrorBody {
  return { statusCode: 400, error: 'Bad Request', message: 'Validation failed', messageZh: '输入校验失败', errors };
}

/**
 * Refuses, before any pipe or handler sees it, a request whose path parameters, query, headers
 * or body hold what no DTO can accept (inputProblemsOf). An interceptor, not a middleware: route
 * parameters are known only after routing, and the guard answers unauthenticated callers first.
 */
@Injectable()
export class StorableInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const errors = inputProblemsOfRequest(context.switchToHttp().getRequest<RequestLike>());
      if (errors.length) throw new BadRequestException(inputProblemsBody(errors));
    }
    return next.handle();
  }
}
