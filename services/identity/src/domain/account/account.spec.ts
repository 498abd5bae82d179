import { AccountEvent } from '@houqin/contracts';
import { CommandMetadata } from '@houqin/event-sourcing';
import { given } from '@houqin/testing';
import { AccountCommand, accountDecider, LockoutPolicy } from './index';

const id = { accountId: 'a-1', schoolId: 'S001' };
const policy: LockoutPolicy = { maxFailures: 5, lockoutMinutes: 15 };
const credentialId = '11111111-1111-4111-8111-111111111111';
const newCredential = '22222222-2222-4222-8222-222222222222';
const sessionId = '33333333-3333-4333-8333-333333333333';

const at = (time: string) => `2026-11-30T${time}:00.000Z`;
const by = (actorId: string, actorRole: string, time = '08:00'): { metadata: CommandMetadata } => ({ metadata: { actorId, actorRole, now: at(time), occurredAt: at(time) } });
const sysAdmin = (time?: string) => by('root', 'system-admin', time);
const schoolAdmin = (time?: string) => by('admin.s001', 'school-admin', time);
const self = (time: string) => by('a-1', 'school-staff', time);

const profile = { username: 'li.lei', displayName: '李雷', phone: '13812341234', role: 'school-staff' as const, posts: ['guard' as const] };
const created: AccountEvent = { type: 'AccountCreated', data: { ...id, ...profile, credentialId, mustChangePassword: true, source: 'manual', createdBy: 'root', createdAt: at('08:00') } };
const create = (actor: { metadata: CommandMetadata }, data: Partial<Extract<AccountCommand, { type: 'CreateAccount' }>['data']> = {}): AccountCommand => ({
  type: 'CreateAccount',
  data: { ...id, ...profile, credentialId, source: 'manual', ...data },
  ...actor,
});
const login = (time: string, passwordMatched: boolean): AccountCommand => ({ type: 'RecordLogin', data: { sessionId, credentialId, passwordMatched, policy }, ...self(time) });
const failed = (time: string, consecutiveFailures: number, reason: 'wrong-password' | 'locked' | 'disabled' = 'wrong-password'): AccountEvent => ({
  type: 'AccountLoginFailed',
  data: { ...id, reason, consecutiveFailures, failedAt: at(time) },
});
const fourFailures = [failed('08:01', 1), failed('08:02', 2), failed('08:03', 3), failed('08:04', 4)];
const lockedOut: AccountEvent = { type: 'AccountLockedOut', data: { ...id, failures: 5, lockedAt: at('08:05'), lockedUntil: at('08:20') } };

describe('account (账号)', () => {
  describe('creation', () => {
    it('is created by a system admin, with an initial password to change', () => {
      given(accountDecider, []).when(create(sysAdmin())).then([created]);
    });

    it('is created by the school admin of the same school for its staff', () => {
      given(accountDecider, []).when(create(schoolAdmin(), { actorSchoolId: 'S001' })).then([{ ...created, data: { ...created.data, createdBy: 'admin.s001' } } as AccountEvent]);
    });

    it("refuses a school admin on another school's staff (not found)", () => {
      given(accountDecider, []).when(create(schoolAdmin(), { actorSchoolId: 'S002' })).thenThrows('account-not-found', 'not-found');
      given(accountDecider, [created]).when({ type: 'DisableAccount', data: { actorSchoolId: 'S002' }, ...schoolAdmin() }).thenThrows('account-not-found', 'not-found');
    });

    it('refuses a school admin making another school admin', () => {
      given(accountDecider, []).when(create(schoolAdmin(), { actorSchoolId: 'S001', role: 'school-admin' })).thenThrows('account-not-managed', 'forbidden');
    });

    it('refuses other roles', () => {
      given(accountDecider, []).when(create(by('chen', 'bureau-official'))).thenThrows('account-not-managed', 'forbidden');
    });

    it('refuses a taken username', () => {
      given(accountDecider, [created]).when(create(sysAdmin())).thenThrows('username-taken', 'conflict');
    });

    it('puts school roles in a school and district roles in the district', () => {
      given(accountDecider, []).when(create(sysAdmin(), { schoolId: 'district' })).thenThrows('school-required');
      given(accountDecider, []).when(create(sysAdmin(), { role: 'auditor' })).thenThrows('school-not-allowed');
    });

    it('creates the bootstrap admin without a forced change', () => {
      const decision = given(accountDecider, []).when(create(by('identity', 'system-admin'), { schoolId: 'district', role: 'system-admin', source: 'bootstrap' }));
      expect(decision.events?.[0].data).toMatchObject({ mustChangePassword: false, source: 'bootstrap' });
    });
  });

  describe('login and lockout (登录失败处理)', () => {
    it('records a success', () => {
      given(accountDecider, [created]).when(login('08:01', true)).then([{ type: 'AccountLoggedIn', data: { ...id, sessionId, mustChangePassword: true, loggedInAt: at('08:01') } }]);
    });

    it('counts wrong passwords in a row', () => {
      given(accountDecider, [created, failed('08:01', 1)]).when(login('08:02', false)).then([failed('08:02', 2)]);
    });

    it('locks the account at the fifth wrong password, for the configured minutes', () => {
      given(accountDecider, [created, ...fourFailures]).when(login('08:05', false)).then([failed('08:05', 5), lockedOut]);
    });

    it('refuses even the right password while locked, and records it', () => {
      given(accountDecider, [created, ...fourFailures, failed('08:05', 5), lockedOut]).when(login('08:19', true)).then([failed('08:19', 0, 'locked')]);
    });

    it('lets the right password in once the lock has passed (moved clock), and counts afresh after it', () => {
      const history = [created, ...fourFailures, failed('08:05', 5), lockedOut];
      given(accountDecider, history).when(login('08:20', true)).then([{ type: 'AccountLoggedIn', data: { ...id, sessionId, mustChangePassword: true, loggedInAt: at('08:20') } }]);
      given(accountDecider, history).when(login('08:21', false)).then([failed('08:21', 1)]);
    });

    it('a success resets the count', () => {
      given(accountDecider, [created, ...fourFailures, { type: 'AccountLoggedIn', data: { ...id, sessionId, mustChangePassword: true, loggedInAt: at('08:05') } }])
        .when(login('08:06', false))
        .then([failed('08:06', 1)]);
    });

    it('refuses a disabled account whatever the password', () => {
      const disabled: AccountEvent = { type: 'AccountDisabled', data: { ...id, disabledBy: 'root', disabledAt: at('08:01') } };
      given(accountDecider, [created, disabled]).when(login('08:02', true)).then([failed('08:02', 0, 'disabled')]);
    });

    it('does not count a password checked against a credential replaced meanwhile', () => {
      const decision = given(accountDecider, [created]).when({ type: 'RecordLogin', data: { sessionId, credentialId: newCredential, passwordMatched: true, policy }, ...self('08:01') });
      expect(decision.events).toEqual([failed('08:01', 1)]);
    });

    it('an admin enabling a locked account unlocks it', () => {
      given(accountDecider, [created, ...fourFailures, failed('08:05', 5), lockedOut])
        .when({ type: 'EnableAccount', data: {}, ...sysAdmin('08:06') })
        .then([{ type: 'AccountEnabled', data: { ...id, enabledBy: 'root', enabledAt: at('08:06') } }]);
    });
  });

  describe('initial password (首次登录修改密码)', () => {
    const change = (matched: boolean, time = '08:02'): AccountCommand => ({
      type: 'ChangePassword',
      data: { credentialId: newCredential, verifiedCredentialId: credentialId, currentPasswordMatched: matched, policy },
      ...self(time),
    });
    const changed: AccountEvent = { type: 'AccountPasswordChanged', data: { ...id, credentialId: newCredential, changedAt: at('08:02') } };

    it('is changed by the person, which lifts the forced change', () => {
      given(accountDecider, [created]).when(change(true)).then([changed]);
      const next = given(accountDecider, [created, changed]).when({ type: 'RecordLogin', data: { sessionId, credentialId: newCredential, passwordMatched: true, policy }, ...self('08:03') });
      expect(next.events?.[0].data).toMatchObject({ mustChangePassword: false });
    });

    it('counts a wrong current password as a failed login', () => {
      given(accountDecider, [created]).when(change(false)).then([failed('08:02', 1)]);
    });

    it('is refused to anyone else', () => {
      given(accountDecider, [created]).when({ ...change(true), metadata: sysAdmin().metadata }).thenThrows('account-self', 'forbidden');
    });

    it('is forced again after an administrator reset', () => {
      const reset: AccountEvent = { type: 'AccountPasswordReset', data: { ...id, credentialId: newCredential, resetBy: 'root', resetAt: at('08:03') } };
      given(accountDecider, [created, changed]).when({ type: 'ResetPassword', data: { credentialId: newCredential }, ...sysAdmin('08:03') }).then([reset]);
      const next = given(accountDecider, [created, changed, reset]).when({ type: 'RecordLogin', data: { sessionId, credentialId: newCredential, passwordMatched: true, policy }, ...self('08:04') });
      expect(next.events?.[0].data).toMatchObject({ mustChangePassword: true });
    });
  });

  describe('administration', () => {
    it('changes role and posts, within the school', () => {
      given(accountDecider, [created])
        .when({ type: 'ChangeAccountRole', data: { role: 'school-admin', posts: ['logistics-director'] }, ...sysAdmin() })
        .then([{ type: 'AccountRoleChanged', data: { ...id, role: 'school-admin', previousRole: 'school-staff', posts: ['logistics-director'], changedBy: 'root', changedAt: at('08:00') } }]);
    });

    it('never moves an account between a school and the district', () => {
      given(accountDecider, [created]).when({ type: 'ChangeAccountRole', data: { role: 'auditor', posts: [] }, ...sysAdmin() }).thenThrows('role-scope-change');
    });

    it('lets a school admin change the posts of their staff but not promote them', () => {
      const posts = { type: 'ChangeAccountRole' as const, data: { actorSchoolId: 'S001', role: 'school-staff' as const, posts: ['maintenance' as const] }, ...schoolAdmin() };
      expect(given(accountDecider, [created]).when(posts).events).toHaveLength(1);
      given(accountDecider, [created]).when({ ...posts, data: { ...posts.data, role: 'school-admin' } }).thenThrows('account-not-managed', 'forbidden');
    });

    it('disables once, and never oneself', () => {
      const disabled: AccountEvent = { type: 'AccountDisabled', data: { ...id, disabledBy: 'root', disabledAt: at('08:00') } };
      given(accountDecider, [created]).when({ type: 'DisableAccount', data: {}, ...sysAdmin() }).then([disabled]);
      given(accountDecider, [created, disabled]).when({ type: 'DisableAccount', data: {}, ...sysAdmin() }).then([]);
      given(accountDecider, [created]).when({ type: 'DisableAccount', data: {}, ...by('a-1', 'system-admin') }).thenThrows('account-self');
    });
  });
});
