import { INestApplication } from '@nestjs/common';
import { Principal } from '@houqin/auth';
import { FuzzFinding, fuzzService } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

/**
 * The OpenAPI fuzz over facilities' published operations, judged on the asset ledger's (/assets…): no 500, nothing
 * the document forbids accepted, refusals name the field in English and Chinese, broken credentials answer 401.
 * (The whole service is fuzzed end to end by services/e2e; this keeps the ledger's routes honest on their own.)
 */
const facilities = new FacilitiesTestApp('facilities_asset_fuzz');
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
/** The ledger's own operations (stocktakes, imports, labels and pending assets build on it and are fuzzed by their suites). */
const LEDGER_OPERATION = /^(GET|POST) \/assets(\/\{id\}(\/(move|lend|return|maintenance|disposal(\/approve|\/reject)?|dispose))?)?$/;
const ledger = (findings: FuzzFinding[]) => findings.filter((f) => LEDGER_OPERATION.test(f.operation));

it('every asset ledger operation', async () => {
  const report = await fuzzService({ service: 'facilities', baseUrl, principals });
  expect(ledger(report.serverErrors)).toEqual([]);
  expect(ledger(report.invalidAccepted)).toEqual([]);
  expect(ledger(report.badRefusals)).toEqual([]);
  expect(ledger(report.authFailures)).toEqual([]);
  expect(ledger(report.validRefused)).toEqual([]);
  expect(report.unreachable.filter((o) => LEDGER_OPERATION.test(o))).toEqual([]);
}, 300_000);
