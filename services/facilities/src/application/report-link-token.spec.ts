import { linkSecretsFrom, reportLinkSigner } from './report-link-token';

const linkId = '0b3c6f8a-1d2e-4f50-8a9b-0c1d2e3f4a5b';
const key = 'k'.repeat(32);

describe('report link token', () => {
  it('names the link it was signed for, and only with our key', () => {
    const token = reportLinkSigner([key]).sign(linkId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{65}$/);
    expect(reportLinkSigner([key]).verify(token)).toBe(linkId);
    expect(reportLinkSigner(['x'.repeat(32)]).verify(token)).toBeUndefined();
  });

  it('refuses a token whose link id or signature was changed, and garbage', () => {
    const token = reportLinkSigner([key]).sign(linkId);
    const other = reportLinkSigner([key]).sign('0b3c6f8a-1d2e-4f50-8a9b-0c1d2e3f4a5c');
    expect(reportLinkSigner([key]).verify(`${other.slice(0, 22)}${token.slice(22)}`)).toBeUndefined();
    for (const bad of ['', 'abc', `${token}x`, `${token.slice(0, 22)}.${token.slice(22)}`, '../../etc/passwd']) expect(reportLinkSigner([key]).verify(bad)).toBeUndefined();
  });

  it('verifies with every configured key and signs with the first (rotation)', () => {
    const old = reportLinkSigner([key]).sign(linkId);
    const rotated = reportLinkSigner(['n'.repeat(32), key]);
    expect(rotated.verify(old)).toBe(linkId);
    expect(rotated.sign(linkId)).not.toBe(old);
  });

  it('requires a key in production, long enough; a development key otherwise', () => {
    expect(() => linkSecretsFrom({ NODE_ENV: 'production' })).toThrow(/required in production/);
    expect(() => linkSecretsFrom({ FACILITIES_LINK_SECRET: 'short' })).toThrow(/at least 32/);
    expect(linkSecretsFrom({})).toHaveLength(1);
    expect(linkSecretsFrom({ FACILITIES_LINK_SECRET: `${key}, ${'m'.repeat(40)}` })).toEqual([key, 'm'.repeat(40)]);
  });
});
