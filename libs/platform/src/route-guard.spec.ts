import { Controller, Get, Module } from '@nestjs/common';
import { createHttpApp } from './http-adapter';
import { AuthModule, DEV_JWT_SECRET, Public } from '@houqin/auth';
import { bootstrapService } from './bootstrap';
import { assertRoutesGuarded } from './route-guard';

@Controller('open')
class OpenController {
  @Get()
  @Public()
  hello() {
    return 'hello';
  }
}

/** A service module that forgot AuthModule.forRoot(). */
@Module({ controllers: [OpenController] })
class UnguardedModule {}

@Module({
  imports: [AuthModule.forRoot({ algorithms: ['HS256'], secret: DEV_JWT_SECRET, audience: 'houqin', issuer: 'houqin-dev' })],
  controllers: [OpenController],
})
class GuardedModule {}

const create = (module: unknown) => createHttpApp(module as typeof GuardedModule, { logger: false });

describe('fail closed: routes behind the guard', () => {
  it('finds the guard that AuthModule installs', async () => {
    const app = await create(GuardedModule);
    expect(() => assertRoutesGuarded(app)).not.toThrow();
    await app.close();
  });

  it('refuses an application whose module forgot the auth module', async () => {
    const app = await create(UnguardedModule);
    expect(() => assertRoutesGuarded(app)).toThrow(/not behind the authentication guard.*AuthModule\.forRoot/);
    await app.close();
  });

  it('makes the shared bootstrap refuse to start such a service, before it listens', async () => {
    const port = process.env.PORT;
    process.env.PORT = '0';
    try {
      await expect(bootstrapService({ module: UnguardedModule, name: 'unguarded', title: 'unguarded', defaultPort: 0 })).rejects.toThrow(/refusing to start/);
    } finally {
      if (port === undefined) delete process.env.PORT;
      else process.env.PORT = port;
    }
  });
});
