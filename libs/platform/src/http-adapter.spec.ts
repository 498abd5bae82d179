import { connect } from 'node:net';
import { Body, Controller, Get, INestApplication, Post, Res } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import request from 'supertest';
import { configureApp } from './configure-app';
import { createHttpApp, httpAdapterName } from './http-adapter';
import { UuidParam } from './uuid-param';
import { ZhLabel } from './zh-label';

class NoteDto {
  @ApiProperty() @ZhLabel('内容') @IsString() text: string;
}

@Controller('notes')
class NotesController {
  @Post()
  create(@Body() dto: NoteDto) {
    return { text: dto.text };
  }

  // The way the work-order controller sets its ETag: an Express-style `setHeader` on the passthrough response.
  @Get(':id')
  get(@UuidParam('id') id: string, @Res({ passthrough: true }) res: { setHeader(name: string, value: string): unknown }) {
    res.setHeader('ETag', '"3"');
    return { id };
  }
}

const ID = '5b0c8a44-53a5-4f4c-9d3c-6f0b8b7c2a10';

describe('HTTP_ADAPTER', () => {
  it('is fastify by default, express on request, and refuses anything else', () => {
    expect(httpAdapterName('')).toBe('fastify'); // unset or empty
    expect(httpAdapterName('express')).toBe('express');
    expect(() => httpAdapterName('koa')).toThrow(/HTTP_ADAPTER/);
  });
});

describe.each(['express', 'fastify'])('an app on %s answers as on the other adapter', (adapter) => {
  let app: INestApplication;
  const before = process.env['HTTP_ADAPTER'];

  beforeAll(async () => {
    process.env['HTTP_ADAPTER'] = adapter;
    const moduleRef = await Test.createTestingModule({ controllers: [NotesController] }).compile();
    app = configureApp(await createHttpApp(moduleRef, { logger: false }), { title: 'notes', bodyLimit: '1kb' });
    await app.init();
    process.env['HTTP_ADAPTER'] = before;
  });
  afterAll(() => app.close());

  const server = () => app.getHttpServer();

  it('runs on the adapter asked for', () => {
    expect(app.getHttpAdapter().getType()).toBe(adapter);
  });

  it('parses JSON and echoes the correlation id', async () => {
    const response = await request(server()).post('/notes').set('X-Correlation-Id', 'abc-123').send({ text: '漏水' }).expect(201);
    expect(response.body).toEqual({ text: '漏水' });
    expect(response.headers['x-correlation-id']).toBe('abc-123');
  });

  it('refuses malformed and non-object JSON with the bilingual 400 naming the body', async () => {
    for (const text of ['{"text": ', '"x"', '42']) {
      const { body } = await request(server()).post('/notes').set('Content-Type', 'application/json').send(text).expect(400);
      expect(body).toMatchObject({ messageZh: '请求体不是合法的 JSON', errors: [{ field: 'body', constraint: 'isJson' }] });
    }
  });

  it('refuses a body over the limit with the bilingual 413 naming the limit', async () => {
    const { body } = await request(server()).post('/notes').send({ text: 'x'.repeat(2000) }).expect(413);
    expect(body).toMatchObject({ statusCode: 413, message: 'Request body is too large (limit 1024 bytes)', messageZh: '请求体过大（上限 1024 字节）' });
  });

  it('refuses an unsupported charset with the bilingual 415', async () => {
    const { body } = await request(server()).post('/notes').set('Content-Type', 'application/json; charset=x-fuzz').send('{"text":"a"}').expect(415);
    expect(body).toMatchObject({ statusCode: 415, messageZh: '不支持的请求体编码' });
  });

  it('ignores a body of another type, so validation names the missing field', async () => {
    const { body } = await request(server()).post('/notes').set('Content-Type', 'text/plain').send('{"text":"a"}').expect(400);
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'text' })]));
  });

  it('keeps a header a controller sets Express-style (the ETag)', async () => {
    const response = await request(server()).get(`/notes/${ID}`).expect(200);
    expect(response.headers['etag']).toBe('"3"');
  });

  it('answers a path whose percent-encoding is not UTF-8 with the bilingual 400 naming the path', async () => {
    const { body } = await request(server()).get('/notes/%FF').expect(400);
    expect(body).toMatchObject({ messageZh: '路径中的百分号编码不是合法的 UTF-8', errors: [{ field: 'path', constraint: 'urlEncoding' }] });
  });

  it('answers a header Node refuses (a control character) with a bare 400, as Node does', async () => {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /notes HTTP/1.1\r\nHost: x\r\nX-Correlation-Id: a\x01b\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer.split('\r\n\r\n')[1]).toBe('');
  });

  it('serves the OpenAPI document and the Swagger UI', async () => {
    const { body } = await request(server()).get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/notes', '/notes/{id}']));
    await request(server()).get('/docs').expect(200);
  });
});
