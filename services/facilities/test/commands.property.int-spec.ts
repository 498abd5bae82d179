import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import fc from 'fast-check';
import request from 'supertest';
import { AuthModule } from '@houqin/auth';
import { contracts, WORK_ORDER_CATEGORIES, WORK_ORDER_PRIORITIES } from '@houqin/contracts';
import { Clock, SystemClock } from '@houqin/event-sourcing';
import { CommandExecutor, CommandRunner, EVENT_STORE_MIGRATIONS, pgPoolOf } from '@houqin/event-store';
import { configureApp, createHttpApp } from '@houqin/platform';
import { ReadModels } from '@houqin/projection-store';
import { DataSource } from 'typeorm';
import { createTestDatabase, sql, TestDatabase, token } from '@houqin/testing';
import { WorkOrdersController } from '../src/api/work-orders.controller';
import { WorkOrderQueries } from '../src/application/work-order.queries';
import { WorkOrderReporting } from '../src/application/work-order-reporting';

/**
 * Property: every valid request of every work-order command is accepted, and every event it
 * stores passes the contract its consumers (the bureau, the audit's replay) check. Requests go
 * through the real validation, controller, service, executor (its own contract check) and
 * PostgreSQL, so a DTO that lets through what a contract forbids fails here.
 */
let db: TestDatabase;
let app: INestApplication;

beforeAll(async () => {
  db = await createTestDatabase('facilities_prop', EVENT_STORE_MIGRATIONS);
  const executor = new CommandExecutor(pgPoolOf(db.dataSource), {});
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot()],
    controllers: [WorkOrdersController],
    providers: [
      WorkOrderQueries,
      WorkOrderReporting,
      CommandRunner,
      { provide: Clock, useClass: SystemClock },
      { provide: CommandExecutor, useValue: executor },
      // The list's read model is not under test here: the reads only need to be constructible.
      { provide: DataSource, useValue: db.dataSource },
      { provide: ReadModels, useValue: new ReadModels(pgPoolOf(db.dataSource), new Map()) },
    ],
  }).compile();
  app = configureApp(await createHttpApp(moduleRef, { logger: false }), { title: 'facilities' });
  await app.init();
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

// Text as schools type it: CJK (rare ideographs beyond the BMP too), emoji with variation
// selectors and joiners, combining marks, bidi and zero-width characters, plain ASCII.
const grapheme = fc.oneof(
  fc.constantFrom('灯', '管', '教', '室', '𠀀', '𪚥', '❤️', '👨‍👩‍👧', 'é', 'e\u0301', '\u202e', '\u200b', ' ', '302', '#'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((g) => !g.includes('\u0000')),
);
// Bounded in UTF-16 code units, as the DTOs and contracts count (a grapheme may be several).
const text = (minLength: number, maxLength: number) =>
  fc.string({ unit: grapheme, minLength, maxLength }).filter((s) => s.length >= minLength && s.length <= maxLength);
const optionalText = (maxLength: number) => fc.option(text(0, maxLength), { nil: undefined });
const id = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789._-李王'), minLength: 1, maxLength: 64 });

/** A DTO with its optional fields left out (never sent as undefined or null). */
const dto = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) =>
  fc.record(fields).map((value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)));

const requests = fc.record({
  schoolId: id,
  reporter: id,
  admin: id,
  report: dto({
    title: text(1, 100),
    location: text(1, 100),
    category: fc.constantFrom(...WORK_ORDER_CATEGORIES),
    priority: fc.constantFrom(...WORK_ORDER_PRIORITIES),
    description: optionalText(1000),
  }),
  assign: dto({ assignee: text(1, 64) }),
  dispatch: fc.oneof(
    dto({ to: fc.constant('technician'), technicianId: id, technicianName: text(1, 40) }),
    dto({ to: fc.constant('contractor'), company: text(1, 100), contact: text(1, 40), phone: fc.stringMatching(/^[0-9+\- ]{5,20}$/) }),
  ),
  costs: dto({
    parts: fc.array(fc.record({ name: text(1, 60), quantity: fc.integer({ min: 1, max: 10_000 }), unitPriceFen: fc.integer({ min: 0, max: 1_000_000_000 }) }), { maxLength: 5 }),
    labourFen: fc.integer({ min: 0, max: 1_000_000_000 }),
  }),
  complete: dto({ note: optionalText(1000) }),
  reject: dto({ reason: text(1, 500) }),
  verify: dto({ rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), comment: optionalText(500) }),
});

const post = (path: string, bearer: string, body: object) =>
  request(app.getHttpServer()).post(path).set('authorization', `Bearer ${bearer}`).set('idempotency-key', `prop-${randomUUID()}`).send(body);

describe('work-order commands: every valid request produces events that pass their contracts', () => {
  it('report, assign, dispatch, start, record costs, complete, reject, complete again, verify', async () => {
    await fc.assert(
      fc.asyncProperty(requests, async (r) => {
        fc.pre(r.reporter !== r.admin && r.assign.assignee !== (r.dispatch.technicianId ?? r.dispatch.company));
        const staff = token({ sub: r.reporter, role: 'school-staff', schoolId: r.schoolId });
        const admin = token({ sub: r.admin, role: 'school-admin', schoolId: r.schoolId });
        const reported = await post('/work-orders', staff, r.report);
        expect({ command: 'report', status: reported.status, body: reported.body }).toMatchObject({ status: 201 });
        const path = (action: string) => `/work-orders/${reported.body.workOrderId}/${action}`;
        const steps: [string, string, object][] = [
          ['assign', admin, r.assign],
          [`dispatch/${r.dispatch.to}`, admin, { ...r.dispatch, to: undefined }],
          ['start', admin, {}],
          ['costs', admin, r.costs],
          ['complete', admin, r.complete],
          ['reject', staff, r.reject],
          ['complete', admin, r.complete],
          ['verify', staff, r.verify],
        ];
        for (const [action, bearer, body] of steps) {
          const reply = await post(path(action), bearer, body);
          expect({ command: action, status: reply.status, body: reply.body }).toMatchObject({ status: 200 });
        }
        const stored = await sql<{ type: string; data: Record<string, unknown> }>(
          db.schema,
          'SELECT type, data FROM events WHERE stream_id = $1 ORDER BY stream_version',
          [`WorkOrder-${reported.body.workOrderId}`],
        );
        expect(stored.map((e) => e.type)).toEqual([
          'WorkOrderReported',
          'WorkOrderAssigned',
          'WorkOrderAssigned',
          'WorkOrderRepairStarted',
          'WorkOrderCostsRecorded',
          'WorkOrderCompleted',
          'WorkOrderCompletionRejected',
          'WorkOrderCompleted',
          'WorkOrderVerified',
        ]);
        for (const event of stored) expect(() => contracts.validatePayload(event.type, event.data)).not.toThrow();
      }),
      { numRuns: 40 },
    );
  });
});
