import { AccountPost, isStorableText } from '@houqin/contracts';
import { InvalidTokenError } from './errors';
import { POSTS_CLAIM, postsFromClaim } from './posts';
import { isRole, isSchoolRole, Role } from './roles';

/** The authenticated caller, as carried in the JWT and set on `request.principal`. */
export interface Principal {
  sub: string;
  name?: string;
  role: Role;
  /** Present for school roles (and only for them). */
  schoolId?: string;
  /**
   * 岗位 the account holds (claim `posts`), present only when there is at least one; unknown codes are
   * dropped. Routes ask for them with `@Posts(...)`.
   */
  posts?: readonly AccountPost[];
  /**
   * Set (true) when identity issued the token for a forced password change (claim `pwd_change`):
   * the guard refuses it everywhere except on routes marked `@AllowPasswordChangeToken()`.
   */
  passwordChangeRequired?: true;
}

/** The claim identity puts in a token issued to an account that must change its password first. */
export const PASSWORD_CHANGE_CLAIM = 'pwd_change';

/**
 * Ids reach events (`reportedBy`, `schoolId`, ...), whose contracts bound them to 64
 * characters; a token is refused rather than a command failing on its contract later.
 */
export const MAX_PRINCIPAL_ID_LENGTH = 64;
export const MAX_PRINCIPAL_NAME_LENGTH = 100;

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
// Control characters cannot be logged safely; unstorable text (NUL, unpaired surrogates) cannot reach an event.
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

function textProblem(name: string, value: unknown, max: number): string | undefined {
  if (!isNonEmptyString(value)) return `${name} must be a non-empty string`;
  if (value.length > max) return `${name} is longer than ${max} characters`;
  if (CONTROL.test(value) || !isStorableText(value)) return `${name} holds control characters or unpaired surrogates`;
  return undefined;
}

/** Returns what is wrong with these claims, or undefined when they make a valid principal. */
export function principalProblem(claims: Record<string, unknown>): string | undefined {
  const subProblem = textProblem('sub', claims.sub, MAX_PRINCIPAL_ID_LENGTH);
  if (subProblem) return subProblem;
  if (!isRole(claims.role)) return `unknown role ${JSON.stringify(claims.role)}`;
  if (claims.name !== undefined) {
    if (typeof claims.name !== 'string') return 'name must be a string';
    const nameProblem = claims.name === '' ? undefined : textProblem('name', claims.name, MAX_PRINCIPAL_NAME_LENGTH);
    if (nameProblem) return nameProblem;
  }
  if (isSchoolRole(claims.role)) {
    if (!isNonEmptyString(claims.schoolId)) return `role ${claims.role} requires a schoolId`;
    const schoolProblem = textProblem('schoolId', claims.schoolId, MAX_PRINCIPAL_ID_LENGTH);
    if (schoolProblem) return schoolProblem;
  } else if (claims.schoolId !== undefined) {
    return `role ${claims.role} must not carry a schoolId`;
  }
  const passwordChange = claims[PASSWORD_CHANGE_CLAIM];
  if (passwordChange !== undefined && typeof passwordChange !== 'boolean') return `${PASSWORD_CHANGE_CLAIM} must be a boolean`;
  return undefined;
}

/** Picks the principal out of verified claims, dropping everything else (iat, aud, ...). */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const problem = principalProblem(claims);
  if (problem) throw new InvalidTokenError('invalid-claims', problem);
  const principal: Principal = { sub: claims.sub as string, role: claims.role as Role };
  if (typeof claims.name === 'string') principal.name = claims.name;
  if (typeof claims.schoolId === 'string') principal.schoolId = claims.schoolId;
  const posts = postsFromClaim(claims[POSTS_CLAIM]);
  if (posts.length > 0) principal.posts = posts;
  if (claims[PASSWORD_CHANGE_CLAIM] === true) principal.passwordChangeRequired = true;
  return principal;
}
