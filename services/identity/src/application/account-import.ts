import { HttpException, Injectable } from '@nestjs/common';
import { ACCOUNT_POST_ZH, ACCOUNT_POSTS, ACCOUNT_ROLE_ZH, ACCOUNT_ROLES, AccountPost, AccountRole, PHONE_PATTERN, USERNAME_PATTERN } from '@houqin/contracts';
import { DomainError } from '@houqin/event-sourcing';
import { FieldError, readTableFile, TableRow } from '@houqin/platform';
import { accountIdOf } from './account-ids';
import { AccountsService, Administrator, NewAccount } from './accounts.service';
import { IdentityQueries } from './identity.queries';

export const IMPORT_MAX_ROWS = 2000;

export interface ImportReason {
  field?: string;
  code: string;
  message: string;
  messageZh: string;
}

export interface ImportRow {
  /** The row number in the sheet (the header is row 1). */
  row: number;
  username?: string;
  status: 'accepted' | 'refused' | 'duplicate';
  accountId?: string;
  /** Generated when the file gave none; shown once, here. */
  initialPassword?: string;
  reasons: ImportReason[];
}

export interface ImportReport {
  fileName: string;
  total: number;
  accepted: number;
  refused: number;
  duplicates: number;
  rows: ImportRow[];
}

type Field = keyof NewAccount;
/** Column headers, in Chinese or English (case and spaces ignored). */
const HEADERS: Record<string, Field> = {
  用户名: 'username', 账号: 'username', username: 'username',
  姓名: 'displayName', 显示名: 'displayName', name: 'displayName', displayname: 'displayName',
  手机号: 'phone', 手机: 'phone', 电话: 'phone', phone: 'phone',
  角色: 'role', role: 'role',
  学校代码: 'schoolId', 学校: 'schoolId', schoolid: 'schoolId', school: 'schoolId',
  岗位: 'posts', posts: 'posts',
  初始密码: 'initialPassword', initialpassword: 'initialPassword', password: 'initialPassword',
};
const ROLE_OF: Record<string, AccountRole> = Object.fromEntries([...ACCOUNT_ROLES.map((r) => [r, r]), ...ACCOUNT_ROLES.map((r) => [ACCOUNT_ROLE_ZH[r], r])]);
const POST_OF: Record<string, AccountPost> = Object.fromEntries([...ACCOUNT_POSTS.map((p) => [p, p]), ...ACCOUNT_POSTS.map((p) => [ACCOUNT_POST_ZH[p], p])]);

const reason = (field: string, code: string, message: string, messageZh: string): ImportReason => ({ field, code, message, messageZh });

/**
 * 批量导入: people from the first sheet of an .xlsx. Every row is judged (fields, the administrator's
 * scope, duplicates within the file and against existing usernames and phones) and answered in the
 * report: accepted (created, with its generated initial password), refused and why, or duplicate.
 */
@Injectable()
export class AccountImport {
  constructor(
    private readonly accounts: AccountsService,
    private readonly queries: IdentityQueries,
  ) {}

  async run(admin: Administrator, fileName: string, content: Buffer): Promise<ImportReport> {
    const rows = await readSheet(fileName, content);
    const report: ImportRow[] = [];
    const inputs = rows.map(({ row, cells }) => ({ row, ...parseRow(cells) }));
    const takenIds = await this.queries.accountsExisting(inputs.flatMap((i) => (i.input.username ? [accountIdOf(i.input.username)] : [])));
    const takenPhones = await this.queries.phonesTaken(inputs.flatMap((i) => (i.input.phone ? [i.input.phone] : [])));
    const seenUsernames = new Map<string, number>();
    const seenPhones = new Map<string, number>();
    for (const { row, input, reasons } of inputs) {
      const username = input.username;
      const duplicates: ImportReason[] = [];
      if (username) {
        const earlier = seenUsernames.get(username);
        if (earlier) duplicates.push(reason('username', 'duplicate-in-file', `username repeats row ${earlier}`, `用户名与第 ${earlier} 行重复`));
        else if (takenIds.has(accountIdOf(username))) duplicates.push(reason('username', 'username-taken', 'an account has this username already', '该用户名已存在'));
        if (!earlier) seenUsernames.set(username, row);
      }
      if (input.phone) {
        const earlier = seenPhones.get(input.phone);
        if (earlier) duplicates.push(reason('phone', 'duplicate-in-file', `phone repeats row ${earlier}`, `手机号与第 ${earlier} 行重复`));
        else if (takenPhones.has(input.phone)) duplicates.push(reason('phone', 'phone-taken', 'an account has this phone already', '该手机号已被使用'));
        if (!earlier) seenPhones.set(input.phone, row);
      }
      if (duplicates.length > 0) {
        report.push({ row, username, status: 'duplicate', reasons: [...duplicates, ...reasons] });
        continue;
      }
      const scope = this.scopeProblems(admin, input as NewAccount);
      if (reasons.length > 0 || scope.length > 0) {
        report.push({ row, username, status: 'refused', reasons: [...reasons, ...scope] });
        continue;
      }
      try {
        const created = await this.accounts.create(admin, input as NewAccount, 'import');
        report.push({ row, username, status: 'accepted', accountId: created.accountId, ...(created.initialPassword ? { initialPassword: created.initialPassword } : {}), reasons: [] });
      } catch (error) {
        report.push({ row, username, status: 'refused', reasons: refusalOf(error) });
      }
    }
    const count = (status: ImportRow['status']) => report.filter((r) => r.status === status).length;
    return { fileName, total: report.length, accepted: count('accepted'), refused: count('refused'), duplicates: count('duplicate'), rows: report };
  }

  /** A school admin imports only school staff of their own school. */
  private scopeProblems(admin: Administrator, input: NewAccount): ImportReason[] {
    if (admin.principal.role !== 'school-admin') return [];
    const problems: ImportReason[] = [];
    if (input.role !== undefined && input.role !== 'school-staff') problems.push(reason('role', 'account-not-managed', 'a school admin imports school staff only', '学校管理员只能导入本校职工'));
    if (input.schoolId !== undefined && input.schoolId !== admin.principal.schoolId) problems.push(reason('schoolId', 'other-school', 'a school admin imports into their own school only', '学校管理员只能导入本校人员'));
    return problems;
  }
}

/** The first sheet (.xlsx) or the CSV, by the shared sheet reader: 422 per field for a file that is none, lacks a column or is too long. */
function readSheet(fileName: string, content: Buffer): Promise<TableRow<Field>[]> {
  return readTableFile(fileName, content, { headers: HEADERS, required: { username: '用户名', displayName: '姓名', phone: '手机号' }, maxRows: IMPORT_MAX_ROWS });
}

// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

function parseRow(cells: Partial<Record<Field, string>>): { input: Partial<NewAccount>; reasons: ImportReason[] } {
  const reasons: ImportReason[] = [];
  const input: Partial<NewAccount> = {};
  const username = cells.username?.toLowerCase();
  if (!username || !USERNAME_PATTERN.test(username)) reasons.push(reason('username', 'username-invalid', 'username: 2-64 letters, digits or . _ @ -', '用户名须为 2 至 64 位字母、数字或 . _ @ -'));
  else input.username = username;
  const name = cells.displayName;
  if (!name || name.length > 50 || CONTROL.test(name)) reasons.push(reason('displayName', 'name-invalid', 'name: 1-50 characters', '姓名须为 1 至 50 个字符'));
  else input.displayName = name;
  const phone = cells.phone?.replace(/[\s-]/g, '');
  if (!phone || !PHONE_PATTERN.test(phone)) reasons.push(reason('phone', 'phone-invalid', 'phone: an 11-digit mainland mobile number', '手机号须为 11 位大陆手机号'));
  else input.phone = phone;
  const role = cells.role === undefined ? 'school-staff' : ROLE_OF[cells.role];
  if (!role) reasons.push(reason('role', 'role-invalid', `role: one of ${ACCOUNT_ROLES.join(', ')}`, `角色须为：${Object.values(ACCOUNT_ROLE_ZH).join('、')}`));
  else input.role = role;
  if (cells.schoolId !== undefined) input.schoolId = cells.schoolId;
  const posts = (cells.posts ?? '').split(/[、,，;；\s]+/).filter(Boolean);
  const unknown = posts.filter((p) => !POST_OF[p]);
  if (unknown.length > 0) reasons.push(reason('posts', 'post-invalid', `unknown posts: ${unknown.join(', ')}`, `未知岗位：${unknown.join('、')}`));
  else input.posts = [...new Set(posts.map((p) => POST_OF[p]))];
  if (cells.initialPassword !== undefined) input.initialPassword = cells.initialPassword;
  return { input, reasons };
}

/** Why creating a row's account was refused, in the report's words. */
function refusalOf(error: unknown): ImportReason[] {
  if (error instanceof DomainError) return [{ code: error.code, message: error.message, messageZh: error.messageZh }];
  if (error instanceof HttpException) {
    const body = error.getResponse() as { code?: string; message?: string; messageZh?: string; errors?: FieldError[] };
    if (body.errors?.length) return body.errors.map((e) => ({ field: e.field, code: e.constraint, message: e.message, messageZh: e.messageZh }));
    return [{ code: body.code ?? 'refused', message: String(body.message ?? error.message), messageZh: body.messageZh ?? '导入失败' }];
  }
  throw error;
}
