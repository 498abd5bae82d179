import { z } from 'zod';
import { defineEvent, EventOf, EventsOf, eventGroup, eventTypesOf } from '../define-event';
import { Topics } from '../topics';

export const ACCOUNT_STREAM_TYPE = 'Account';

/**
 * The `schoolId` of an account that belongs to no school (bureau officials, auditors, system
 * admins): every event carries a school, and theirs is the district. No school may have this code.
 */
export const DISTRICT_SCOPE = 'district';

/** The platform's roles (as libs/auth's ROLES; contracts depend on nothing, so they are repeated here). */
export const ACCOUNT_ROLES = ['school-staff', 'school-admin', 'bureau-official', 'auditor', 'system-admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
export const ACCOUNT_ROLE_ZH: Record<AccountRole, string> = {
  'school-staff': '学校职工',
  'school-admin': '学校管理员',
  'bureau-official': '教育局人员',
  auditor: '审计员',
  'system-admin': '系统管理员',
};

/** 岗位: what a person does in a school; later services check them (a canteen record needs a 食堂管理员). */
export const ACCOUNT_POSTS = [
  'logistics-director',
  'canteen-manager',
  'canteen-staff',
  'guard',
  'maintenance',
  'school-doctor',
  'safety-officer',
  'dormitory-manager',
  'bus-manager',
  'asset-manager',
  'teacher',
  'principal',
] as const;
export type AccountPost = (typeof ACCOUNT_POSTS)[number];
export const ACCOUNT_POST_ZH: Record<AccountPost, string> = {
  'logistics-director': '后勤主任',
  'canteen-manager': '食堂管理员',
  'canteen-staff': '食堂从业人员',
  guard: '门卫',
  maintenance: '维修工',
  'school-doctor': '校医',
  'safety-officer': '安全员',
  'dormitory-manager': '宿舍管理员',
  'bus-manager': '校车管理员',
  'asset-manager': '资产管理员',
  teacher: '教师',
  principal: '校长',
};

/** Usernames: 2–64 of letters, digits and `. _ @ -`, stored in lower case. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
/** 中国大陆手机号 */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

const id = z.string().min(1).max(64);
const at = z.string().datetime({ offset: true });
const account = { streamType: ACCOUNT_STREAM_TYPE, topic: Topics.identityEvents } as const;
/** Every account event: whose, and in which school (or DISTRICT_SCOPE). */
const whose = { accountId: id, schoolId: id };
/** The id of a login session (a refresh-token family), never the token itself. */
const sessionId = z.string().uuid();

/**
 * 账号创建. The password is never in an event: `credentialId` names the row of identity's
 * credentials table that holds its Argon2id hash (see services/identity README).
 */
export const AccountCreated = defineEvent({
  type: 'AccountCreated',
  version: 1,
  ...account,
  schema: z.object({
    ...whose,
    username: z.string().regex(USERNAME_PATTERN),
    displayName: z.string().min(1).max(50),
    phone: z.string().regex(PHONE_PATTERN),
    role: z.enum(ACCOUNT_ROLES),
    posts: z.array(z.enum(ACCOUNT_POSTS)).max(ACCOUNT_POSTS.length),
    credentialId: z.string().uuid(),
    /** An initial password set by someone else must be changed at first login. */
    mustChangePassword: z.boolean(),
    source: z.enum(['manual', 'import', 'bootstrap']),
    createdBy: id,
    createdAt: at,
  }),
});

/** 停用 */
export const AccountDisabled = defineEvent({ type: 'AccountDisabled', version: 1, ...account, schema: z.object({ ...whose, disabledBy: id, disabledAt: at }) });

/** 启用 (also lifts a lockout) */
export const AccountEnabled = defineEvent({ type: 'AccountEnabled', version: 1, ...account, schema: z.object({ ...whose, enabledBy: id, enabledAt: at }) });

/** 角色或岗位变更: the account's sessions end (refresh refused), so the old role lasts at most one access token. */
export const AccountRoleChanged = defineEvent({
  type: 'AccountRoleChanged',
  version: 1,
  ...account,
  schema: z.object({
    ...whose,
    role: z.enum(ACCOUNT_ROLES),
    previousRole: z.enum(ACCOUNT_ROLES),
    posts: z.array(z.enum(ACCOUNT_POSTS)).max(ACCOUNT_POSTS.length),
    changedBy: id,
    changedAt: at,
  }),
});

/** 重置密码: an administrator set a new initial password, to be changed at the next login. */
export const AccountPasswordReset = defineEvent({
  type: 'AccountPasswordReset',
  version: 1,
  ...account,
  schema: z.object({ ...whose, credentialId: z.string().uuid(), resetBy: id, resetAt: at }),
});

/** 修改密码: the person changed their own password (the current one verified). */
export const AccountPasswordChanged = defineEvent({
  type: 'AccountPasswordChanged',
  version: 1,
  ...account,
  schema: z.object({ ...whose, credentialId: z.string().uuid(), changedAt: at }),
});

/** 登录成功 */
export const AccountLoggedIn = defineEvent({
  type: 'AccountLoggedIn',
  version: 1,
  ...account,
  schema: z.object({ ...whose, sessionId, mustChangePassword: z.boolean(), loggedInAt: at }),
});

/**
 * 登录失败. `reason` is for the auditors only: the caller always gets the same answer.
 * `consecutiveFailures` counts wrong passwords since the last success or lockout.
 */
export const AccountLoginFailed = defineEvent({
  type: 'AccountLoginFailed',
  version: 1,
  ...account,
  schema: z.object({
    ...whose,
    reason: z.enum(['wrong-password', 'locked', 'disabled']),
    consecutiveFailures: z.number().int().min(0).max(1_000_000),
    failedAt: at,
  }),
});

/** 账号锁定: too many wrong passwords in a row; the account refuses every login until `lockedUntil`. */
export const AccountLockedOut = defineEvent({
  type: 'AccountLockedOut',
  version: 1,
  ...account,
  schema: z.object({ ...whose, failures: z.number().int().min(1).max(1_000_000), lockedAt: at, lockedUntil: at }),
});

/** 退出登录 */
export const AccountLoggedOut = defineEvent({ type: 'AccountLoggedOut', version: 1, ...account, schema: z.object({ ...whose, sessionId, loggedOutAt: at }) });

/** 会话吊销: a used refresh token came back (stolen?): its whole session is revoked. */
export const AccountSessionRevoked = defineEvent({
  type: 'AccountSessionRevoked',
  version: 1,
  ...account,
  schema: z.object({ ...whose, sessionId, reason: z.enum(['refresh-token-reused']), revokedAt: at }),
});

export const AccountEvents = eventGroup([
  AccountCreated,
  AccountDisabled,
  AccountEnabled,
  AccountRoleChanged,
  AccountPasswordReset,
  AccountPasswordChanged,
  AccountLoggedIn,
  AccountLoginFailed,
  AccountLockedOut,
  AccountLoggedOut,
  AccountSessionRevoked,
]);
export type AccountEvent = EventsOf<typeof AccountEvents>;
export const ACCOUNT_EVENT_TYPES = eventTypesOf(AccountEvents);

export type AccountCreated = EventOf<typeof AccountCreated>['data'];
export type AccountLoginFailed = EventOf<typeof AccountLoginFailed>['data'];
