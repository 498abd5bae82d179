import { Body, Controller, Get, Headers, INestApplication, Param, Post, Query } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { IsInt, IsString, Max, Min } from 'class-validator';
import request from 'supertest';
import { configureApp } from './configure-app';
import { createHttpApp } from './http-adapter';
import { MaxTextLength, OptionalField } from './dto-rules';
import { isStorableText } from '@houqin/contracts';
import { inputProblemsOf, MAX_INPUT_DEPTH } from './storable-input';
import { UuidParam } from './uuid-param';
import { ZhLabel } from './zh-label';

class NoteDto {
  @ApiPropertyOptional() @ZhLabel('说明') @OptionalField() @IsString() @MaxTextLength(4) note?: string;
  @ApiPropertyOptional() @ZhLabel('评分') @OptionalField() @IsInt() @Min(1) @Max(5) rating?: number;
}

class FilterQuery {
  @ApiPropertyOptional() @OptionalField() @IsString() schoolId?: string;
}

@Controller('notes')
class NotesController {
  @Post()
  create(@Body() dto: NoteDto) {
    return { stored: dto };
  }

  @Get('by-school/:schoolId')
  bySchool(@Param('schoolId') schoolId: string, @Query() query: FilterQuery, @Headers('idempotency-key') key?: string) {
    return { schoolId, query, key };
  }

  @Get(':id')
  one(@UuidParam('id') id: string) {
    return { id };
  }
}

describe('storable text', () => {
  it.each([
    ['plain', 'abc', true],
    ['CJK and a surrogate pair', '修𠮷😀', true],
    ['zero-width and RTL marks', 'a\u200B\u202Eb', true],
    ['NUL', 'a\u0000b', false],
    ['unpaired high surrogate', 'a\ud800b', false],
    ['unpaired low surrogate at the start', '\udc00a', false],
    ['high surrogate at the end', 'a\ud83d', false],
    ['surrogates in the wrong order', '\ude00\ud83d', false],
  ])('%s: storable = %s', (_label, text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });

  it('names every field of a parsed input that cannot be stored, keys included, by path', () => {
    const problems = inputProblemsOf({ title: 'a\u0000', items: [{ name: 'ok' }, { name: '\ud800' }], ['k\u0000']: 1 });
    expect(problems.map((p) => [p.field, p.constraint])).toEqual([
      ['title', 'storableText'],
      ['items.1.name', 'storableText'],
      ['k\u0000', 'storableText'],
    ]);
    expect(problems[0].messageZh).toMatch(/无法保存/);
  });

  it('refuses nesting deeper than the limit without recursing (no stack overflow)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [problem] = inputProblemsOf({ a: deep });
    expect(problem).toMatchObject({ constraint: 'maxDepth' });
    expect(problem.field.split('.')).toHaveLength(MAX_INPUT_DEPTH);
  });
});

describe('configureApp: input that no DTO can accept', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [NotesController] }).compile();
    app = configureApp(await createHttpApp(moduleRef, { logger: false }), { title: 'Test' });
    await app.init();
  });
  afterAll(() => app.close());

  const post = (body: string) => request(app.getHttpServer()).post('/notes').set('Content-Type', 'application/json').send(body);
  const fieldsOf = (body: { errors: { field: string; constraint: string }[] }) => body.errors.map((e) => `${e.field}:${e.constraint}`);

  it.each([
    ['a NUL', '{"note":"a\\u0000b"}'],
    ['an unpaired surrogate', '{"note":"a\\ud800b"}'],
  ])('answers text with %s in the body 400 naming the field (was a 500 from PostgreSQL)', async (_label, body) => {
    const response = await post(body).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, message: 'Validation failed', messageZh: '输入校验失败' });
    expect(fieldsOf(response.body)).toEqual(['note:storableText']);
  });

  it('does the same for the query, the path and the headers', async () => {
    const query = await request(app.getHttpServer()).get('/notes/by-school/S1?schoolId=%00').expect(400);
    expect(fieldsOf(query.body)).toEqual(['schoolId:storableText']);
    const path = await request(app.getHttpServer()).get('/notes/by-school/S%001').expect(400);
    expect(fieldsOf(path.body)).toEqual(['schoolId:storableText']);
    // Node refuses a NUL in a header itself; latin1 text passes and is accepted.
    await request(app.getHttpServer()).get('/notes/by-school/S1').set('Idempotency-Key', 'clé-12345').expect(200);
  });

  it('names an undecodable path (%FF, a surrogate as UTF-8) as the field `path`', async () => {
    const response = await request(app.getHttpServer()).get('/notes/by-school/%ED%A0%80').expect(400);
    expect(fieldsOf(response.body)).toEqual(['path:urlEncoding']);
    expect(response.body.messageZh).toMatch(/UTF-8/);
  });

  it('refuses deep nesting and prototype keys, which the validation pipe crashed on or dropped', async () => {
    const deep = await post(`{"note":${'['.repeat(10_000)}1${']'.repeat(10_000)}}`).expect(400);
    expect(fieldsOf(deep.body)[0]).toMatch(/^note(\.0)+:maxDepth$/);
    const proto = await post('{"__proto__":{"isAdmin":true},"note":"ok"}').expect(400);
    expect(fieldsOf(proto.body)).toEqual(['__proto__:whitelistValidation']);
    const ctor = await post('{"constructor":{"prototype":{}},"note":"ok"}').expect(400);
    expect(fieldsOf(ctor.body)).toEqual(['constructor:whitelistValidation']);
  });

  it('names malformed JSON as the field `body`', async () => {
    const response = await post('"just a string"').expect(400);
    expect(fieldsOf(response.body)).toEqual(['body:isJson']);
  });

  it('refuses an optional field sent as null, bilingually, and accepts it left out', async () => {
    const response = await post('{"note":null}').expect(400);
    expect(response.body.errors).toContainEqual({
      field: 'note',
      constraint: 'isNotNull',
      message: 'note must not be null; leave the field out instead',
      messageZh: '说明不能为 null；不填写时请省略该字段',
    });
    await post('{}').expect(201, { stored: {} });
  });

  it('counts lengths in UTF-16 code units, as the event contracts do', async () => {
    await post('{"note":"修修修修"}').expect(201);
    // Two emoji are 2 characters for class-validator's @MaxLength but 4 code units for zod.
    await post(JSON.stringify({ note: '😀😀' })).expect(201);
    const over = await post(JSON.stringify({ note: '😀😀😀' })).expect(400);
    expect(over.body.errors).toEqual([expect.objectContaining({ field: 'note', constraint: 'maxLength', messageZh: '说明长度不能超过4个字符' })]);
    await post(JSON.stringify({ note: 'a\uFE0Fb\uFE0F' })).expect(201);
    await post(JSON.stringify({ note: 'a\uFE0Fb\uFE0Fc' })).expect(400);
  });

  it('answers a path parameter that is not a UUID 400 naming it, and documents the format', async () => {
    await request(app.getHttpServer()).get('/notes/5f0c6e1e-6f0b-4c4e-9d2a-2b7b8f7c1a11').expect(200);
    const response = await request(app.getHttpServer()).get('/notes/not-a-uuid').expect(400);
    expect(response.body.errors).toEqual([{ field: 'id', constraint: 'isUuid', message: 'id must be a UUID (v4)', messageZh: 'id 必须是合法的 UUID（v4）' }]);
    const { body } = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(body.paths['/notes/{id}'].get.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', schema: { type: 'string', format: 'uuid' } })]);
  });
});
