import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { Principal } from './principal';
import { AuthenticatedRequest } from './request';
import { Role } from './roles';
import { BEARER_AUTH } from './swagger';

export const IS_PUBLIC_KEY = 'houqin:auth:public';
export const ROLES_KEY = 'houqin:auth:roles';
export const ALLOW_PASSWORD_CHANGE_TOKEN_KEY = 'houqin:auth:allow-password-change-token';

/** No token needed (health checks, ...). On a class it opens every route of the controller. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Roles allowed on a route (method) or on every route of a controller (class);
 * a method's @Roles replaces the class's. Also marks the route as bearer-secured in Swagger.
 * A route with neither @Public nor @Roles is refused to everyone (403).
 */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth(BEARER_AUTH));

/**
 * Lets a token issued for a forced password change (claim `pwd_change`) through, on a route (method) or every
 * route of a controller (class). Only identity's change-password route (and what it needs, e.g. logout)
 * should carry it; everywhere else such a token gets 403 `password-change-required`. Roles still apply.
 */
export const AllowPasswordChangeToken = () => SetMetadata(ALLOW_PASSWORD_CHANGE_TOKEN_KEY, true);

/** The authenticated caller; undefined only on @Public routes. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
