import { Controller, Get, INestApplication, Post } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { AuthModule } from './auth.module';
import { AuthConfig, DEV_JWT_SECRET } from './config';
import { AllowPasswordChangeToken, CurrentPrincipal, Posts, Public, Roles } from './decorators';
import { InvalidTokenError } from './errors';
import { AUTH_CONFIG } from './jwt-auth.guard';
import { signToken, TokenVerifier } from './jwt';
import { Principal } from './principal';

const config: AuthConfig = { algorithms: ['HS256'], secret: DEV_JWT_SECRET, audience: 'houqin', issuer: 'houqin-dev' };
const staff: Principal = { sub: 'li.lei', role: 'school-staff', schoolId: 'S001' };
const auditor: Principal = { sub: 'han.meimei', role: 'auditor' };
const bearer = (principal: Principal) => `Bearer ${signToken(principal, config)}`;

@Controller()
class OpenController {
  @Public()
  @Get('public')
  open() {
    return { ok: true };
  }

  @Roles('school-staff')
  @Get('staff')
  staffOnly(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Get('undecorated')
  forgotten() {
    return { ok: true };
  }
}

@Roles('school-staff', 'auditor')
@Controller('account')
class AccountController {
  @AllowPasswordChangeToken()
  @Post('password')
  changePassword(@CurrentPrincipal() principal: Principal) {
    return { changed: principal.sub };
  }

  @Get()
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }
}

@Roles('auditor')
@Controller('audit')
class AuditController {
  @Get()
  list() {
    return { ok: true };
  }

  @Roles('school-staff')
  @Get('override')
  overridden() {
    return { ok: true };
  }
}

@Roles('school-staff', 'school-admin', 'bureau-official')
@Posts('dormitory-manager')
@Controller('beds')
class BedsController {
  @Post()
  assign() {
    return { ok: true };
  }

  @Posts('dormitory-manager', 'logistics-director')
  @Post('moves')
  move() {
    return { ok: true };
  }

  @Posts()
  @Get()
  list() {
    return { ok: true };
  }
}

describe('JwtAuthGuard', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(config)],
      controllers: [OpenController, AuditController, AccountController, BedsController],
    }).compile();
    // The services' adapter (libs/platform's createHttpApp uses Fastify; libs/auth cannot import it: platform imports auth).
    const adapter = new FastifyAdapter();
    app = moduleRef.createNestApplication(adapter, { logger: false });
    await app.init();
    await adapter.getInstance().ready();
  });

  afterAll(() => app.close());

  const get = (path: string, authorization?: string) => {
    const call = request(app.getHttpServer()).get(path);
    return authorization ? call.set('Authorization', authorization) : call;
  };

  it('lets anyone reach a @Public route', async () => {
    await get('/public').expect(200, { ok: true });
  });

  it('answers 401 with a bilingual body without a token', async () => {
    const response = await get('/staff').expect(401);
    expect(response.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringContaining('Authentication required'),
      messageZh: '未登录，请先登录',
    });
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers 401 to an expired token', async () => {
    const expired = jwt.sign({ role: 'school-staff', schoolId: 'S001' }, DEV_JWT_SECRET, {
      subject: 'li.lei',
      audience: 'houqin',
      issuer: 'houqin-dev',
      expiresIn: -10,
    });
    const response = await get('/staff', `Bearer ${expired}`).expect(401);
    expect(response.body.messageZh).toBe('登录已过期，请重新登录');
  });

  it('answers 401 to a malformed header', async () => {
    await get('/staff', 'Basic abc').expect(401);
    await get('/staff', 'Bearer not-a-jwt').expect(401);
  });

  it('answers 403 to the wrong role', async () => {
    const response = await get('/staff', bearer(auditor)).expect(403);
    expect(response.body).toMatchObject({ statusCode: 403, messageZh: '您的角色无权执行此操作' });
  });

  it('answers 200 to the right role and exposes the principal', async () => {
    await get('/staff', bearer(staff)).expect(200, staff);
  });

  it('denies a route with neither @Public nor @Roles, even to a valid token', async () => {
    await get('/undecorated', bearer(staff)).expect(403);
    await get('/undecorated', bearer({ sub: 'root', role: 'system-admin' })).expect(403);
  });

  it('applies class-level roles, which a method-level @Roles replaces', async () => {
    await get('/audit', bearer(auditor)).expect(200);
    await get('/audit', bearer(staff)).expect(403);
    await get('/audit/override', bearer(staff)).expect(200);
    await get('/audit/override', bearer(auditor)).expect(403);
  });

  describe('a route that needs a post (@Posts)', () => {
    const post = (path: string, principal: Principal) => request(app.getHttpServer()).post(path).set('Authorization', bearer(principal));
    const manager: Principal = { ...staff, posts: ['dormitory-manager'] };

    it('answers 403 post-required, in Chinese and English, to school-staff without the post', async () => {
      for (const principal of [staff, { ...staff, posts: ['teacher', 'guard'] } satisfies Principal]) {
        const response = await post('/beds', principal).expect(403);
        expect(response.body).toEqual({
          statusCode: 403,
          error: 'Forbidden',
          code: 'post-required',
          message: 'This action requires the dormitory manager post',
          messageZh: '需要宿舍管理员岗位',
        });
      }
    });

    it('lets school-staff with the post through, and every school-admin', async () => {
      await post('/beds', manager).expect(201);
      await post('/beds', { ...staff, posts: ['teacher', 'dormitory-manager'] }).expect(201);
      await post('/beds', { sub: 'wang', role: 'school-admin', schoolId: 'S001' }).expect(201);
    });

    it('refuses other roles even when the route allows their role (posts are school posts)', async () => {
      await post('/beds', { sub: 'chen', role: 'bureau-official' }).expect(403);
    });

    it('takes one of several posts, names them all, and lets a method override (or lift) the class', async () => {
      await post('/beds/moves', { ...staff, posts: ['logistics-director'] }).expect(201);
      const refused = await post('/beds/moves', staff).expect(403);
      expect(refused.body).toMatchObject({ messageZh: '需要宿舍管理员或后勤主任岗位', message: expect.stringContaining('dormitory manager, logistics director') });
      await get('/beds', bearer(staff)).expect(200);
    });

    it('checks the role first', async () => {
      const response = await post('/beds', auditor).expect(403);
      expect(response.body.messageZh).toBe('您的角色无权执行此操作');
    });
  });

  describe('a token issued for a forced password change', () => {
    const mustChange: Principal = { ...staff, passwordChangeRequired: true };

    it('is refused with 403 password-change-required on every route that does not allow it', async () => {
      for (const path of ['/staff', '/account', '/undecorated']) {
        const response = await get(path, bearer(mustChange)).expect(403);
        expect(response.body).toEqual({
          statusCode: 403,
          error: 'Forbidden',
          code: 'password-change-required',
          message: 'Change your password before doing anything else',
          messageZh: '请先修改密码后再进行其他操作',
        });
      }
    });

    it('reaches a route marked @AllowPasswordChangeToken(), whose roles still apply', async () => {
      await request(app.getHttpServer()).post('/account/password').set('Authorization', bearer(mustChange)).expect(201, { changed: 'li.lei' });
      const official: Principal = { sub: 'chen', role: 'bureau-official', passwordChangeRequired: true };
      await request(app.getHttpServer()).post('/account/password').set('Authorization', bearer(official)).expect(403);
    });

    it('does not concern public routes, nor tokens without the claim', async () => {
      await get('/public', bearer(mustChange)).expect(200);
      await get('/account', bearer(staff)).expect(200, staff);
    });
  });

  it('takes another verifier from AuthModule.forRoot options', async () => {
    class OnlyLiLei extends TokenVerifier {
      override async verify(token: string): Promise<Principal> {
        if (token !== 'li-lei') throw new InvalidTokenError('malformed');
        return staff;
      }
    }
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(config, { verifier: { useFactory: (c: AuthConfig) => new OnlyLiLei(c), inject: [AUTH_CONFIG] } })],
      controllers: [OpenController],
    }).compile();
    const adapter = new FastifyAdapter();
    const other = moduleRef.createNestApplication(adapter, { logger: false });
    await other.init();
    await adapter.getInstance().ready();
    try {
      await request(other.getHttpServer()).get('/staff').set('Authorization', 'Bearer li-lei').expect(200, staff);
      await request(other.getHttpServer()).get('/staff').set('Authorization', bearer(staff)).expect(401);
    } finally {
      await other.close();
    }
  });
});
