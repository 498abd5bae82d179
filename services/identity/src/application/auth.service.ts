import { Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccountEvent, USERNAME_PATTERN } from '@houqin/contracts';
import { PASSWORD_CHANGE_CLAIM, POSTS_CLAIM, Principal } from '@houqin/auth';
import { CommandExecutor, CommandRunner, streamIdOf } from '@houqin/event-store';
import { FieldError } from '@houqin/platform';
import { AccountCommand, accountDecider, AccountState, ExistingAccount, isSchoolRole } from '../domain/account';
import { passwordProblems } from '../domain/password-policy';
import { accountIdOf, unkeyedContext } from './account-ids';
import { Credentials } from './credentials';
import { fieldErrors } from './field-errors';
import { IDENTITY_CONFIG, IdentityConfig } from './identity-config';
import { Sessions } from './sessions';
import { SigningKeys } from './signing-keys';

/** What a login, a refresh and a password change answer. */
export interface TokenAnswer {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  mustChangePassword: boolean;
  account: { id: string; username: string; name: string; role: string; schoolId?: string; posts: string[] };
}

/**
 * Login, refresh, logout and password change. Every attempt runs through the account's decider, so
 * each login, failure, lockout and password change is an event; the caller of a failed login gets
 * one answer whatever the reason (wrong password, locked, disabled, unknown username).
 */
@Injectable()
export class AuthService {
  private readonly log = new Logger('Auth');

  constructor(
    private readonly commands: CommandRunner,
    private readonly executor: CommandExecutor,
    private readonly credentials: Credentials,
    private readonly sessions: Sessions,
    private readonly keys: SigningKeys,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async login(username: string, password: string, correlationId: string): Promise<TokenAnswer> {
    const name = username.trim().toLowerCase();
    const account = USERNAME_PATTERN.test(name) ? await this.account(accountIdOf(name)) : undefined;
    // The credential is always looked up and a hash always verified (a dummy one for an unknown account): the answer takes as long either way.
    const matched = await this.credentials.matches(account?.credentialId ?? randomUUID(), password);
    if (!account) {
      this.log.log('Login refused: unknown account');
      throw this.invalidCredentials();
    }
    const sessionId = randomUUID();
    const events = await this.run(account, { type: 'RecordLogin', data: { sessionId, credentialId: account.credentialId, passwordMatched: matched, policy: this.policy() } }, correlationId);
    if (!events.some((e) => e.type === 'AccountLoggedIn')) {
      this.log.log(`Login refused for account ${account.accountId}`);
      throw this.invalidCredentials();
    }
    const { refreshToken } = await this.sessions.open(owner(account), sessionId);
    return this.answer(account, refreshToken);
  }

  async refresh(refreshToken: string, correlationId: string): Promise<TokenAnswer> {
    const used = await this.sessions.use(refreshToken);
    if (used.outcome === 'refused') throw sessionEnded();
    const account = await this.account(used.owner.accountId);
    if (used.outcome === 'reused') {
      this.log.warn(`A used refresh token came back: session ${used.familyId} of account ${used.owner.accountId} revoked`);
      if (account) await this.run(account, { type: 'RevokeSession', data: { sessionId: used.familyId, reason: 'refresh-token-reused' } }, correlationId);
      throw sessionEnded();
    }
    if (!account || account.status !== 'active' || account.role !== used.owner.role || account.schoolId !== used.owner.schoolId) {
      await this.sessions.revoke(used.familyId, 'account-changed');
      throw sessionEnded();
    }
    return this.answer(account, await this.sessions.next(used.familyId));
  }

  /** Ends the session of the token, if it is live; answers nothing either way. */
  async logout(refreshToken: string, correlationId: string): Promise<void> {
    const session = await this.sessions.ownerOf(refreshToken);
    if (!session) return;
    await this.sessions.revoke(session.familyId, 'logout');
    const account = await this.account(session.owner.accountId);
    if (account) await this.run(account, { type: 'Logout', data: { sessionId: session.familyId } }, correlationId);
  }

  /**
   * The person's own password change (also the forced first one). Every other session ends; the
   * answer is a new session with unrestricted tokens.
   */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, correlationId: string): Promise<TokenAnswer> {
    const account = await this.account(principal.sub);
    if (!account) throw sessionEnded();
    const problems: FieldError[] = passwordProblems(newPassword, account.username).map((p) => ({ field: 'newPassword', ...p }));
    if (newPassword === currentPassword) {
      problems.push({ field: 'newPassword', constraint: 'passwordChanged', message: 'newPassword must differ from the current password', messageZh: '新密码不能与当前密码相同' });
    }
    if (problems.length > 0) throw fieldErrors(problems);
    const matched = await this.credentials.matches(account.credentialId, currentPassword);
    const credentialId = matched ? await this.credentials.store(account.accountId, newPassword) : randomUUID();
    const events = await this.run(
      account,
      { type: 'ChangePassword', data: { credentialId, verifiedCredentialId: account.credentialId, currentPasswordMatched: matched, policy: this.policy() } },
      correlationId,
    );
    if (!events.some((e) => e.type === 'AccountPasswordChanged')) {
      const error = { field: 'currentPassword', constraint: 'currentPassword', message: 'currentPassword is not correct (or the account is locked)', messageZh: '当前密码不正确（或账号已被锁定）' };
      throw fieldErrors([error]);
    }
    await this.sessions.revokeAll(account.accountId, 'password-changed');
    const changed = await this.account(account.accountId);
    const { refreshToken } = await this.sessions.open(owner(changed!));
    return this.answer(changed!, refreshToken);
  }

  /** The account of an id, or undefined when there is none. */
  async account(accountId: string): Promise<ExistingAccount | undefined> {
    const { state } = await this.executor.load(accountDecider, streamIdOf(accountDecider, accountId));
    return existing(state);
  }

  private async run(account: ExistingAccount, input: Parameters<CommandRunner['run']>[2] & { type: AccountCommand['type'] }, correlationId: string): Promise<AccountEvent[]> {
    const ctx = unkeyedContext({ actorId: account.accountId, role: account.role, schoolId: account.schoolId, correlationId });
    const result = await this.commands.run(accountDecider, account.accountId, input as never, ctx);
    return result.events.map((e) => ({ type: e.type }) as AccountEvent);
  }

  private async answer(account: ExistingAccount, refreshToken: string): Promise<TokenAnswer> {
    const school = isSchoolRole(account.role);
    const accessToken = await this.keys.sign({
      sub: account.accountId,
      role: account.role,
      name: account.displayName,
      ...(school ? { schoolId: account.schoolId } : {}),
      // 岗位, so services can require one (@Posts); a role or posts change ends the sessions, and a refresh signs the current ones.
      ...(account.posts.length > 0 ? { [POSTS_CLAIM]: [...account.posts] } : {}),
      ...(account.mustChangePassword ? { [PASSWORD_CHANGE_CLAIM]: true } : {}),
    });
    return {
      accessToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.config.accessTtlSeconds,
      mustChangePassword: account.mustChangePassword,
      account: { id: account.accountId, username: account.username, name: account.displayName, role: account.role, ...(school ? { schoolId: account.schoolId } : {}), posts: account.posts },
    };
  }

  private policy() {
    return { maxFailures: this.config.maxFailures, lockoutMinutes: this.config.lockoutMinutes };
  }

  /** The one answer to every failed login. */
  invalidCredentials(): UnauthorizedException {
    const { maxFailures, lockoutMinutes } = this.config;
    return new UnauthorizedException({
      statusCode: 401,
      error: 'Unauthorized',
      code: 'invalid-credentials',
      message: `Wrong username or password. After ${maxFailures} failed attempts in a row the account is locked for ${lockoutMinutes} minutes.`,
      messageZh: `用户名或密码错误。连续 ${maxFailures} 次输错后，账号将被锁定 ${lockoutMinutes} 分钟。`,
    });
  }
}

const existing = (state: AccountState): ExistingAccount | undefined => (state.status === 'none' ? undefined : state);
const owner = (account: ExistingAccount) => ({ accountId: account.accountId, role: account.role, schoolId: account.schoolId });

const sessionEnded = () =>
  new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', code: 'session-ended', message: 'The session has ended; sign in again', messageZh: '登录会话已失效，请重新登录' });
