import { STATUS_CODES } from 'node:http';

/** One failed constraint of one input field; `field` is a path such as `items.0.name`. */
export interface FieldError {
  field: string;
  message: string;
  messageZh: string;
  /** class-validator constraint name, e.g. `maxLength`, `whitelistValidation`. */
  constraint: string;
}

/**
 * The body of every error response of every Houqin service:
 *   { statusCode, error, message, messageZh, code?, errors? }
 * `error` is the HTTP reason phrase, `message`/`messageZh` are for people,
 * `code` (domain errors) and `errors` (validation) are for programs.
 */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  messageZh: string;
  code?: string;
  errors?: FieldError[];
}

const GENERIC_ZH: Record<number, string> = {
  400: '请求无效',
  401: '未登录或登录已过期',
  403: '无权访问',
  404: '资源不存在',
  405: '不支持该请求方法',
  406: '无法提供请求的格式',
  408: '请求超时',
  409: '冲突',
  410: '资源已不存在',
  413: '请求体过大',
  415: '不支持的请求内容类型',
  422: '无法处理的请求',
  428: '缺少前置条件',
  429: '请求过于频繁，请稍后再试',
  500: '服务器内部错误',
  501: '功能尚未实现',
  502: '上游服务错误',
  503: '服务暂时不可用，请稍后再试',
  504: '上游服务超时',
};

export const genericMessageZh = (status: number): string =>
  GENERIC_ZH[status] ?? (status >= 500 ? GENERIC_ZH[500] : GENERIC_ZH[400]);

export const reasonPhrase = (status: number): string => STATUS_CODES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');

export function errorBody(statusCode: number, message: string, messageZh = genericMessageZh(statusCode)): ErrorBody {
  return { statusCode, error: reasonPhrase(statusCode), message, messageZh };
}
