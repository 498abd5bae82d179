import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { AuthConfig, JwtAlgorithm } from './config';
import { InvalidTokenError } from './errors';
import { Principal, principalFromClaims, principalProblem } from './principal';

// Far above any token we mint; refuses oversized input before any parsing.
const MAX_TOKEN_LENGTH = 8192;

export interface SignTokenOptions {
  /** jsonwebtoken syntax: seconds or '15m', '8h', '7d'. */
  expiresIn?: jwt.SignOptions['expiresIn'];
}

/**
 * Verifies signature, expiry (mandatory), audience and issuer, then the claims.
 * The key is chosen by the token's algorithm, and only among the allowed ones,
 * so an HS256 token can never be checked with the RS256 public key as secret.
 */
export function verifyToken(token: string, config: AuthConfig): Principal {
  if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenError('malformed', 'token too long');
  const algorithm = allowedAlgorithmOf(token, config);
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, verificationKey(algorithm, config), {
      algorithms: [algorithm],
      audience: config.audience,
      issuer: config.issuer,
    });
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
  const { sub, role, name, schoolId } = principal;
  const [algorithm, key] = signingKey(config);
  return jwt.sign({ role, ...(schoolId !== undefined && { schoolId }), ...(name !== undefined && { name }) }, key, {
    algorithm,
    expiresIn,
    subject: sub,
    audience: config.audience,
    issuer: config.issuer,
  });
}

function allowedAlgorithmOf(token: string, config: AuthConfig): JwtAlgorithm {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded) throw new InvalidTokenError('malformed');
  const algorithm = decoded.header.alg as JwtAlgorithm;
  if (!config.algorithms.includes(algorithm)) throw new InvalidTokenError('disallowed-algorithm', `alg ${String(algorithm)}`);
  return algorithm;
}

// jsonwebtoken turns a string key into a KeyObject on every call, which profiled as the
// largest single cost of a command; the KeyObject is made once per config and key.
const keyObjects = new WeakMap<AuthConfig, Partial<Record<JwtAlgorithm, KeyObject>>>();

function verificationKey(algorithm: JwtAlgorithm, config: AuthConfig): KeyObject {
  const cached = keyObjects.get(config) ?? {};
  if (cached[algorithm]) return cached[algorithm];
  const key = algorithm === 'HS256' ? config.secret : config.publicKey;
  if (!key) throw new Error(`No key configured for ${algorithm}`);
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
