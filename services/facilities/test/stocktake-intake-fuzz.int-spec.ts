import { INestApplication } from '@nestjs/common';
import { Principal } from '@houqin/auth';
import { FuzzFinding, fuzzService } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

/**
 * The OpenAPI fuzz over facilities' published operations, judged on what builds on the ledger: QR report links and
 * the public report page, the ledger's import/export, stocktakes and pending assets. No 500, nothing the document
 * forbids accepted, refusals name the field in English and Chinese, broken credentials answer 401.
 */
const LIMITS = { FACILITIES_PUBLIC_RATE_PER_LINK: '100000', FACILITIES_PUBLIC_RATE_PER_IP: '100000' };
const facilities = new FacilitiesTestApp('facilities_intake_fuzz');
let app: INestApplication;
let baseUrl: string;
beforeAll(async () => {
  Object.assign(process.env, LIMITS);
  app = await facilities.start();
  await app.listen(0, '127.0.0.1');
  baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});
afterAll(async () => {
  await facilities.stop();
  for (const name of Object.keys(LIMITS)) delete process.env[name];
});

const principals: Principal[] = [
  { sub: 'fuzz.admin', role: 'school-admin', schoolId: 'S001' },
  { sub: 'fuzz.staff', role: 'school-staff', schoolId: 'S001' },
  { sub: 'fuzz.official', role: 'bureau-official' },
];
const INTAKE_OPERATION = /^(GET|POST) \/(report-links|public\/report-links|stocktakes|assets\/(imports|export\.xlsx|pending))(\/|$)/;
const intake = (findings: FuzzFinding[]) => findings.filter((f) => INTAKE_OPERATION.test(f.operation));

it('every operation of QR links, public reports, imports, stocktakes and pending assets', async () => {
  const report = await fuzzService({ service: 'facilities', baseUrl, principals });
  if (process.env['FUZZ_DUMP']) require('node:fs').writeFileSync(process.env['FUZZ_DUMP'], JSON.stringify(Object.fromEntries(Object.entries(report).map(([k, v]) => [k, Array.isArray(v) ? v.filter((f: FuzzFinding | string) => INTAKE_OPERATION.test(typeof f === 'string' ? f : f.operation)) : v])), null, 1));
  expect(intake(report.serverErrors)).toEqual([]);
  expect(intake(report.invalidAccepted)).toEqual([]);
  expect(intake(report.badRefusals)).toEqual([]);
  expect(intake(report.authFailures)).toEqual([]);
  expect(intake(report.validRefused)).toEqual([]);
}, 300_000);
