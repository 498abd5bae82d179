import { claimsOf, Session } from './session';

/** 岗位 as identity knows them (libs/contracts ACCOUNT_POSTS); the portal cannot import the libs. */
export const POSTS = ['logistics-director', 'canteen-manager', 'canteen-staff', 'guard', 'maintenance', 'school-doctor', 'safety-officer', 'dormitory-manager', 'bus-manager', 'asset-manager', 'teacher', 'principal'] as const;
export type Post = (typeof POSTS)[number];

const isPost = (value: unknown): value is Post => typeof value === 'string' && (POSTS as readonly string[]).includes(value);

/**
 * The posts of the signed-in person: the account identity answered at login or refresh, else (a session
 * without them) the access token's `posts` claim, which the services check. Unknown codes are dropped.
 */
export function postsOf(session: Session | null | undefined): Post[] {
  if (!session) return [];
  const posts: unknown = Array.isArray(session.account.posts) ? session.account.posts : claimsOf(session.accessToken)?.posts;
  return Array.isArray(posts) ? posts.filter(isPost) : [];
}

/**
 * Whether the person may do what a service guards with `@Posts(...)` (libs/auth): a school-admin always may,
 * school-staff must hold one of the posts, anyone else may not. It only hides or disables; the services decide.
 *   hasPost(session, 'dormitory-manager') -> the bed actions of a dormitory
 */
export function hasPost(session: Session | null | undefined, ...posts: Post[]): boolean {
  const role = session?.account.role;
  if (role === 'school-admin') return true;
  if (role !== 'school-staff') return false;
  const held = postsOf(session);
  return posts.some((post) => held.includes(post));
}
