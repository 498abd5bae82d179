import { INestApplication } from '@nestjs/common';
import { Principal } from '@houqin/auth';
import { FuzzFinding, fuzzService } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

/**
 * The OpenAPI fuzz over facilities' published operations, judged on energy's (/meters…): no 500, nothing the document
 * forbids accepted, refusals name the field in English and Chinese, broken credentials answer 401.
 */
const facilities = new FacilitiesTestApp('facilities_energy_fuzz');
let app: INestApplication;
let baseUrl: string;
beforeAll(async () => {
  app = await facilities.start();
  await app.listen(0, '127.0.0.1');
  baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});
afterAll(() => facilities.stop());

const principals: Principal[] = [
  { sub: 'fuzz.admin', role: 'school-admin', schoolId: 'S001' },
  { sub: 'fuzz.staff', role: 'school-staff', schoolId: 'S001' },
  { sub: 'fuzz.official', role: 'bureau-official' },
];
const METER_OPERATION = /^(GET|POST) \/meters(\/|$)/;
const meters = (findings: FuzzFinding[]) => findings.filter((f) => METER_OPERATION.test(f.operation));

it('every meter operation', async () => {
  const report = await fuzzService({ service: 'facilities', baseUrl, principals });
  expect(meters(report.serverErrors)).toEqual([]);
  expect(meters(report.invalidAccepted)).toEqual([]);
  expect(meters(report.badRefusals)).toEqual([]);
  expect(meters(report.authFailures)).toEqual([]);
  expect(meters(report.validRefused)).toEqual([]);
  expect(report.unreachable.filter((o) => METER_OPERATION.test(o))).toEqual([]);
}, 300_000);
