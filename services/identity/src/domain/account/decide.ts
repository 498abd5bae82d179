import { AccountEvent, AccountPost, AccountRole, DISTRICT_SCOPE } from '@houqin/contracts';
import { Command, CommandMetadata, DomainError, unknownCommand } from '@houqin/event-sourcing';
import { AccountState, ExistingAccount, isLocked } from './state';

const SCHOOL_ROLES: readonly AccountRole[] = ['school-staff', 'school-admin'];
export const isSchoolRole = (role: AccountRole | string) => (SCHOOL_ROLES as readonly string[]).includes(role);

/**
 * An administrator's command: the administrator's own school (school admins) travels in the command,
 * so the rule "a school admin manages only their own school's staff" is the domain's, not the route's.
 */
interface ByAdmin {
  actorSchoolId?: string;
}

/** 登录失败处理 (等保 2.0 8.1.4.1 b): after `maxFailures` wrong passwords in a row, no login for `lockoutMinutes`. */
export interface LockoutPolicy {
  maxFailures: number;
  lockoutMinutes: number;
}

export type CreateAccount = Command<
  'CreateAccount',
  ByAdmin & Pick<ExistingAccount, 'accountId' | 'schoolId' | 'username' | 'displayName' | 'phone' | 'role' | 'posts' | 'credentialId'> & { source: 'manual' | 'import' | 'bootstrap' }
>;
export type DisableAccount = Command<'DisableAccount', ByAdmin>;
export type EnableAccount = Command<'EnableAccount', ByAdmin>;
export type ChangeAccountRole = Command<'ChangeAccountRole', ByAdmin & { role: AccountRole; posts: AccountPost[] }>;
export type ResetPassword = Command<'ResetPassword', ByAdmin & { credentialId: string }>;
/**
 * A login attempt, after the application verified the password against the credential it read
 * (`credentialId`; a password changed meanwhile does not count as matched).
 */
export type RecordLogin = Command<'RecordLogin', { sessionId: string; credentialId: string; passwordMatched: boolean; policy: LockoutPolicy }>;
/** The person changes their own password; the current one was verified as for a login. */
export type ChangePassword = Command<'ChangePassword', { credentialId: string; verifiedCredentialId: string; currentPasswordMatched: boolean; policy: LockoutPolicy }>;
export type Logout = Command<'Logout', { sessionId: string }>;
export type RevokeSession = Command<'RevokeSession', { sessionId: string; reason: 'refresh-token-reused' }>;

export type AccountCommand = CreateAccount | DisableAccount | EnableAccount | ChangeAccountRole | ResetPassword | RecordLogin | ChangePassword | Logout | RevokeSession;

export function decide(command: AccountCommand, state: AccountState): AccountEvent[] {
  switch (command.type) {
    case 'CreateAccount':
      return create(command, state);
    case 'DisableAccount':
      return disable(command, state);
    case 'EnableAccount':
      return enable(command, state);
    case 'ChangeAccountRole':
      return changeRole(command, state);
    case 'ResetPassword':
      return resetPassword(command, state);
    case 'RecordLogin':
      return recordLogin(command, state);
    case 'ChangePassword':
      return changePassword(command, state);
    case 'Logout':
      return [{ type: 'AccountLoggedOut', data: { ...whose(found(state)), sessionId: command.data.sessionId, loggedOutAt: command.metadata.now } }];
    case 'RevokeSession':
      return [{ type: 'AccountSessionRevoked', data: { ...whose(found(state)), sessionId: command.data.sessionId, reason: command.data.reason, revokedAt: command.metadata.now } }];
    default:
      return unknownCommand(command);
  }
}

function create({ data, metadata }: CreateAccount, state: AccountState): AccountEvent[] {
  if (state.status !== 'none') throw new DomainError('username-taken', `The username ${data.username} is taken`, `用户名 ${data.username} 已被使用`, 'conflict');
  const school = isSchoolRole(data.role);
  if (school === (data.schoolId === DISTRICT_SCOPE)) {
    throw school
      ? new DomainError('school-required', 'A school role needs a school', '学校角色必须指定所属学校', 'invalid')
      : new DomainError('school-not-allowed', `Role ${data.role} belongs to the district, not to a school`, '教育局、审计和系统管理角色不属于任何学校', 'invalid');
  }
  if (data.source !== 'bootstrap') mayManage(metadata, data.actorSchoolId, { schoolId: data.schoolId, role: data.role });
  const { actorSchoolId: _a, ...account } = data;
  return [{ type: 'AccountCreated', data: { ...account, mustChangePassword: data.source !== 'bootstrap', createdBy: metadata.actorId, createdAt: metadata.now } }];
}

function disable({ data, metadata }: DisableAccount, state: AccountState): AccountEvent[] {
  const account = managed(state, metadata, data);
  if (account.accountId === metadata.actorId) throw new DomainError('account-self', 'You cannot disable your own account', '不能停用自己的账号', 'invalid');
  if (account.status === 'disabled') return [];
  return [{ type: 'AccountDisabled', data: { ...whose(account), disabledBy: metadata.actorId, disabledAt: metadata.now } }];
}

function enable({ data, metadata }: EnableAccount, state: AccountState): AccountEvent[] {
  const account = managed(state, metadata, data);
  // Enabling an active account that is locked lifts the lock (解锁).
  if (account.status === 'active' && !isLocked(account, metadata.now)) return [];
  return [{ type: 'AccountEnabled', data: { ...whose(account), enabledBy: metadata.actorId, enabledAt: metadata.now } }];
}

function changeRole({ data, metadata }: ChangeAccountRole, state: AccountState): AccountEvent[] {
  const account = managed(state, metadata, data);
  if (isSchoolRole(data.role) !== isSchoolRole(account.role)) {
    throw new DomainError(
      'role-scope-change',
      'A role change cannot move an account between a school and the district: disable it and create a new account',
      '角色变更不能在学校与教育局之间转移账号：请停用后新建账号',
      'invalid',
    );
  }
  mayManage(metadata, data.actorSchoolId, { schoolId: account.schoolId, role: data.role });
  if (account.role === data.role && samePosts(account.posts, data.posts)) return [];
  return [{ type: 'AccountRoleChanged', data: { ...whose(account), role: data.role, previousRole: account.role, posts: data.posts, changedBy: metadata.actorId, changedAt: metadata.now } }];
}

function resetPassword({ data, metadata }: ResetPassword, state: AccountState): AccountEvent[] {
  const account = managed(state, metadata, data);
  return [{ type: 'AccountPasswordReset', data: { ...whose(account), credentialId: data.credentialId, resetBy: metadata.actorId, resetAt: metadata.now } }];
}

/** Every attempt is an event: a success, or a failure (with its reason, for the auditors only) and perhaps a lockout. */
function recordLogin({ data, metadata }: RecordLogin, state: AccountState): AccountEvent[] {
  const account = found(state);
  const refused = refusal(account, metadata.now, data.passwordMatched && data.credentialId === account.credentialId, data.policy);
  if (refused) return refused;
  return [{ type: 'AccountLoggedIn', data: { ...whose(account), sessionId: data.sessionId, mustChangePassword: account.mustChangePassword, loggedInAt: metadata.now } }];
}

function changePassword({ data, metadata }: ChangePassword, state: AccountState): AccountEvent[] {
  const account = found(state);
  if (account.accountId !== metadata.actorId) throw new DomainError('account-self', 'Only the person may change their own password', '只能修改自己的密码', 'forbidden');
  const matched = data.currentPasswordMatched && data.verifiedCredentialId === account.credentialId;
  const refused = refusal(account, metadata.now, matched, data.policy);
  if (refused) return refused;
  return [{ type: 'AccountPasswordChanged', data: { ...whose(account), credentialId: data.credentialId, changedAt: metadata.now } }];
}

/** Why a password check fails, as events; undefined when it passes. Locked and disabled accounts fail whatever the password. */
function refusal(account: ExistingAccount, now: string, matched: boolean, policy: LockoutPolicy): AccountEvent[] | undefined {
  const failed = (reason: 'wrong-password' | 'locked' | 'disabled', consecutiveFailures: number): AccountEvent => ({
    type: 'AccountLoginFailed',
    data: { ...whose(account), reason, consecutiveFailures, failedAt: now },
  });
  if (account.status === 'disabled') return [failed('disabled', account.failures)];
  if (isLocked(account, now)) return [failed('locked', account.failures)];
  if (matched) return undefined;
  const failures = account.failures + 1;
  if (failures < policy.maxFailures) return [failed('wrong-password', failures)];
  const lockedUntil = new Date(Date.parse(now) + policy.lockoutMinutes * 60_000).toISOString();
  return [failed('wrong-password', failures), { type: 'AccountLockedOut', data: { ...whose(account), failures, lockedAt: now, lockedUntil } }];
}

/**
 * Who may administer whom: a system admin every account; a school admin only the school staff of
 * their own school (another school's account is not found, a school admin's or the district's is forbidden).
 */
function mayManage(metadata: CommandMetadata, actorSchoolId: string | undefined, target: { schoolId: string; role: AccountRole }): void {
  if (metadata.actorRole === 'system-admin') return;
  if (metadata.actorRole !== 'school-admin') throw notAllowed();
  if (actorSchoolId === undefined || target.schoolId !== actorSchoolId) throw accountNotFound();
  if (target.role !== 'school-staff') throw notAllowed();
}

function managed(state: AccountState, metadata: CommandMetadata, data: ByAdmin): ExistingAccount {
  const account = found(state);
  mayManage(metadata, data.actorSchoolId, account);
  return account;
}

function found(state: AccountState): ExistingAccount {
  if (state.status === 'none') throw accountNotFound();
  return state;
}

const whose = (account: ExistingAccount) => ({ accountId: account.accountId, schoolId: account.schoolId });
const samePosts = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

export const accountNotFound = () => new DomainError('account-not-found', 'No such account', '账号不存在', 'not-found');
const notAllowed = () => new DomainError('account-not-managed', 'You may not administer this account', '您无权管理该账号', 'forbidden');
