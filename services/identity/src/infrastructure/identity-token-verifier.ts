import { decodeProtectedHeader } from 'jose';
import { AuthConfig, InvalidTokenError, Principal, principalFromClaims, TokenVerifier } from '@houqin/auth';
import { SigningKeys } from '../application/signing-keys';

/**
 * identity verifies its own tokens in process, against the keys it holds (no JWKS round trip to
 * itself); any other token (the development HS256 secret, under HOUQIN_DEV_AUTH=1 only) goes to
 * libs/auth's verifier with the environment's configuration.
 */
export class IdentityTokenVerifier extends TokenVerifier {
  constructor(
    config: AuthConfig,
    private readonly keys: SigningKeys,
  ) {
    super(config);
  }

  override async verify(token: string): Promise<Principal> {
    if (token.length > 8192) throw new InvalidTokenError('malformed', 'token too long');
    let header: { alg?: string; kid?: string };
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new InvalidTokenError('malformed');
    }
    if (header.alg === 'RS256' && header.kid !== undefined) return principalFromClaims(await this.keys.verify(token));
    return super.verify(token);
  }
}
