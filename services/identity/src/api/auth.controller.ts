import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AllowPasswordChangeToken, CurrentPrincipal, Principal, Public, ROLES, Roles } from '@houqin/auth';
import { Clock } from '@houqin/event-sourcing';
import { correlationIdOf, ErrorBodyDto } from '@houqin/platform';
import { AuthService } from '../application/auth.service';
import { JWKS_MAX_AGE_SECONDS, SigningKeys } from '../application/signing-keys';
import { ChangePasswordDto, LoginDto, RefreshDto, RotateKeysDto, RotationAnswerDto, TokenAnswerDto } from './identity.dto';
import { accountView } from './views';

interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}
/** Token answers are never cached (RFC 6749 §5.1). */
const noStore = (res: HeaderSink) => (res.setHeader ? res.setHeader('Cache-Control', 'no-store') : res.header?.('Cache-Control', 'no-store'));
const correlation = (request: object) => correlationIdOf(request) ?? randomUUID();

@ApiTags('auth 登录')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly keys: SigningKeys,
    private readonly clock: Clock,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with username and password / 登录',
    description:
      'A wrong password, an unknown username, a locked or a disabled account all answer the same 401 (code `invalid-credentials`). 5 wrong passwords in a row lock the account for IDENTITY_LOCKOUT_MINUTES. With `mustChangePassword`, the access token opens only POST /auth/password and GET /me.',
  })
  @ApiResponse({ status: 200, type: TokenAnswerDto, description: 'Signed in / 登录成功' })
  @ApiResponse({ status: 400, type: ErrorBodyDto, description: 'Invalid body / 输入校验失败' })
  @ApiResponse({ status: 401, type: ErrorBodyDto, description: 'Wrong username or password (or locked, disabled) / 用户名或密码错误' })
  login(@Body() dto: LoginDto, @Req() request: object, @Res({ passthrough: true }) res: HeaderSink) {
    noStore(res);
    return this.auth.login(dto.username, dto.password, correlation(request));
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'A new token pair for a refresh token (used up: it rotates) / 刷新令牌', description: 'A used refresh token presented again ends its whole session. Refused after IDENTITY_IDLE_MINUTES unused, for a disabled account, or after a role change.' })
  @ApiResponse({ status: 200, type: TokenAnswerDto, description: 'Refreshed / 已刷新' })
  @ApiResponse({ status: 401, type: ErrorBodyDto, description: 'Session ended (code `session-ended`) / 会话已失效' })
  refresh(@Body() dto: RefreshDto, @Req() request: object, @Res({ passthrough: true }) res: HeaderSink) {
    noStore(res);
    return this.auth.refresh(dto.refreshToken, correlation(request));
  }

  @Post('auth/logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of a refresh token / 退出登录' })
  @ApiResponse({ status: 204, description: 'Ended (also for an unknown token) / 已退出' })
  async logout(@Body() dto: RefreshDto, @Req() request: object): Promise<void> {
    await this.auth.logout(dto.refreshToken, correlation(request));
  }

  @Post('auth/password')
  @Roles(...ROLES)
  @AllowPasswordChangeToken()
  @HttpCode(200)
  @ApiOperation({ summary: 'Change my password (also the forced first change) / 修改密码', description: 'Ends every other session; answers a new token pair without `pwd_change`.' })
  @ApiResponse({ status: 200, type: TokenAnswerDto, description: 'Changed / 已修改' })
  @ApiResponse({ status: 400, type: ErrorBodyDto, description: 'Rules not met, or the current password is wrong (per field) / 密码不符合要求或当前密码错误' })
  @ApiResponse({ status: 401, type: ErrorBodyDto, description: 'No valid token / 未登录' })
  changePassword(@Body() dto: ChangePasswordDto, @CurrentPrincipal() principal: Principal, @Req() request: object, @Res({ passthrough: true }) res: HeaderSink) {
    noStore(res);
    return this.auth.changePassword(principal, dto.currentPassword, dto.newPassword, correlation(request));
  }

  @Get('me')
  @Roles(...ROLES)
  @AllowPasswordChangeToken()
  @ApiOperation({ summary: 'My account / 我的账号' })
  @ApiResponse({ status: 401, type: ErrorBodyDto, description: 'No valid token / 未登录' })
  async me(@CurrentPrincipal() principal: Principal) {
    const account = await this.auth.account(principal.sub);
    // A development token (HOUQIN_DEV_AUTH) names no account: its principal is all there is.
    if (!account) return { id: principal.sub, name: principal.name, role: principal.role, ...(principal.schoolId ? { schoolId: principal.schoolId } : {}), posts: [...(principal.posts ?? [])] };
    return accountView(account, this.clock.now());
  }

  @Get('.well-known/jwks.json')
  @Public()
  @ApiTags('keys 密钥')
  @ApiOperation({
    summary: "identity's public signing keys (JWKS): the one signing, one announced to sign next, and those whose tokens may still be live / 公钥集",
    description: `A new key is published here IDENTITY_KEY_ACTIVATION_DELAY_MS before it signs. Cacheable for ${JWKS_MAX_AGE_SECONDS} s.`,
  })
  async jwks(@Res({ passthrough: true }) res: HeaderSink) {
    // Short: a cache in front of identity must not hide a pre-published key for long (README, Tokens).
    const cache = `public, max-age=${JWKS_MAX_AGE_SECONDS}`;
    if (res.setHeader) res.setHeader('Cache-Control', cache);
    else res.header?.('Cache-Control', cache);
    return { keys: await this.keys.publishedKeys() };
  }

  @Post('auth/keys/rotate')
  @Roles('system-admin')
  @HttpCode(200)
  @ApiTags('keys 密钥')
  @ApiOperation({
    summary: 'Rotate the signing key now: the new key is published at once and signs after IDENTITY_KEY_ACTIVATION_DELAY_MS / 立即轮换签名密钥',
    description:
      'The answer says when the new key starts signing (`activatesAt`). A rotation while a new key is still waiting answers that key (`rotated: false`). `immediate: true` (a compromised key) signs with the new key at once: services that fetched the JWKS less than their JWKS_COOLDOWN_MS ago refuse the new tokens until it passes. The previous key stays published until its tokens expired.',
  })
  @ApiResponse({ status: 200, type: RotationAnswerDto, description: 'Rotated, or a rotation already waiting / 已轮换' })
  @ApiResponse({ status: 400, type: ErrorBodyDto, description: 'Invalid body / 输入校验失败' })
  async rotate(@Body() dto: RotateKeysDto): Promise<RotationAnswerDto> {
    const outcome = await this.keys.rotateIfDue({ force: true, immediate: dto.immediate === true });
    const keys = (await this.keys.publishedKeys()).map((k) => (k as { kid?: string }).kid ?? '');
    return { kid: outcome.kid, activatesAt: outcome.activatesAt.toISOString(), rotated: outcome.rotated, immediate: outcome.immediate, keys };
  }
}
