import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { AccountPost } from '@houqin/contracts';
import { Principal } from './principal';
import { AuthenticatedRequest } from './request';
import { Role } from './roles';
import { BEARER_AUTH } from './swagger';

export const IS_PUBLIC_KEY = 'houqin:auth:public';
export const ROLES_KEY = 'houqin:auth:roles';
export const POSTS_KEY = 'houqin:auth:posts';
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
 * 岗位 a route (method) or every route of a controller (class) needs, on top of its @Roles: a school-admin always
 * passes; a school-staff member must hold one of the posts (token claim `posts`); anyone else gets 403
 * `post-required` (需要宿舍管理员岗位). A method's @Posts replaces the class's; `@Posts()` with none lifts it.
 *   @Post(':id/assignments') @CommandRoute({ roles: ['school-staff', 'school-admin'], ... }) @Posts('dormitory-manager')
 */
export const Posts = (...posts: AccountPost[]) => SetMetadata(POSTS_KEY, posts);

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
