import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { AuthConfig, JwtAlgorithm } from './config';
import { InvalidTokenError } from './errors';
import { KeySetOptions, RemoteKeySet } from './jwks';
import { POSTS_CLAIM } from './posts';
import { PASSWORD_CHANGE_CLAIM, Principal, principalFromClaims, principalProblem } from './principal';

// Far above any token we mint; refuses oversized input before any parsing.
const MAX_TOKEN_LENGTH = 8192;
const MAX_KID_LENGTH = 128;

export interface SignTokenOptions {
  /** jsonwebtoken syntax: seconds or '15m', '8h', '7d'. */
  expiresIn?: jwt.SignOptions['expiresIn'];
}

/**
 * Verifies signature, expiry (mandatory), audience and issuer, then the claims, with the configured
 * static keys (HS256 secret, RS256 PEM). The key is chosen by the token's algorithm, and only among the
 * allowed ones, so an HS256 token can never be checked with the RS256 public key as secret.
 * A token that needs identity's key set (RS256 with a `kid` when `jwks` is configured) needs `TokenVerifier`.
 */
export function verifyToken(token: string, config: AuthConfig): Principal {
  const { algorithm, kid } = headerOf(token, config);
  if (usesKeySet(algorithm, kid, config)) throw new InvalidTokenError('unknown-key', 'this token needs the key set: use TokenVerifier');
  return verifyWithStaticKey(token, algorithm, config);
}

/** verifyToken once the header is read (the async verifier reads it only once per request). */
const verifyWithStaticKey = (token: string, algorithm: JwtAlgorithm, config: AuthConfig): Principal =>
  checkSignedToken(token, verificationKey(algorithm, config), algorithm, config.audience, config.issuer);

/**
 * Verifies tokens with the static keys and, for RS256 tokens that name a key (`kid`), with identity's key set
 * (`config.jwks`), fetched and cached by `RemoteKeySet`. Every refusal is an InvalidTokenError (401), an
 * unreachable identity included.
 */
export class TokenVerifier {
  readonly keySet?: RemoteKeySet;

  constructor(
    private readonly config: AuthConfig,
    options: KeySetOptions = {},
  ) {
    if (config.jwks) this.keySet = new RemoteKeySet(config.jwks, options);
  }

  async verify(token: string): Promise<Principal> {
    const { algorithm, kid } = headerOf(token, this.config);
    if (!usesKeySet(algorithm, kid, this.config)) return verifyWithStaticKey(token, algorithm, this.config);
    if (kid === undefined) throw new InvalidTokenError('unknown-key', 'an RS256 token without kid, and no JWT_PUBLIC_KEY');
    const key = await this.keySet!.keyFor(kid);
    return checkSignedToken(token, key, algorithm, this.config.audience, this.config.jwks!.issuer);
  }
}

/** RS256 tokens that name a key go to the key set; without a kid, the static PEM (if any) verifies them. */
const usesKeySet = (algorithm: JwtAlgorithm, kid: string | undefined, config: AuthConfig): boolean =>
  algorithm === 'RS256' && config.jwks !== undefined && (kid !== undefined || !config.publicKey);

function checkSignedToken(token: string, key: KeyObject, algorithm: JwtAlgorithm, audience: string, issuer: string): Principal {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, key, { algorithms: [algorithm], audience, issuer });
  } catch (error) {
    throw toInvalidTokenError(error);
  }
  if (typeof payload !== 'object') throw new InvalidTokenError('malformed', 'payload is not a JSON object');
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('missing-expiry');
  return principalFromClaims(payload);
}

export function signToken(principal: Principal, config: AuthConfig, { expiresIn = '8h' }: SignTokenOptions = {}): string {
  const problem = principalProblem({ ...principal });
  if (problem) throw new TypeError(`Cannot sign a token: ${problem}`);
  const { sub, role, name, schoolId, posts, passwordChangeRequired } = principal;
  const [algorithm, key] = signingKey(config);
  const claims = {
    role,
    ...(schoolId !== undefined && { schoolId }),
    ...(name !== undefined && { name }),
    ...(posts !== undefined && posts.length > 0 && { [POSTS_CLAIM]: [...posts] }),
    ...(passwordChangeRequired && { [PASSWORD_CHANGE_CLAIM]: true }),
  };
  return jwt.sign(claims, key, { algorithm, expiresIn, subject: sub, audience: config.audience, issuer: config.issuer });
}

function headerOf(token: string, config: AuthConfig): { algorithm: JwtAlgorithm; kid?: string } {
  if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenError('malformed', 'token too long');
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded) throw new InvalidTokenError('malformed');
  const algorithm = decoded.header.alg as JwtAlgorithm;
  if (!config.algorithms.includes(algorithm)) throw new InvalidTokenError('disallowed-algorithm', `alg ${String(algorithm)}`);
  const kid = decoded.header.kid;
  if (kid !== undefined && (typeof kid !== 'string' || kid === '' || kid.length > MAX_KID_LENGTH)) throw new InvalidTokenError('malformed', 'kid');
  return { algorithm, kid };
}

// jsonwebtoken turns a string key into a KeyObject on every call, which profiled as the
// largest single cost of a command; the KeyObject is made once per config and key.
const keyObjects = new WeakMap<AuthConfig, Partial<Record<JwtAlgorithm, KeyObject>>>();

function verificationKey(algorithm: JwtAlgorithm, config: AuthConfig): KeyObject {
  const cached = keyObjects.get(config) ?? {};
  if (cached[algorithm]) return cached[algorithm];
  const key = algorithm === 'HS256' ? config.secret : config.publicKey;
  if (!key) throw new InvalidTokenError('unknown-key', `no ${algorithm} key configured`);
  cached[algorithm] = algorithm === 'HS256' ? createSecretKey(Buffer.from(key, 'utf8')) : createPublicKey(key);
  keyObjects.set(config, cached);
  return cached[algorithm];
}

function signingKey(config: AuthConfig): [JwtAlgorithm, string] {
  if (config.algorithms.includes('RS256') && config.privateKey) return ['RS256', config.privateKey];
  if (config.algorithms.includes('HS256') && config.secret) return ['HS256', config.secret];
  throw new Error('No signing key: set JWT_PRIVATE_KEY (RS256) or JWT_SECRET (HS256)');
}

function toInvalidTokenError(error: unknown): InvalidTokenError {
  if (error instanceof jwt.TokenExpiredError) return new InvalidTokenError('expired');
  if (error instanceof jwt.NotBeforeError) return new InvalidTokenError('not-yet-valid');
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('jwt audience invalid')) return new InvalidTokenError('wrong-audience');
  if (message.startsWith('jwt issuer invalid')) return new InvalidTokenError('wrong-issuer');
  if (message === 'invalid signature') return new InvalidTokenError('invalid-signature');
  return new InvalidTokenError('malformed', message);
}
