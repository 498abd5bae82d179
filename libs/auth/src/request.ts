import { Principal } from './principal';

/** The part of an HTTP request the auth layer reads and writes (no Express types needed). */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  /** Set by JwtAuthGuard on every non-public route. */
  principal?: Principal;
}

export const principalOf = (request: AuthenticatedRequest): Principal | undefined => request.principal;
