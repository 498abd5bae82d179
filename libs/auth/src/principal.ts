import { InvalidTokenError } from './errors';
import { isRole, isSchoolRole, Role } from './roles';

/** The authenticated caller, as carried in the JWT and set on `request.principal`. */
export interface Principal {
  sub: string;
  name?: string;
  role: Role;
  /** Present for school roles (and only for them). */
  schoolId?: string;
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Returns what is wrong with these claims, or undefined when they make a valid principal. */
export function principalProblem(claims: Record<string, unknown>): string | undefined {
  if (!isNonEmptyString(claims.sub)) return 'sub must be a non-empty string';
  if (!isRole(claims.role)) return `unknown role ${JSON.stringify(claims.role)}`;
  if (claims.name !== undefined && typeof claims.name !== 'string') return 'name must be a string';
  if (isSchoolRole(claims.role)) {
    if (!isNonEmptyString(claims.schoolId)) return `role ${claims.role} requires a schoolId`;
  } else if (claims.schoolId !== undefined) {
    return `role ${claims.role} must not carry a schoolId`;
  }
  return undefined;
}

/** Picks the principal out of verified claims, dropping everything else (iat, aud, ...). */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const problem = principalProblem(claims);
  if (problem) throw new InvalidTokenError('invalid-claims', problem);
  const principal: Principal = { sub: claims.sub as string, role: claims.role as Role };
  if (typeof claims.name === 'string') principal.name = claims.name;
  if (typeof claims.schoolId === 'string') principal.schoolId = claims.schoolId;
  return principal;
}
