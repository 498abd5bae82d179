/** Why a token was refused; logged for operators, never sent to the client. */
export type InvalidTokenReason =
  | 'malformed'
  | 'disallowed-algorithm'
  | 'invalid-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'missing-expiry'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'invalid-claims'
  /** The token names a key (`kid`) the key set does not hold, even after a refetch. */
  | 'unknown-key'
  /** identity's key set (JWKS) could not be fetched and no usable copy is cached. */
  | 'keys-unavailable';

export class InvalidTokenError extends Error {
  constructor(
    readonly reason: InvalidTokenReason,
    detail: string = reason,
  ) {
    super(`Invalid token: ${detail}`);
    this.name = 'InvalidTokenError';
  }
}
