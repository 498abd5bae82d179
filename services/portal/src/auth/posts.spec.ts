import { hasPost, postsOf } from './posts';
import { Account, Session } from './session';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const tokenWith = (claims: object) => `${base64url({ alg: 'none' })}.${base64url(claims)}.sig`;
const sessionOf = (account: Partial<Account>, claims: object = {}): Session => ({
  accessToken: tokenWith(claims),
  expiresAt: Date.now() + 60_000,
  mustChangePassword: false,
  account: { id: 'a', username: 'a', name: '甲', role: 'school-staff', schoolId: 'S001', posts: [], ...account },
});

describe('hasPost (岗位)', () => {
  it('lets school-staff through only with one of the posts', () => {
    expect(hasPost(sessionOf({ posts: ['dormitory-manager'] }), 'dormitory-manager')).toBe(true);
    expect(hasPost(sessionOf({ posts: ['teacher'] }), 'dormitory-manager', 'teacher')).toBe(true);
    expect(hasPost(sessionOf({ posts: ['teacher'] }), 'dormitory-manager')).toBe(false);
    expect(hasPost(sessionOf({ posts: [] }), 'dormitory-manager')).toBe(false);
  });

  it('always lets a school-admin through, never other roles nor nobody', () => {
    expect(hasPost(sessionOf({ role: 'school-admin', posts: [] }), 'dormitory-manager')).toBe(true);
    expect(hasPost(sessionOf({ role: 'bureau-official', schoolId: undefined, posts: ['dormitory-manager'] }), 'dormitory-manager')).toBe(false);
    expect(hasPost(null, 'dormitory-manager')).toBe(false);
  });

  it("reads the token's posts claim when the account has none listed, and drops unknown codes", () => {
    const stored = sessionOf({}, { posts: ['dormitory-manager', 'janitor'] });
    delete (stored.account as Partial<Account>).posts;
    expect(postsOf(stored)).toEqual(['dormitory-manager']);
    expect(hasPost(stored, 'dormitory-manager')).toBe(true);
    expect(postsOf(sessionOf({ posts: ['janitor', 'guard'] }))).toEqual(['guard']);
  });
});
