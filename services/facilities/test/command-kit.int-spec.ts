import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { sql, token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

/**
 * The write side of the service kit, through HTTP and the real module: DatabaseModule opens
 * the service's own schema, the clock is injected (moved by the test, never read from the
 * system), and @Command() / @CommandRoute read and document the command headers.
 */
const facilities = new FacilitiesTestApp('facilities_kit');
const { schema, clock } = facilities;
let app: INestApplication;

beforeAll(async () => {
  app = await facilities.start();
});
afterAll(() => facilities.stop());

const staff = token({ sub: 'teacher.li', role: 'school-staff', schoolId: 'S001' });
const admin = token({ sub: 'admin.wang', role: 'school-admin', schoolId: 'S001' });
let keys = 0;
const post = (path: string, bearer: string, body: object, headers: Record<string, string> = { 'idempotency-key': `kit-key-${++keys}-${schema}` }) =>
  request(app.getHttpServer()).post(path).set('authorization', `Bearer ${bearer}`).set(headers).send(body);
const report = { title: '灯管不亮', location: '302', category: 'electrical', priority: 'normal' };

it('stamps commands and events with the injected clock, not the system time', async () => {
  const reported = await post('/work-orders', staff, report).expect(201);
  clock.advance({ hours: 3 });
  await post(`/work-orders/${reported.body.workOrderId}/assign`, admin, { assignee: '电工 张师傅' }).expect(200);
  const events = await sql<{ type: string; data: Record<string, string>; metadata: { occurredAt: string; correlationId: string } }>(
    schema,
    'SELECT type, data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version',
    [`WorkOrder-${reported.body.workOrderId}`],
  );
  expect(events.map((e) => [e.type, e.metadata.occurredAt])).toEqual([
    ['WorkOrderReported', '2026-11-24T08:00:00.000Z'],
    ['WorkOrderAssigned', '2026-11-24T11:00:00.000Z'],
  ]);
  expect(events[0].data['reportedAt']).toBe('2026-11-24T08:00:00.000Z');
  expect(events[1].data['assignedAt']).toBe('2026-11-24T11:00:00.000Z');
});

it('reads the command context from the token and headers: key required and well-formed, If-Match checked', async () => {
  const missing = await post('/work-orders', staff, report, {}).expect(400);
  expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', constraint: 'isDefined', messageZh: '缺少幂等键' })]);
  const malformed = await post('/work-orders', staff, report, { 'idempotency-key': 'short' }).expect(400);
  expect(malformed.body.errors[0]).toMatchObject({ field: 'Idempotency-Key', constraint: 'matches' });

  const { body } = await post('/work-orders', staff, report).expect(201);
  const assign = (ifMatch: string) => post(`/work-orders/${body.workOrderId}/assign`, admin, { assignee: 'x' }, { 'idempotency-key': `kit-if-${ifMatch.length}-${++keys}`, 'if-match': ifMatch });
  expect((await assign('three').expect(400)).body.errors[0]).toMatchObject({ field: 'If-Match', constraint: 'isInt' });
  expect((await assign('"2"').expect(409)).body).toMatchObject({ code: 'concurrency-conflict' });
  await assign('W/"1"').expect(200);

  // A number JSON parses to Infinity: the context's fingerprint must not turn the body's 400 into a 500.
  const infinite = await request(app.getHttpServer())
    .post(`/work-orders/${body.workOrderId}/verify`)
    .set({ authorization: `Bearer ${staff}`, 'idempotency-key': `kit-inf-${schema}`, 'content-type': 'application/json' })
    .send('{"rating":1e309}')
    .expect(400);
  expect(infinite.body.errors[0]).toMatchObject({ field: 'rating' });

  // The same key for another request is refused; for the same request, the first answer is replayed.
  const headers = { 'idempotency-key': `kit-replay-${schema}` };
  const first = await post('/work-orders', staff, report, headers).expect(201);
  expect((await post('/work-orders', staff, report, headers).expect(201)).body).toEqual(first.body);
  await post('/work-orders', staff, { ...report, title: '另一件事' }, headers).expect(422);
});

it('documents every command route: roles, headers with their patterns, and the error answers', async () => {
  const doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
  const operations: [string, boolean][] = [
    ['/work-orders', true],
    ['/work-orders/{id}/assign', false],
    ['/work-orders/{id}/complete', false],
    ['/work-orders/{id}/reject', false],
    ['/work-orders/{id}/verify', false],
  ];
  for (const [path, creates] of operations) {
    const op = doc.paths[path].post;
    const headers = Object.fromEntries(op.parameters.filter((p: { in: string }) => p.in === 'header').map((p: { name: string; schema: { pattern: string } }) => [p.name, p.schema.pattern]));
    expect(headers['Idempotency-Key']).toBe('^[A-Za-z0-9._:-]{8,128}$');
    expect('If-Match' in headers).toBe(!creates);
    expect(op.security).toEqual([{ bearer: [] }]);
    const errors = creates ? ['400', '401', '403', '422'] : ['400', '401', '403', '404', '409', '422'];
    for (const status of errors) expect(op.responses[status].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorBodyDto');
    expect(Object.keys(op.responses)).toContain(creates ? '201' : '200');
  }
});

it('documents the error answers of every read route too, with the error body (none is left with its 200 alone)', async () => {
  const doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
  const errorBody = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } };
  expect(doc.paths['/work-orders/{id}'].get.responses).toMatchObject({ 400: { content: errorBody }, 401: { content: errorBody }, 403: { content: errorBody }, 404: { content: errorBody } });
  expect(doc.paths['/work-orders'].get.responses).toMatchObject({ 401: { content: errorBody }, 403: { content: errorBody }, 503: { content: errorBody } });
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { security?: object[]; responses: object }>>)) {
    for (const op of Object.values(item)) {
      if (op.security?.length) expect([path, Object.keys(op.responses)]).toEqual([path, expect.arrayContaining(['401', '403'])]);
    }
  }
});

