import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthConfig } from './config';
import { IS_PUBLIC_KEY, ROLES_KEY } from './decorators';
import { InvalidTokenError } from './errors';
import { forbidden, unauthorized } from './http-errors';
import { verifyToken } from './jwt';
import { Principal } from './principal';
import { AuthenticatedRequest } from './request';
import { Role } from './roles';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

interface ResponseWithHeaders {
  setHeader?(name: string, value: string): void;
}

/**
 * Global guard, secure by default:
 *   @Public()          -> no token needed
 *   @Roles(...roles)   -> valid bearer token (401 otherwise) with one of the roles (403 otherwise)
 *   neither            -> 403 for everyone, so a forgotten decorator never opens a route
 * Only HTTP is guarded: Kafka/RPC handlers receive internal messages, not user requests.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly logger = new Logger(JwtAuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const principal = this.authenticate(request, http.getResponse<ResponseWithHeaders>());
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles?.length) {
      this.logger.warn(`${context.getClass().name}.${context.getHandler().name} has neither @Public nor @Roles; denied`);
      throw forbidden('Access denied: this route allows no role', '无权访问：该接口未开放给任何角色');
    }
    if (!roles.includes(principal.role)) {
      throw forbidden(`Role ${principal.role} may not perform this action`, '您的角色无权执行此操作');
    }
    return true;
  }

  private authenticate(request: AuthenticatedRequest, response: ResponseWithHeaders): Principal {
    const token = bearerTokenOf(request);
    if (!token) {
      response.setHeader?.('WWW-Authenticate', 'Bearer');
      throw unauthorized('Authentication required: send Authorization: Bearer <token>', '未登录，请先登录');
    }
    try {
      return verifyToken(token, this.config);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      this.logger.debug(`Token refused (${error.reason})`);
      response.setHeader?.('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw error.reason === 'expired'
        ? unauthorized('Token expired; sign in again', '登录已过期，请重新登录')
        : unauthorized('Invalid token', '登录凭证无效，请重新登录');
    }
  }
}

function bearerTokenOf(request: AuthenticatedRequest): string | undefined {
  const header = request.headers['authorization'];
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
