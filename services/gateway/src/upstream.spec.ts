import { cookieUnderPrefix, upstreamFailureBody } from './upstream';

const withCause = (code: string) => Object.assign(new Error('wrapped'), { code: 'FST_REPLY_FROM_INTERNAL_SERVER_ERROR', cause: Object.assign(new Error(code), { code }) });

describe('upstreamFailureBody', () => {
  it.each([
    ['ECONNREFUSED', 502, 'upstream-unreachable'],
    ['ECONNRESET', 502, 'upstream-unreachable'],
    ['UND_ERR_SOCKET', 502, 'upstream-unreachable'],
    ['UND_ERR_HEADERS_TIMEOUT', 504, 'upstream-timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 504, 'upstream-timeout'],
    ['ENOTFOUND', 503, 'upstream-unavailable'],
  ])('%s → %i', (code, status, name) => {
    expect(upstreamFailureBody('facilities', withCause(code))).toMatchObject({ statusCode: status, code: name, messageZh: expect.stringContaining('设施设备服务') });
  });
});

describe('cookieUnderPrefix', () => {
  it.each([
    ['rt=1; Path=/auth; HttpOnly', 'rt=1; Path=/api/identity/auth; HttpOnly'],
    ['rt=1; path=/', 'rt=1; path=/api/identity'],
    ['rt=1; Path=/api/identity/auth', 'rt=1; Path=/api/identity/auth'],
    ['rt=1; HttpOnly', 'rt=1; HttpOnly'],
  ])('%s → %s', (cookie, expected) => {
    expect(cookieUnderPrefix(cookie, '/api/identity')).toBe(expected);
  });
});
