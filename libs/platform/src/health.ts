import { Controller, Get, Inject, Module, DynamicModule, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '@houqin/auth';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

@ApiTags('health')
@Controller('health')
class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability / 健康检查' })
  async check() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ message: 'Database unreachable', messageZh: '数据库不可用' });
    }
    return { status: 'ok', service: this.service };
  }
}

@Module({})
export class HealthModule {
  static forService(name: string): DynamicModule {
    return { module: HealthModule, controllers: [HealthController], providers: [{ provide: SERVICE_NAME, useValue: name }] };
  }
}
