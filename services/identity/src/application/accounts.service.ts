import { randomInt } from 'node:crypto';
import { ConflictException, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountPost, AccountRole, DISTRICT_SCOPE } from '@houqin/contracts';
import { Principal } from '@houqin/auth';
import { DomainError } from '@houqin/event-sourcing';
import { CommandContext, CommandRunner, RunResult } from '@houqin/event-store';
import { FieldError } from '@houqin/platform';
import { AccountCommand, accountDecider, isSchoolRole } from '../domain/account';
import { passwordProblems } from '../domain/password-policy';
import { accountIdOf, unkeyedContext } from './account-ids';
import { Credentials } from './credentials';
import { fieldErrors, unusableContent } from './field-errors';
import { IDENTITY_CONFIG, IdentityConfig } from './identity-config';
import { IdentityQueries } from './identity.queries';
import { Sessions } from './sessions';

export interface NewAccount {
  username: string;
  displayName: string;
  phone: string;
  role: AccountRole;
  schoolId?: string;
  posts?: AccountPost[];
  initialPassword?: string;
}

/** Who administers: the principal, and the command context for a stream of a given school. */
export interface Administrator {
  principal: Principal;
  contextFor(schoolId: string): CommandContext;
}

export type AccountCreated = RunResult & { accountId: string; initialPassword?: string };

/** Account administration: create, disable, enable, role, password reset. The rules of who may are the decider's. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly commands: CommandRunner,
    private readonly credentials: Credentials,
    private readonly sessions: Sessions,
    private readonly queries: IdentityQueries,
  ) {}

  /** The school an administrator's new account lands in: a school admin's own, whatever the body says. */
  schoolOf(admin: Principal, input: Pick<NewAccount, 'role' | 'schoolId'>): string {
    if (admin.role === 'school-admin') return admin.schoolId!;
    return isSchoolRole(input.role) ? (input.schoolId ?? '') : DISTRICT_SCOPE;
  }

  async create(admin: Administrator, input: NewAccount, source: 'manual' | 'import' = 'manual'): Promise<AccountCreated> {
    const schoolId = this.schoolOf(admin.principal, input);
    // The password rules need the username: a 400 naming the field, like the DTO's.
    if (input.initialPassword !== undefined) {
      const problems: FieldError[] = passwordProblems(input.initialPassword, input.username).map((p) => ({ field: 'initialPassword', ...p }));
      if (problems.length > 0) throw fieldErrors(problems);
    }
    // Well-formed but naming no registered school: 422.
    if (isSchoolRole(input.role) && (!schoolId || !(await this.queries.schoolExists(schoolId)))) {
      const message = schoolId ? 'schoolId must name a registered school' : 'a school role needs schoolId';
      throw unusableContent([{ field: 'schoolId', constraint: 'schoolExists', message, messageZh: schoolId ? '所属学校不存在' : '学校角色必须指定所属学校' }], message, '所属学校无效');
    }
    if ((await this.queries.phonesTaken([input.phone])).size > 0) {
      throw new ConflictException({ code: 'phone-taken', message: 'Another account has this phone number', messageZh: '该手机号已被其他账号使用' });
    }
    const username = input.username.toLowerCase();
    const accountId = accountIdOf(username);
    const initialPassword = input.initialPassword ?? generatePassword();
    const credentialId = await this.credentials.store(accountId, initialPassword);
    const command: AccountCommand['data'] = {
      accountId,
      schoolId,
      username,
      displayName: input.displayName,
      phone: input.phone,
      role: input.role,
      posts: input.posts ?? [],
      credentialId,
      source,
      ...(admin.principal.role === 'school-admin' ? { actorSchoolId: admin.principal.schoolId } : {}),
    };
    let result: RunResult;
    try {
      result = await this.commands.run(accountDecider, accountId, { type: 'CreateAccount', data: command as never }, admin.contextFor(schoolId));
    } catch (error) {
      // The username's stream is another school's: the executor calls it not found; to the creator it is taken.
      if (error instanceof DomainError && error.code === 'not-found') throw new DomainError('username-taken', `The username ${username} is taken`, `用户名 ${username} 已被使用`, 'conflict');
      throw error;
    }
    return { ...result, accountId, ...(input.initialPassword === undefined ? { initialPassword } : {}) };
  }

  disable(admin: Administrator, accountId: string) {
    return this.administer(admin, accountId, { type: 'DisableAccount', data: {} }, 'disabled');
  }

  enable(admin: Administrator, accountId: string) {
    return this.administer(admin, accountId, { type: 'EnableAccount', data: {} });
  }

  changeRole(admin: Administrator, accountId: string, role: AccountRole, posts: AccountPost[]) {
    return this.administer(admin, accountId, { type: 'ChangeAccountRole', data: { role, posts } }, 'role-changed');
  }

  /** Sets a new initial password (given, or generated and answered once); the person must change it at the next login. */
  async resetPassword(admin: Administrator, accountId: string, password?: string): Promise<RunResult & { initialPassword?: string }> {
    const { account } = await this.queries.account(accountId, () => true);
    if (password !== undefined) {
      const problems = passwordProblems(password, account.username).map((p) => ({ field: 'initialPassword', ...p }));
      if (problems.length > 0) throw fieldErrors(problems);
    }
    const initialPassword = password ?? generatePassword();
    const credentialId = await this.credentials.store(accountId, initialPassword);
    const result = await this.administer(admin, accountId, { type: 'ResetPassword', data: { credentialId } }, 'password-reset', account.schoolId);
    return { ...result, ...(password === undefined ? { initialPassword } : {}) };
  }

  private async administer(
    admin: Administrator,
    accountId: string,
    input: { type: 'DisableAccount' | 'EnableAccount' | 'ChangeAccountRole' | 'ResetPassword'; data: object },
    endsSessions?: string,
    knownSchool?: string,
  ): Promise<RunResult> {
    // A school admin acts on their own school's streams only (another school's account: not found, by the executor).
    const schoolId = admin.principal.role === 'school-admin' ? admin.principal.schoolId! : (knownSchool ?? (await this.queries.account(accountId, () => true)).account.schoolId);
    const data = { ...input.data, ...(admin.principal.role === 'school-admin' ? { actorSchoolId: admin.principal.schoolId } : {}) };
    const result = await this.commands.run(accountDecider, accountId, { type: input.type, data } as never, admin.contextFor(schoolId));
    if (endsSessions && result.events.length > 0) await this.sessions.revokeAll(accountId, endsSessions);
    return result;
  }
}

/** A random initial password that meets the rules: 12 characters, all four classes. */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%*?-'];
  const all = sets.join('');
  const chars = [...sets.map((s) => s[randomInt(s.length)]), ...Array.from({ length: 8 }, () => all[randomInt(all.length)])];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/**
 * On the first start with no account at all, IDENTITY_BOOTSTRAP_ADMIN_PASSWORD (if set) creates the
 * system admin `admin` with it, without a forced change (whoever set the variable chose it).
 */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly log = new Logger('BootstrapAdmin');

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly credentials: Credentials,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const password = this.config.bootstrapAdminPassword;
    if (!password) return;
    const [any] = await this.dataSource.query(`SELECT 1 FROM streams WHERE stream_type = $1 LIMIT 1`, [accountDecider.streamType]);
    if (any) return;
    const problems = passwordProblems(password, 'admin');
    if (problems.length > 0) throw new Error(`IDENTITY_BOOTSTRAP_ADMIN_PASSWORD breaks the password rules: ${problems.map((p) => p.message).join('; ')}`);
    const accountId = accountIdOf('admin');
    const credentialId = await this.credentials.store(accountId, password);
    const data = { accountId, schoolId: DISTRICT_SCOPE, username: 'admin', displayName: '系统管理员', phone: '13800000000', role: 'system-admin' as const, posts: [], credentialId, source: 'bootstrap' as const };
    try {
      await this.commands.run(accountDecider, accountId, { type: 'CreateAccount', data }, unkeyedContext({ actorId: 'identity', role: 'system-admin', schoolId: DISTRICT_SCOPE, correlationId: 'bootstrap-admin' }));
      this.log.log('Created the system admin account "admin" from IDENTITY_BOOTSTRAP_ADMIN_PASSWORD');
    } catch (error) {
      // Another replica created it first.
      if (!(error instanceof DomainError && error.code === 'username-taken')) throw error;
    }
  }
}
