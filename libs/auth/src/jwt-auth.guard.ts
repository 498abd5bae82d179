import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccountPost } from '@houqin/contracts';
import { AuthConfig, DEV_JWT_SECRET } from './config';
import { ALLOW_PASSWORD_CHANGE_TOKEN_KEY, IS_PUBLIC_KEY, POSTS_KEY, ROLES_KEY } from './decorators';
import { InvalidTokenError } from './errors';
import { forbidden, unauthorized } from './http-errors';
import { TokenVerifier } from './jwt';
import { holdsPost, POST_REQUIRED, postRequiredMessages } from './posts';
import { Principal } from './principal';
import { AuthenticatedRequest } from './request';
import { Role } from './roles';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

/** The `code` of the 403 a token issued for a forced password change gets everywhere but the routes that allow it. */
export const PASSWORD_CHANGE_REQUIRED = 'password-change-required';

/** Express's response says `setHeader`, Fastify's reply `header`. */
interface ResponseWithHeaders {
  setHeader?(name: string, value: string): void;
  header?(name: string, value: string): void;
}

/**
 * Global guard, secure by default:
 *   @Public()          -> no token needed
 *   @Roles(...roles)   -> valid bearer token (401 otherwise) with one of the roles (403 otherwise)
 *   neither            -> 403 for everyone, so a forgotten decorator never opens a route
 *   @Posts(...posts)   -> besides the role, a school-staff caller must hold one of the posts (school-admin always
 *                         passes; anyone else fails): 403 `post-required` otherwise
 * A token issued for a forced password change (claim `pwd_change`) gets 403 `password-change-required`
 * except on routes marked @AllowPasswordChangeToken() (identity's change-password route).
 * Only HTTP is guarded: Kafka/RPC handlers receive internal messages, not user requests.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly logger = new Logger(JwtAuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request, http.getResponse<ResponseWithHeaders>());
    request.principal = principal;

    if (principal.passwordChangeRequired && !this.reflector.getAllAndOverride<boolean>(ALLOW_PASSWORD_CHANGE_TOKEN_KEY, targets)) {
      throw forbidden('Change your password before doing anything else', '请先修改密码后再进行其他操作', PASSWORD_CHANGE_REQUIRED);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles?.length) {
      this.logger.warn(`${context.getClass().name}.${context.getHandler().name} has neither @Public nor @Roles; denied`);
      throw forbidden('Access denied: this route allows no role', '无权访问：该接口未开放给任何角色');
    }
    if (!roles.includes(principal.role)) {
      throw forbidden(`Role ${principal.role} may not perform this action`, '您的角色无权执行此操作');
    }
    const posts = this.reflector.getAllAndOverride<AccountPost[] | undefined>(POSTS_KEY, targets) ?? [];
    if (!holdsPost(principal, posts)) {
      const { message, messageZh } = postRequiredMessages(posts);
      throw forbidden(message, messageZh, POST_REQUIRED);
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest, response: ResponseWithHeaders): Promise<Principal> {
    const token = bearerTokenOf(request);
    if (!token) {
      setHeader(response, 'WWW-Authenticate', 'Bearer');
      throw unauthorized('Authentication required: send Authorization: Bearer <token>', '未登录，请先登录');
    }
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      this.logger.debug(`Token refused (${error.reason})`);
      setHeader(response, 'WWW-Authenticate', 'Bearer error="invalid_token"');
      throw error.reason === 'expired'
        ? unauthorized('Token expired; sign in again', '登录已过期，请重新登录')
        : unauthorized('Invalid token', '登录凭证无效，请重新登录');
    }
  }
}

function setHeader(response: ResponseWithHeaders, name: string, value: string): void {
  if (typeof response.setHeader === 'function') response.setHeader(name, value);
  else response.header?.(name, value);
}

function bearerTokenOf(request: AuthenticatedRequest): string | undefined {
  const header = request.headers['authorization'];
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** Provides the verifier of the app's AuthConfig (its key set cached for the app's lifetime), and says what it accepts. */
export const tokenVerifierProvider = {
  provide: TokenVerifier,
  useFactory: (config: AuthConfig) => {
    const sources = [
      ...(config.jwks ? [`RS256 with a kid from ${config.jwks.url} (issuer ${config.jwks.issuer})`] : []),
      ...(config.algorithms.includes('HS256') ? [`HS256${config.secret === DEV_JWT_SECRET ? ' with the published DEVELOPMENT secret' : ''} (issuer ${config.issuer})`] : []),
      ...(config.publicKey ? [`RS256 with JWT_PUBLIC_KEY (issuer ${config.issuer})`] : []),
    ];
    new Logger('Auth').log(`Accepting tokens: ${sources.join('; ')}`);
    return new TokenVerifier(config);
  },
  inject: [AUTH_CONFIG],
};
