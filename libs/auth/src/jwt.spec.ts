import { generateKeyPairSync } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { AuthConfig, DEV_JWT_SECRET } from './config';
import { InvalidTokenError } from './errors';
import { signToken, verifyToken } from './jwt';

const hs: AuthConfig = { algorithms: ['HS256'], secret: DEV_JWT_SECRET, audience: 'houqin', issuer: 'houqin-dev' };
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const rs: AuthConfig = { algorithms: ['RS256'], publicKey, privateKey, audience: 'houqin', issuer: 'houqin-dev' };

const staff = { sub: 'li.lei', name: '李雷', role: 'school-staff' as const, schoolId: 'S001' };

/** Signs arbitrary claims with HS256 and the standard audience/issuer unless overridden; 1h expiry unless the claims set exp. */
const rawToken = (claims: Record<string, unknown>, options: jwt.SignOptions = {}, secret = DEV_JWT_SECRET) =>
  jwt.sign(claims, secret, {
    algorithm: 'HS256',
    audience: 'houqin',
    issuer: 'houqin-dev',
    ...('exp' in claims ? {} : { expiresIn: '1h' }),
    ...options,
  });

const reasonOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidTokenError) return error.reason;
    throw error;
  }
  throw new Error('expected an InvalidTokenError');
};

describe('verifyToken', () => {
  it('returns the principal of a valid HS256 token, without other claims', () => {
    expect(verifyToken(signToken(staff, hs), hs)).toEqual(staff);
  });

  it('returns the principal of a valid RS256 token', () => {
    const official = { sub: 'wang', role: 'bureau-official' as const };
    expect(verifyToken(signToken(official, rs), rs)).toEqual(official);
  });

  it('refuses an expired token', () => {
    const token = rawToken({ sub: 'li.lei', role: 'auditor', exp: Math.floor(Date.now() / 1000) - 60 });
    expect(reasonOf(() => verifyToken(token, hs))).toBe('expired');
  });

  it('refuses a token without exp', () => {
    const token = jwt.sign({ sub: 'li.lei', role: 'auditor' }, DEV_JWT_SECRET, { audience: 'houqin', issuer: 'houqin-dev' });
    expect(reasonOf(() => verifyToken(token, hs))).toBe('missing-expiry');
  });

  it('refuses a wrong audience', () => {
    expect(reasonOf(() => verifyToken(rawToken({ sub: 'a', role: 'auditor' }, { audience: 'other' }), hs))).toBe('wrong-audience');
  });

  it('refuses a wrong issuer', () => {
    expect(reasonOf(() => verifyToken(rawToken({ sub: 'a', role: 'auditor' }, { issuer: 'evil' }), hs))).toBe('wrong-issuer');
  });

  it('refuses alg none', () => {
    const token = jwt.sign({ sub: 'a', role: 'system-admin' }, null, {
      algorithm: 'none',
      audience: 'houqin',
      issuer: 'houqin-dev',
      expiresIn: '1h',
    });
    expect(reasonOf(() => verifyToken(token, hs))).toBe('disallowed-algorithm');
  });

  it('refuses an HS256 token when only RS256 is allowed, even signed with the public key as secret', () => {
    const confused = rawToken({ sub: 'a', role: 'system-admin' }, {}, publicKey);
    expect(reasonOf(() => verifyToken(confused, rs))).toBe('disallowed-algorithm');
  });

  it('checks HS256 tokens with the secret, never the public key, when both algorithms are allowed', () => {
    const both: AuthConfig = { ...rs, algorithms: ['HS256', 'RS256'], secret: DEV_JWT_SECRET };
    const confused = rawToken({ sub: 'a', role: 'system-admin' }, {}, publicKey);
    expect(reasonOf(() => verifyToken(confused, both))).toBe('invalid-signature');
    expect(verifyToken(signToken(staff, both), both)).toEqual(staff);
  });

  it('refuses an RS256 token when only HS256 is allowed', () => {
    expect(reasonOf(() => verifyToken(signToken(staff, rs), hs))).toBe('disallowed-algorithm');
  });

  it('refuses a bad signature', () => {
    const forged = rawToken({ sub: 'a', role: 'system-admin' }, {}, 'another-secret-that-is-long-enough-0123');
    expect(reasonOf(() => verifyToken(forged, hs))).toBe('invalid-signature');
  });

  it('refuses garbage', () => {
    expect(reasonOf(() => verifyToken('not.a.jwt', hs))).toBe('malformed');
  });

  it('refuses a school role without schoolId', () => {
    expect(reasonOf(() => verifyToken(rawToken({ sub: 'a', role: 'school-admin' }), hs))).toBe('invalid-claims');
  });

  it('refuses a bureau role with a schoolId', () => {
    expect(reasonOf(() => verifyToken(rawToken({ sub: 'a', role: 'auditor', schoolId: 'S001' }), hs))).toBe('invalid-claims');
  });

  it('refuses an unknown role', () => {
    expect(reasonOf(() => verifyToken(rawToken({ sub: 'a', role: 'principal' }), hs))).toBe('invalid-claims');
  });

  it('refuses an empty subject', () => {
    expect(reasonOf(() => verifyToken(rawToken({ sub: '', role: 'auditor' }), hs))).toBe('invalid-claims');
  });

  // Ids reach events whose contracts bound them: a longer sub once made an accepted command whose event the bureau refused.
  it.each([
    ['a sub over 64 characters', { sub: 'x'.repeat(65), role: 'auditor' }],
    ['a schoolId over 64 characters', { sub: 'a', role: 'school-staff', schoolId: 'S'.repeat(65) }],
    ['a NUL in the sub', { sub: 'a\u0000b', role: 'auditor' }],
    ['a control character in the schoolId', { sub: 'a', role: 'school-staff', schoolId: 'S\n001' }],
    ['an unpaired surrogate in the name', { sub: 'a', role: 'auditor', name: 'x\ud800' }],
    ['a name over 100 characters', { sub: 'a', role: 'auditor', name: '名'.repeat(101) }],
  ])('refuses %s', (_, claims) => {
    expect(reasonOf(() => verifyToken(rawToken(claims), hs))).toBe('invalid-claims');
  });

  it('accepts ids at their bound and Chinese names', () => {
    expect(verifyToken(rawToken({ sub: 'x'.repeat(64), role: 'school-staff', schoolId: 'S'.repeat(64), name: '李雷' }), hs).sub).toHaveLength(64);
  });

  describe('the posts claim (岗位)', () => {
    const withPosts = (posts: unknown) => verifyToken(rawToken({ sub: 'li.lei', role: 'school-staff', schoolId: 'S001', posts }), hs);

    it('carries the known post codes into the principal', () => {
      expect(withPosts(['dormitory-manager', 'teacher']).posts).toEqual(['dormitory-manager', 'teacher']);
    });

    it('ignores unknown codes, non-strings and repeats, without refusing the token', () => {
      expect(withPosts(['janitor', 7, null, 'dormitory-manager', 'dormitory-manager']).posts).toEqual(['dormitory-manager']);
    });

    it.each([[[]], [['janitor']], ['dormitory-manager'], [{ 0: 'dormitory-manager' }], [null]])('leaves posts out for %j', (claim) => {
      const principal = withPosts(claim);
      expect(principal).toEqual({ sub: 'li.lei', role: 'school-staff', schoolId: 'S001' });
    });
  });
});

describe('signToken', () => {
  it('refuses to sign an invalid principal', () => {
    expect(() => signToken({ sub: 'a', role: 'school-staff' }, hs)).toThrow(/schoolId/);
  });

  it('signs the posts as the posts claim, and leaves an empty list out', () => {
    const manager = { ...staff, posts: ['dormitory-manager' as const] };
    expect((jwt.decode(signToken(manager, hs)) as jwt.JwtPayload).posts).toEqual(['dormitory-manager']);
    expect(verifyToken(signToken(manager, hs), hs)).toEqual(manager);
    expect(jwt.decode(signToken({ ...staff, posts: [] }, hs))).not.toHaveProperty('posts');
  });

  it('honours expiresIn', () => {
    const { exp, iat } = jwt.decode(signToken(staff, hs, { expiresIn: '15m' })) as jwt.JwtPayload;
    expect(exp! - iat!).toBe(900);
  });
});
