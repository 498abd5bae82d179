import { ACCOUNT_POST_ZH, ACCOUNT_POSTS, AccountPost } from '@houqin/contracts';
import type { Principal } from './principal';

/** The token claim that holds identity's 岗位 (ACCOUNT_POSTS): the account's post codes (an array; omitted or [] for none). */
export const POSTS_CLAIM = 'posts';

/** The `code` of the 403 a school member gets on a route that needs a post they do not hold. */
export const POST_REQUIRED = 'post-required';

export const isAccountPost = (value: unknown): value is AccountPost => typeof value === 'string' && (ACCOUNT_POSTS as readonly string[]).includes(value);

/**
 * The known posts of a `posts` claim, each once. A claim that is not an array, and codes this build does
 * not know (a newer identity's), are ignored rather than refusing the token: a post only ever adds access.
 */
export function postsFromClaim(claim: unknown): AccountPost[] {
  if (!Array.isArray(claim)) return [];
  return [...new Set(claim.filter(isAccountPost))];
}

/**
 * Whether the caller may do what needs one of these posts: a school-admin always may; a school-staff member
 * must hold one of them; nobody else may (posts are school posts). No posts asked: everyone may.
 */
export function holdsPost(principal: Principal, posts: readonly AccountPost[]): boolean {
  if (posts.length === 0) return true;
  if (principal.role === 'school-admin') return true;
  if (principal.role !== 'school-staff') return false;
  return posts.some((post) => principal.posts?.includes(post) ?? false);
}

/** 宿舍管理员 */
export const postNameZh = (post: AccountPost): string => ACCOUNT_POST_ZH[post];
/** `dormitory-manager` -> `dormitory manager` */
export const postNameEn = (post: AccountPost): string => post.replace(/-/g, ' ');

/** The 403 messages for a route that needs one of these posts: 需要宿舍管理员岗位 / requires the dormitory manager post. */
export function postRequiredMessages(posts: readonly AccountPost[]): { message: string; messageZh: string } {
  const en = posts.map(postNameEn);
  const message = en.length === 1 ? `This action requires the ${en[0]} post` : `This action requires one of the posts: ${en.join(', ')}`;
  return { message, messageZh: `需要${posts.map(postNameZh).join('或')}岗位` };
}
