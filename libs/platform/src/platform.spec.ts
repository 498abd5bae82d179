import { Body, Controller, Get, INestApplication, Logger, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { Roles } from '@houqin/auth';
import { ConcurrencyError, DomainError, DomainErrorKind } from '@houqin/event-sourcing';
import { configureApp } from './configure-app';
import { createHttpApp } from './http-adapter';
import { ZhLabel } from './zh-label';

class ItemDto {
  @ApiProperty() @ZhLabel('物品名称') @IsString() @IsNotEmpty() name: string;
  @ApiProperty() @ZhLabel('数量') @IsInt() @Min(1) @Max(99) quantity: number;
}

class CreateWorkOrderDto {
  @ApiProperty({ maxLength: 10 }) @ZhLabel('标题') @IsNotEmpty() @MaxLength(10) title: string;
  @ApiProperty({ enum: ['low', 'high'] }) @ZhLabel('优先级') @IsIn(['low', 'high']) priority: string;
  @ApiPropertyOptional() @IsOptional() @IsString() note?: string;
  @ApiPropertyOptional({ type: [ItemDto] }) @ZhLabel('物品') @IsOptional() @ValidateNested({ each: true }) @Type(() => ItemDto) items?: ItemDto[];
}

@Controller('work-orders')
class WorkOrderController {
  @Post()
  create(@Body() dto: CreateWorkOrderDto) {
    return { title: dto.title, isDto: dto instanceof CreateWorkOrderDto };
  }

  @Get('domain/:kind')
  domain(@Param('kind') kind: DomainErrorKind) {
    throw new DomainError('work-order-closed', 'Work order is closed', '工单已关闭', kind);
  }

  @Get('concurrency')
  concurrency() {
    throw new ConcurrencyError('work-order-1', '3', 4);
  }

  @Get('missing')
  missing() {
    throw new NotFoundException('Work order 7 not found');
  }

  @Roles('auditor')
  @Get('secured')
  secured() {
    return { ok: true };
  }

  @Get('crash')
  crash() {
    throw new Error('connection to postgres://admin:hunter2@db failed');
  }
}

describe('configureApp', () => {
  let app: INestApplication;
  const loggedErrors: string[] = [];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [WorkOrderController] }).compile();
    app = configureApp(await createHttpApp(moduleRef, { logger: false }), { title: 'Test service', description: '测试' });
    await app.init();
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void loggedErrors.push(String(message)));
  });

  afterAll(() => app.close());

  const post = (body: object | string) =>
    request(app.getHttpServer())
      .post('/work-orders')
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  it('accepts a valid body and transforms it into the DTO', async () => {
    await post({ title: '漏水', priority: 'low', items: [{ name: '水管', quantity: 2 }] }).expect(201, { title: '漏水', isDto: true });
  });

  it('answers 400 with en + zh messages per field and constraint', async () => {
    const response = await post({ title: '教学楼三层走廊漏水严重', priority: 'urgent' }).expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      messageZh: '输入校验失败',
      errors: [
        { field: 'title', constraint: 'maxLength', message: expect.stringContaining('title'), messageZh: '标题长度不能超过10个字符' },
        { field: 'priority', constraint: 'isIn', message: expect.stringContaining('priority'), messageZh: '优先级必须是以下值之一：low、high' },
      ],
    });
  });

  it('reports missing fields and nested array fields by path', async () => {
    const response = await post({ items: [{ name: '水管', quantity: 2 }, { name: '', quantity: 100 }] }).expect(400);
    const zhOf = (field: string) => response.body.errors.filter((e: { field: string }) => e.field === field).map((e: { messageZh: string }) => e.messageZh);
    expect(zhOf('title')).toEqual(['标题长度不能超过10个字符', '标题不能为空']);
    expect(zhOf('items.1.name')).toEqual(['物品名称不能为空']);
    expect(zhOf('items.1.quantity')).toEqual(['数量不能大于99']);
    expect(response.body.errors.find((e: { field: string }) => e.field === 'items.1.quantity').message).toBe(
      'items.1.quantity must not be greater than 99',
    );
  });

  it('rejects unknown fields', async () => {
    const response = await post({ title: '漏水', priority: 'low', schoolId: 'S002' }).expect(400);
    expect(response.body.errors).toEqual([
      { field: 'schoolId', constraint: 'whitelistValidation', message: 'property schoolId should not exist', messageZh: '不允许的字段 schoolId' },
    ]);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await post('{"title": ').expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Request body is not valid JSON',
      messageZh: '请求体不是合法的 JSON',
      errors: [{ field: 'body', constraint: 'isJson', message: 'Request body is not valid JSON', messageZh: '请求体不是合法的 JSON' }],
    });
  });

  it('answers an oversized body with 413', async () => {
    const response = await post({ title: 'x'.repeat(200_000), priority: 'low' }).expect(413);
    expect(response.body.messageZh).toContain('请求体过大');
  });

  it.each([
    ['invalid', 422],
    ['conflict', 409],
    ['not-found', 404],
    ['forbidden', 403],
  ])('maps a %s DomainError to %i with both messages and its code', async (kind, status) => {
    const response = await request(app.getHttpServer()).get(`/work-orders/domain/${kind}`).expect(status);
    expect(response.body).toMatchObject({ statusCode: status, message: 'Work order is closed', messageZh: '工单已关闭', code: 'work-order-closed' });
  });

  it('maps ConcurrencyError to 409', async () => {
    const response = await request(app.getHttpServer()).get('/work-orders/concurrency').expect(409);
    expect(response.body).toMatchObject({ code: 'concurrency-conflict', messageZh: '数据已被他人修改，请刷新后重试' });
  });

  it('fills in a Chinese message for plain Nest exceptions and unknown routes', async () => {
    const response = await request(app.getHttpServer()).get('/work-orders/missing').expect(404);
    expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Work order 7 not found', messageZh: '资源不存在' });
    await request(app.getHttpServer()).get('/nowhere').expect(404);
  });

  it('answers an unexpected error with a generic 500, logging but never echoing it', async () => {
    const response = await request(app.getHttpServer()).get('/work-orders/crash?idCard=110101199003077777').expect(500);
    expect(response.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
      messageZh: '服务器内部错误，请稍后再试',
    });
    expect(JSON.stringify(response.body)).not.toContain('hunter2');
    expect(loggedErrors.some((line) => line.includes('GET /work-orders/crash') && line.includes('hunter2'))).toBe(true);
    expect(loggedErrors.some((line) => line.includes('110101199003077777'))).toBe(false);
  });

  it('keeps a sane correlation id and makes one otherwise', async () => {
    const kept = await request(app.getHttpServer()).get('/work-orders/missing').set('X-Correlation-Id', 'abc-123');
    expect(kept.headers['x-correlation-id']).toBe('abc-123');
    const replaced = await request(app.getHttpServer()).get('/work-orders/missing').set('X-Correlation-Id', 'a b\tc');
    expect(replaced.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the Swagger document with the DTO schema and bearer auth', async () => {
    const { body } = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(body.info).toMatchObject({ title: 'Test service', description: expect.stringContaining('测试') });
    expect(body.components.schemas.CreateWorkOrderDto.properties).toHaveProperty('title');
    expect(body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(body.paths['/work-orders/secured'].get.security).toEqual([{ bearer: [] }]);
    await request(app.getHttpServer()).get('/docs').expect(200);
  });
});
