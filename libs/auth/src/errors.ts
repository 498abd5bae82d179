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
  | 'invalid-claims';

export class InvalidTokenError extends Error {
  constructor(
    readonly reason: InvalidTokenReason,
    detail: string = reason,
  ) {
    super(`Invalid token: ${detail}`);
    this.name = 'InvalidTokenError';
  }
}
