import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { Clock } from '@houqin/event-sourcing';
import { ErrorBodyDto, UuidParam } from '@houqin/platform';
import { awaitReadModel, ReadModels } from '@houqin/projection-store';
import { AccountImport } from '../application/account-import';
import { AccountsService } from '../application/accounts.service';
import { fieldErrors } from '../application/field-errors';
import { IDENTITY_CONFIG, IdentityConfig } from '../application/identity-config';
import { IdentityQueries } from '../application/identity.queries';
import { accountList } from '../application/read-models';
import { ExistingAccount } from '../domain/account';
import { administratorOf, IdentityCommand } from './identity-command';
import { ChangeRoleDto, CreateAccountDto, ImportAccountsDto, ListAccountsQuery, ResetPasswordDto } from './identity.dto';
import { accountView } from './views';

interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}
type Request = Parameters<typeof administratorOf>[0];

const READERS = ['system-admin', 'school-admin', 'auditor'] as const;
const ADMINS = ['system-admin', 'school-admin'] as const;

@ApiTags('accounts 账号')
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly importer: AccountImport,
    private readonly queries: IdentityQueries,
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Accounts (a school admin: their school), phones masked / 账号列表' })
  @ApiResponse({ status: 503, type: ErrorBodyDto, description: 'The list has not caught up with `consistentWith` yet / 列表尚未同步' })
  async list(@Query() query: ListAccountsQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    await awaitReadModel(this.readModels.get(accountList.definition.name), query.consistentWith, { header: (name, value) => (res.setHeader ? res.setHeader(name, value) : res.header?.(name, value)) });
    const page = await this.queries.accounts({
      schoolId: readableSchoolOf(principal) ?? query.schoolId,
      role: query.role,
      status: query.status,
      q: query.q,
      after: query.cursor,
      limit: query.limit ?? 50,
    });
    const now = this.clock.now();
    return { items: page.items.map((a) => accountView(a, now)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One account, from its stream; the full phone for a system admin only / 账号详情' })
  @ApiResponse({ status: 404, type: ErrorBodyDto, description: 'No such account (in your school) / 账号不存在' })
  async get(@UuidParam('id', 'any') id: string, @CurrentPrincipal() principal: Principal) {
    const { account, version } = await this.queries.account(id, (a) => readable(principal, a));
    return accountView(account, this.clock.now(), { fullPhone: principal.role === 'system-admin', version });
  }

  @Post()
  @IdentityCommand({ roles: [...ADMINS], summary: 'Create an account (a school admin: school staff of their school) / 新建账号', creates: true })
  @ApiResponse({ status: 409, type: ErrorBodyDto, description: 'Username or phone taken (code `username-taken`, `phone-taken`) / 用户名或手机号已被使用' })
  @ApiResponse({ status: 422, type: ErrorBodyDto, description: 'schoolId names no registered school / 所属学校不存在' })
  create(@Body() dto: CreateAccountDto, @Req() request: Request) {
    return this.accounts.create(administratorOf(request), dto);
  }

  @Post('import')
  @IdentityCommand({ roles: [...ADMINS], summary: 'Import people from an .xlsx, with a report per row / 批量导入', creates: false })
  @ApiResponse({ status: 422, type: ErrorBodyDto, description: 'Not a readable .xlsx, or its first row lacks 用户名/姓名/手机号 (per field) / 文件无法读取' })
  async import(@Body() dto: ImportAccountsDto, @Req() request: Request) {
    const content = Buffer.from(dto.contentBase64, 'base64');
    if (content.length > this.config.importMaxBytes) {
      throw fieldErrors([{ field: 'contentBase64', constraint: 'maxBytes', message: `the file is larger than ${this.config.importMaxBytes} bytes`, messageZh: `文件超过 ${this.config.importMaxBytes} 字节` }]);
    }
    // One command per row, each its own: a key would name the whole import, not a row.
    return this.importer.run(administratorOf(request, { keyed: false }), dto.fileName, content);
  }

  @Post(':id/disable')
  @IdentityCommand({ roles: [...ADMINS], summary: 'Disable an account (its sessions end) / 停用账号' })
  disable(@UuidParam('id', 'any') id: string, @Req() request: Request) {
    return this.accounts.disable(administratorOf(request), id);
  }

  @Post(':id/enable')
  @IdentityCommand({ roles: [...ADMINS], summary: 'Enable an account (also lifts a lockout) / 启用（解锁）账号' })
  enable(@UuidParam('id', 'any') id: string, @Req() request: Request) {
    return this.accounts.enable(administratorOf(request), id);
  }

  @Post(':id/role')
  @IdentityCommand({ roles: [...ADMINS], summary: 'Change role and posts (its sessions end) / 变更角色与岗位' })
  role(@UuidParam('id', 'any') id: string, @Body() dto: ChangeRoleDto, @Req() request: Request) {
    return this.accounts.changeRole(administratorOf(request), id, dto.role, dto.posts ?? []);
  }

  @Post(':id/reset-password')
  @IdentityCommand({ roles: [...ADMINS], summary: 'Set a new initial password, to be changed at the next login (its sessions end) / 重置密码' })
  resetPassword(@UuidParam('id', 'any') id: string, @Body() dto: ResetPasswordDto, @Req() request: Request) {
    return this.accounts.resetPassword(administratorOf(request), id, dto.initialPassword);
  }
}

/** Who may see an account: a system admin and an auditor all; a school admin their own school's. */
const readable = (principal: Principal, account: ExistingAccount) => principal.role !== 'school-admin' || account.schoolId === principal.schoolId;
