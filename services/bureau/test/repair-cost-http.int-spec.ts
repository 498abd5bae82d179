import { randomBytes, randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Topics } from '@houqin/contracts';
import { eventually, token } from '@houqin/testing';
import { workOrderStream } from './envelopes';
import { BureauTestApp } from './support/bureau-app';

/** GET /statistics/repairs on the real bureau, fed from Kafka: costs per school, category and asset, the repeat rate, and who sees which school. */
const bureau = new BureauTestApp();
let app: INestApplication;
beforeAll(async () => {
  app = await bureau.start();
});
afterAll(() => bureau.stop());

const official = token({ sub: 'chen.ju', role: 'bureau-official' });
const get = (bearer: string) => request(app.getHttpServer()).get('/statistics/repairs').set('authorization', `Bearer ${bearer}`);
const [A, B] = [`S${randomBytes(3).toString('hex')}`, `S${randomBytes(3).toString('hex')}`];

function costed(schoolId: string, totalFen: number, asset?: { assetId: string; repeat?: boolean }) {
  const wo = workOrderStream(schoolId);
  const r = wo.reported();
  const repeat = { previousWorkOrderId: 'wo-0', previousCompletedAt: '2026-11-20T08:00:00.000Z', rule: { ruleId: 'facilities.repair.repeatFailureWindowDays', version: 'v1' } };
  const onAsset = asset ? { assetId: asset.assetId, assetCategory: 'heater', ...(asset.repeat ? { repeat } : {}) } : {};
  const sheet = { parts: [], partsFen: 0, labourFen: totalFen, totalFen, recordedBy: 'wang.gong', recordedAt: '2026-11-24T12:00:00.000Z', late: false, lateByMs: 0 };
  return [{ ...r, payload: { ...r.payload, ...onAsset } }, wo.assigned(2), wo.envelope('WorkOrderCostsRecorded', 3, sheet)];
}

it('answers the district, per school with the repeat rate, per category and per asset; a school admin sees only its school, staff 403', async () => {
  const heater = randomUUID();
  await bureau.publish(Topics.facilitiesEvents, [...costed(A, 12000, { assetId: heater }), ...costed(A, 3000, { assetId: heater, repeat: true }), ...costed(B, 5000)]);
  const answer = await eventually(async () => {
    const body = (await get(official).expect(200)).body;
    return body.bySchool.some((s: { schoolId: string; reports: number }) => s.schoolId === A && s.reports === 2) && body.bySchool.some((s: { schoolId: string }) => s.schoolId === B) ? body : undefined;
  }, 30_000, 200);
  expect(answer.bySchool.find((s: { schoolId: string }) => s.schoolId === A)).toEqual({ schoolId: A, reports: 2, repeats: 1, repeatRate: 0.5, costedOrders: 2, partsFen: 0, labourFen: 15000, costFen: 15000 });
  expect(answer.byAsset.find((a: { assetId: string }) => a.assetId === heater)).toMatchObject({ reports: 2, repeats: 1, costFen: 15000 });
  expect(answer.byAssetCategory.find((c: { assetCategory: string }) => c.assetCategory === 'heater').costFen).toBeGreaterThanOrEqual(15000);

  const own = (await get(token({ sub: 'zhao', role: 'school-admin', schoolId: B })).expect(200)).body;
  expect(own.bySchool.map((s: { schoolId: string }) => s.schoolId)).toEqual([B]);
  expect(own).toMatchObject({ reports: 1, costFen: 5000, repeatRate: 0 });
  await get(token({ sub: 'li', role: 'school-staff', schoolId: B })).expect(403);
  await request(app.getHttpServer()).get('/statistics/repairs').expect(401);
});
