import { errorBody, ErrorBody } from '@houqin/platform';

/** How the services are named to people, in the gateway's errors. */
const SERVICE_NAMES_ZH: Record<string, string> = {
  identity: '身份认证',
  facilities: '设施设备',
  bureau: '教育局统计',
  audit: '审计',
};

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'FST_REPLY_FROM_TIMEOUT',
  'FST_REPLY_FROM_GATEWAY_TIMEOUT',
  'FST_REPLY_FROM_HTTP_REQUEST_TIMEOUT',
  'ETIMEDOUT',
]);
const UNAVAILABLE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'FST_REPLY_FROM_SERVICE_UNAVAILABLE']);

/** The codes of an error and of its causes (reply-from wraps undici's and Node's errors). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    current = cause;
  }
  return codes;
}

/**
 * What the client gets when a service behind the gateway failed to answer:
 * 504 when it did not answer in time, 503 when its address does not resolve,
 * 502 otherwise (connection refused or reset, invalid answer). Bilingual, in the platform's error body.
 */
export function upstreamFailureBody(service: string, error: unknown): ErrorBody & { code: string } {
  const codes = errorCodes(error);
  const zh = SERVICE_NAMES_ZH[service] ?? service;
  if (codes.some((code) => TIMEOUT_CODES.has(code))) {
    return { ...errorBody(504, `The ${service} service did not answer in time; try again later`, `${zh}服务响应超时，请稍后再试`), code: 'upstream-timeout' };
  }
  if (codes.some((code) => UNAVAILABLE_CODES.has(code))) {
    return { ...errorBody(503, `The ${service} service is unavailable; try again later`, `${zh}服务暂不可用，请稍后再试`), code: 'upstream-unavailable' };
  }
  return { ...errorBody(502, `The ${service} service cannot be reached; try again later`, `${zh}服务暂时无法访问，请稍后再试`), code: 'upstream-unreachable' };
}

/**
 * A cookie a service sets for its own paths (`Path=/auth`) is seen by the browser under the gateway's
 * (`/api/identity/auth`): its Path is moved under the service's prefix, or the browser would never send it back.
 */
export function cookieUnderPrefix(cookie: string, prefix: string): string {
  return cookie.replace(/(;\s*path=)([^;]*)/i, (whole, attribute: string, path: string) => {
    const value = path.trim();
    if (!value.startsWith('/') || value === prefix || value.startsWith(`${prefix}/`)) return whole;
    return `${attribute}${prefix}${value === '/' ? '' : value}`;
  });
}
