import { INestApplication } from '@nestjs/common';
import { Principal } from '@houqin/auth';
import { fuzzService, fuzzSummary } from '@houqin/testing';
import { BureauTestApp } from './support/bureau-app';

/**
 * The OpenAPI fuzz over every operation the bureau publishes (the real module, its consumers on the
 * tests' broker): no 500, nothing the document forbids accepted, refusals name the field in English
 * and Chinese, broken credentials answer 401. The bureau writes nothing through HTTP.
 */
const bureau = new BureauTestApp();
let app: INestApplication;
let baseUrl: string;

beforeAll(async () => {
  app = await bureau.start();
  await app.listen(0, '127.0.0.1');
  baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});
afterAll(() => bureau.stop());

const principals: Principal[] = [
  { sub: 'fuzz.official', role: 'bureau-official' },
  { sub: 'fuzz.auditor', role: 'auditor' },
  { sub: 'fuzz.admin', role: 'school-admin', schoolId: 'S001' },
];

it('every operation', async () => {
  const report = await fuzzService({ service: 'bureau', baseUrl, principals, pathValues: { schoolId: 'S001' } });
  const summary = fuzzSummary(report);
  expect({ summary, serverErrors: report.serverErrors }).toEqual({ summary, serverErrors: [] });
  expect(report.invalidAccepted).toEqual([]);
  expect(report.badRefusals).toEqual([]);
  expect(report.authFailures).toEqual([]);
  expect(report.validRefused).toEqual([]);
  expect(report.unreachable).toEqual([]);
  expect(report.operations).toBeGreaterThanOrEqual(8);
});
