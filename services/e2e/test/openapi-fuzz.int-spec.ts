import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BadRequestException, Body, Controller, Get, INestApplication, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { AuthModule, BEARER_AUTH, Principal, Public, Roles } from '@houqin/auth';
import { configureApp, createHttpApp, OptionalField } from '@houqin/platform';
import { call, eventually, FuzzReport, fuzzService, fuzzSummary, Platform, rawRequest, ServiceName, sql, token } from '@houqin/testing';

/**
 * Every operation of every service's published OpenAPI document, fuzzed against the real
 * processes: wrong types, missing and unknown fields, boundary and over-long lengths, odd
 * Unicode, numbers out of range, arrays and objects where scalars belong, broken tokens.
 */
const platform = new Platform();
const school = `F${randomUUID().slice(0, 6)}`;

// Broadest role first: an operation is fuzzed as the first that may call it, so input reaches deepest.
const principals: Principal[] = [
  { sub: 'fuzz.admin', role: 'system-admin' },
  { sub: 'fuzz.official', role: 'bureau-official' },
  { sub: 'fuzz.auditor', role: 'auditor' },
  { sub: 'fuzz.school-admin', role: 'school-admin', schoolId: school },
  { sub: 'fuzz.staff', role: 'school-staff', schoolId: school },
];

const count = async (service: ServiceName, tables: string[]) => {
  const counts = await Promise.all(tables.map((t) => sql<{ n: string }>(platform.schema(service), `SELECT count(*) AS n FROM ${t}`)));
  return counts.reduce((sum, [{ n }]) => sum + Number(n), 0);
};

const reports: FuzzReport[] = [];

beforeAll(async () => {
  await platform.start();
  // Some history, so that the audit's queries and the bureau's figures have rows to read.
  const staff = token(principals[4]);
  const body = { title: '灯管不亮', location: '302', category: 'electrical', priority: 'normal' };
  for (let i = 0; i < 3; i++) expect((await call('POST', `${platform.url('facilities')}/work-orders`, { token: staff, body })).status).toBe(201);
  // Projected by the bureau before its rows are counted.
  const official = token(principals[1]);
  await eventually(async () => ((await call('GET', `${platform.url('bureau')}/statistics/work-orders/schools/${school}`, { token: official })).body.reported === 3 ? true : undefined));
}, 120_000);
afterAll(async () => {
  // Straight to stdout: the counts belong in the CI log, which holds console output of passing tests back.
  for (const report of reports) process.stdout.write(`OpenAPI fuzz ${fuzzSummary(report)}\n`);
  await platform.stop();
}, 60_000);

function expectClean(report: FuzzReport): void {
  reports.push(report);
  // FUZZ_REPORT_DIR=/tmp/fuzz: every finding as JSON, one file per service (the assertions print only the first lines).
  const dir = process.env['FUZZ_REPORT_DIR'];
  if (dir) writeFileSync(path.join(dir, `${report.service}.json`), JSON.stringify(report, null, 1));
  expect(report.unreachable).toEqual([]);
  expect(report.serverErrors).toEqual([]);
  expect(report.invalidAccepted).toEqual([]);
  expect(report.badRefusals).toEqual([]);
  expect(report.validRefused).toEqual([]);
  expect(report.authFailures).toEqual([]);
  expect(report.rowsWrittenByInvalid).toBe(0);
}

describe('OpenAPI fuzz', () => {
  // The bureau first: later, the facilities' valid requests reach its tables through Kafka.
  it('bureau', async () => {
    const report = await fuzzService({
      service: 'bureau',
      baseUrl: platform.url('bureau'),
      principals,
      pathValues: { schoolId: school },
      countRows: () => count('bureau', ['work_orders', 'school_figures']),
    });
    expectClean(report);
    expect(report.operations).toBeGreaterThanOrEqual(3);
  });

  it('audit', async () => {
    const report = await fuzzService({
      service: 'audit',
      baseUrl: platform.url('audit'),
      principals,
      pathValues: { source: 'facilities' },
      countRows: () => count('audit', ['audit_runs']),
      // Replays the whole Kafka topic: only a few requests that pass validation.
      heavy: { 'POST /audit/rebuilds/work-order-figures': 2 },
    });
    expectClean(report);
    expect(report.operations).toBeGreaterThanOrEqual(4);
  });

  it('facilities', async () => {
    const report = await fuzzService({
      service: 'facilities',
      baseUrl: platform.url('facilities'),
      principals,
      countRows: () => count('facilities', ['events', 'idempotency_keys']),
    });
    expectClean(report);
    expect(report.operations).toBeGreaterThanOrEqual(7);
    // The boundary values the document allows were accepted and stored.
    expect(report.rowsWrittenByValid).toBeGreaterThan(0);
  });
});

describe('what the fuzz found, one by one over HTTP (each was a 500 or accepted before)', () => {
  const staff = () => token(principals[4]);
  const repair = { title: '灯管不亮', location: '302', category: 'electrical', priority: 'normal' };
  const report = (body: object, headers: Record<string, string> = {}) =>
    call('POST', `${platform.url('facilities')}/work-orders`, { token: staff(), body, headers });
  const fieldsOf = (reply: { body: { errors?: { field: string; constraint: string }[] } }) => reply.body.errors?.map((e) => `${e.field}:${e.constraint}`);
  const eventCount = () => count('facilities', ['events']);

  it('text that PostgreSQL cannot store, in any field, is a 400 naming the field', async () => {
    const before = await eventCount();
    for (const field of ['title', 'location', 'description']) {
      for (const text of ['a\u0000b', 'a\ud800b', '\udc00']) {
        const reply = await report({ ...repair, [field]: text });
        expect({ field, text, status: reply.status, fields: fieldsOf(reply) }).toEqual({ field, text, status: 400, fields: [`${field}:storableText`] });
      }
    }
    const auditor = token(principals[2]);
    for (const query of ['schoolId=%00', 'streamId=WorkOrder-%00']) {
      const reply = await call('GET', `${platform.url('audit')}/audit/facilities/events?${query}`, { token: auditor });
      expect(reply.status).toBe(400);
      expect(fieldsOf(reply)).toEqual([`${query.split('=')[0]}:storableText`]);
    }
    const bureau = await call('GET', `${platform.url('bureau')}/statistics/work-orders/schools/S%001`, { token: token(principals[1]) });
    expect(fieldsOf(bureau)).toEqual(['schoolId:storableText']);
    expect(await eventCount()).toBe(before);
  });

  it('an optional field sent as null is a 400, never stored as null', async () => {
    const before = await eventCount();
    const reply = await report({ ...repair, description: null });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toContainEqual(expect.objectContaining({ field: 'description', constraint: 'isNotNull', messageZh: expect.stringContaining('null') }));
    expect(await eventCount()).toBe(before);
  });

  it('lengths are counted as the contracts count them (UTF-16), so no accepted text is refused downstream', async () => {
    const before = await eventCount();
    expect((await report({ ...repair, title: 'a\uFE0F'.repeat(100) })).status).toBe(400);
    expect((await report({ ...repair, title: '😀'.repeat(51) })).status).toBe(400);
    expect((await report({ ...repair, title: '😀'.repeat(50) })).status).toBe(201);
    expect(await eventCount()).toBe(before + 1);
  });

  it('a body nested 10 000 deep or naming __proto__ is a 400, and a cursor beyond bigint too', async () => {
    const deep = await fetch(`${platform.url('facilities')}/work-orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff()}`, 'content-type': 'application/json', 'idempotency-key': `k-${randomUUID()}` },
      body: `{"title":${'['.repeat(10_000)}1${']'.repeat(10_000)}}`,
    });
    expect(deep.status).toBe(400);
    const proto = await fetch(`${platform.url('facilities')}/work-orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff()}`, 'content-type': 'application/json', 'idempotency-key': `k-${randomUUID()}` },
      body: `{"__proto__":{"isAdmin":true},${JSON.stringify(repair).slice(1)}`,
    });
    expect(proto.status).toBe(400);
    const cursor = await call('GET', `${platform.url('audit')}/audit/facilities/events?after=1:99999999999999999999`, { token: token(principals[2]) });
    expect(fieldsOf(cursor)).toEqual(['after:matches']);
  });

  it('odd headers: a 10 kB idempotency key is named as malformed, a correlation id with control characters is replaced', async () => {
    const long = await call('POST', `${platform.url('facilities')}/work-orders`, { token: staff(), body: repair, idempotencyKey: 'k'.repeat(10_000) });
    expect(fieldsOf(long)).toEqual(['Idempotency-Key:matches']);
    const missing = await call('POST', `${platform.url('facilities')}/work-orders`, { token: staff(), body: repair, idempotencyKey: null });
    expect(fieldsOf(missing)).toEqual(['Idempotency-Key:isDefined']);
    const odd = await call('GET', `${platform.url('facilities')}/work-orders`, { token: staff(), headers: { 'x-correlation-id': `id "x" ${'c'.repeat(200)}` } });
    expect(odd.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    // A control character never reaches the service: Node's parser refuses the request itself.
    const raw = await rawRequest(platform.url('facilities'), 'GET', '/work-orders', [['X-Correlation-Id', 'id\u0001'], ['Authorization', `Bearer ${staff()}`]]);
    expect(raw.status).toBe(400);
  });

  it('a path parameter that is not a UUID is a 400 naming it', async () => {
    const reply = await call('GET', `${platform.url('facilities')}/work-orders/not-a-uuid`, { token: staff() });
    expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'id', constraint: 'isUuid' })]);
  });
});

// A service with one defect of each kind, to show that the fuzz finds them.
let brokenRows = 0;

class BrokenDto {
  @ApiProperty({ maxLength: 5 }) @IsString() title: string; // no @MaxLength: over-long text is accepted
  @ApiProperty({ maxLength: 10 }) @IsString() @MaxLength(6) code: string; // refuses what the document allows
}

class BrokenQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000 }) @OptionalField() @Type(() => Number) @IsInt() @Min(1) limit?: number;
}

@Controller('broken')
class BrokenController {
  @Post()
  @Roles('auditor')
  create(@Body() _dto: BrokenDto) {
    brokenRows++;
    return { ok: true };
  }

  @Get()
  @Roles('auditor')
  list(@Query() query: BrokenQuery) {
    if ((query.limit ?? 1) > 100) throw new Error('limit too large for the query planner');
    return [];
  }

  @Get('open')
  @Public()
  @ApiBearerAuth(BEARER_AUTH)
  open() {
    return {};
  }

  @Get(':code')
  @Roles('auditor')
  @ApiParam({ name: 'code', schema: { type: 'string', pattern: '^[a-z]+$' } })
  one(@Param('code') code: string) {
    if (!/^[a-z]+$/.test(code)) throw new BadRequestException('bad code');
    return {};
  }
}

describe('the fuzz itself', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AuthModule.forRoot()], controllers: [BrokenController] }).compile();
    app = configureApp(await createHttpApp(moduleRef, { logger: false }), { title: 'broken' });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app.close());

  it('finds a 5xx, an invalid request accepted and writing, a valid one refused, a refusal naming no field and a route open to anyone', async () => {
    const report = await fuzzService({ service: 'broken', baseUrl: await app.getUrl(), principals, countRows: async () => brokenRows });
    const cases = (kind: 'serverErrors' | 'invalidAccepted' | 'validRefused' | 'badRefusals' | 'authFailures') =>
      report[kind].map((f) => `${f.operation} ${f.case}`);
    expect(cases('serverErrors')).toContain('GET /broken query limit: maximum');
    expect(cases('invalidAccepted')).toContain('POST /broken body title: maxLength+1 (6)');
    expect(cases('validRefused')).toContain('POST /broken body code: maxLength (10)');
    expect(cases('badRefusals')).toContain('GET /broken/{code} path code: whitespace only');
    expect(cases('authFailures')).toEqual(expect.arrayContaining(['GET /broken/open auth: missing token', 'GET /broken/open auth: alg none']));
    expect(report.rowsWrittenByInvalid).toBeGreaterThan(0);
  });
});
