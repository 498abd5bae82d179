import { Lang, translate } from '../i18n/messages';

/** One failed field, as every Houqin service answers it (libs/platform/src/error-body.ts). */
export interface FieldError {
  field: string;
  message: string;
  messageZh: string;
  constraint: string;
}

/** The error body of every Houqin service: `{ statusCode, error, message, messageZh, code?, errors? }`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  messageZh: string;
  code?: string;
  errors?: FieldError[];
}

/** A failed request: status 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body?: ErrorBody,
    readonly retryAfterSeconds?: number,
  ) {
    super(body?.message ?? (status === 0 ? 'network error' : `HTTP ${status}`));
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.body?.code;
  }

  get fieldErrors(): FieldError[] {
    return this.body?.errors ?? [];
  }
}

/** Reads a body as the platform's ErrorBody when it is one (a proxy or a crash may answer anything). */
export function asErrorBody(value: unknown): ErrorBody | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v['statusCode'] !== 'number' || typeof v['message'] !== 'string') return undefined;
  const errors = Array.isArray(v['errors'])
    ? (v['errors'] as unknown[]).filter((e): e is FieldError => typeof e === 'object' && e !== null && typeof (e as FieldError).field === 'string')
    : undefined;
  return {
    statusCode: v['statusCode'] as number,
    error: typeof v['error'] === 'string' ? v['error'] : '',
    message: v['message'] as string,
    messageZh: typeof v['messageZh'] === 'string' ? v['messageZh'] : (v['message'] as string),
    ...(typeof v['code'] === 'string' ? { code: v['code'] } : {}),
    ...(errors ? { errors } : {}),
  };
}

const SENTENCE_STATUSES = [400, 401, 403, 404, 409, 422, 429, 502, 503] as const;

/** The server's own message, in the reader's language. */
export const serverMessage = (body: ErrorBody | undefined, lang: Lang): string | undefined =>
  body ? (lang === 'zh-CN' ? body.messageZh || body.message : body.message || body.messageZh) : undefined;

export const fieldMessage = (e: FieldError, lang: Lang): string => (lang === 'zh-CN' ? e.messageZh || e.message : e.message || e.messageZh);

/**
 * A clear sentence for any failure: what it means for the user (by status), then the server's own
 * message when it adds something (a domain refusal names its reason, e.g. 只能由报修人验收).
 */
export function describeError(error: unknown, lang: Lang): { title: string; detail?: string } {
  if (!(error instanceof ApiError)) return { title: translate(lang, 'error.500'), detail: error instanceof Error ? error.message : undefined };
  if (error.status === 0) return { title: translate(lang, 'error.network') };
  const known = (SENTENCE_STATUSES as readonly number[]).includes(error.status);
  const title = known ? translate(lang, `error.${error.status as (typeof SENTENCE_STATUSES)[number]}`) : error.status >= 500 ? translate(lang, 'error.500') : translate(lang, 'error.other', { status: error.status });
  const detail = serverMessage(error.body, lang);
  // A generic server phrase (e.g. 无权访问) says less than the title; only a specific one is shown.
  const generic = !detail || GENERIC.has(detail) || detail === title;
  return generic ? { title } : { title, detail };
}

/** The platform's generic messages (libs/platform error-body.ts), which add nothing to the sentence. */
const GENERIC = new Set([
  '请求无效', '未登录或登录已过期', '无权访问', '资源不存在', '冲突', '无法处理的请求', '请求过于频繁，请稍后再试', '服务器内部错误', '上游服务错误', '服务暂时不可用，请稍后再试',
  'Unauthorized', 'Forbidden', 'Not Found', 'Conflict', 'Forbidden resource', 'Internal server error', 'Service Unavailable', 'Bad Request',
]);

/**
 * A 400's field messages, by form field name (a dotted path becomes the path antd's form takes),
 * and the rest (fields the form does not have) as text to show above it.
 */
export function fieldErrorsFor(error: unknown, formFields: readonly string[], lang: Lang): { fields: { name: (string | number)[]; errors: string[] }[]; rest: string[] } {
  const out = { fields: [] as { name: (string | number)[]; errors: string[] }[], rest: [] as string[] };
  if (!(error instanceof ApiError) || error.status !== 400) return out;
  const byField = new Map<string, string[]>();
  for (const e of error.fieldErrors) {
    const top = e.field.split('.')[0];
    if (formFields.includes(top)) byField.set(e.field, [...(byField.get(e.field) ?? []), fieldMessage(e, lang)]);
    else out.rest.push(`${e.field}: ${fieldMessage(e, lang)}`);
  }
  for (const [field, errors] of byField) out.fields.push({ name: field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors });
  return out;
}
