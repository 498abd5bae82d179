import { randomBytes, randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { contracts, EventEnvelope, METER_STREAM_TYPE, Topics } from '@houqin/contracts';
import { MemoryProjection } from '@houqin/projections';
import { energyConsumption, figureNamed, figureRows } from '@houqin/statistics';
import { token } from '@houqin/testing';
import { schoolStream } from './envelopes';
import { BureauTestApp } from './support/bureau-app';

/**
 * The energy figure through the real bureau module: identity's register and facilities' meter events on
 * the tests' broker, the per-school consumption kept live, GET /statistics/energy with per student, per m²
 * and the median of each school type, and the audit's replay of the same events finding the same sums.
 */
const bureau = new BureauTestApp();
let app: INestApplication;
beforeAll(async () => {
  app = await bureau.start();
});
afterAll(() => bureau.stop());

const code = () => `S${randomBytes(3).toString('hex')}`;
const [A, B, C] = [code(), code(), code()];
const profile = (name: string, type: string, floorAreaM2: number) => ({ name, type, address: '城关镇和平路1号', boarding: false, canteen: true, schoolBuses: false, floorAreaM2 });
const official = token({ sub: 'chen.ju', role: 'bureau-official' });
const get = (path: string, bearer = official) => request(app.getHttpServer()).get(path).set('authorization', `Bearer ${bearer}`);

/** Envelopes of one meter's stream, as facilities publishes them (hashes are not checked here). */
function meterStream(schoolId: string, kind: string) {
  const meterId = randomUUID();
  let version = 0;
  const envelope = (type: string, payload: Record<string, unknown>, occurredAt: string): EventEnvelope => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'facilities',
    streamId: `${METER_STREAM_TYPE}-${meterId}`,
    streamType: METER_STREAM_TYPE,
    streamVersion: ++version,
    globalPosition: String(version),
    schoolId,
    payload: { meterId, schoolId, ...payload },
    metadata: { actor: { id: 'admin', role: 'school-admin' }, correlationId: randomUUID(), occurredAt },
    hash: 'a'.repeat(64),
    prevHash: '0'.repeat(64),
  });
  const onTime = { late: false, lateByMs: 0 };
  let last = '2026-09-01T00:00:00.000Z';
  return {
    installed: () => envelope('MeterInstalled', { building: '教学楼', kind, initialReadingMilli: 0, installedBy: 'admin', installedAt: last, ...onTime }, last),
    read: (readAt: string, kwh: number, readingId = randomUUID()) => {
      const periodStart = last;
      last = readAt;
      const figures = { readingMilli: kwh * 1000, consumptionMilli: kwh * 1000, dailyMilli: 0, flagged: false, jumpRule: { ruleId: 'energy.meter.jumpThreshold', version: 'v1' } };
      return envelope('MeterReadingRecorded', { readingId, ...figures, periodStart, readAt, recordedBy: 'staff', ...onTime }, readAt);
    },
    corrected: (readingId: string, kwh: number) =>
      envelope('MeterReadingCorrected', { readingId, readingMilli: kwh * 1000, consumptionMilli: kwh * 1000, reason: '多读一位', correctedBy: 'admin', correctedAt: last }, last),
  };
}

/** Polls a read until it satisfies the check (the consumers are asynchronous), then answers its body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the tests
async function until<T = any>(path: string, check: (body: T) => boolean, bearer = official): Promise<T> {
  let last: unknown;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const response = await get(path, bearer);
    last = response.body;
    if (response.status === 200 && check(response.body)) return response.body;
  }
  throw new Error(`${path} never satisfied the check; last answer ${JSON.stringify(last)}`);
}

it('compares each school per student and per m² with the median of its type, and the audit replay finds the same sums', async () => {
  const registers = [schoolStream(A, profile('城关第一小学', 'primary', 10000)), schoolStream(B, profile('城关第二小学', 'primary', 8000)), schoolStream(C, profile('城关中学', 'junior-secondary', 12000))];
  const students = [1000, 500, 800];
  await bureau.publish(Topics.identityEvents, registers.flatMap((s, i) => [s.registered(), s.year(2, '2026-2027', students[i], 80)]));

  const [a, b, c, aWater] = [meterStream(A, 'electricity'), meterStream(B, 'electricity'), meterStream(C, 'electricity'), meterStream(A, 'water')];
  const misread = randomUUID();
  const events = [
    a.installed(),
    a.read('2026-09-30T09:00:00.000Z', 28000),
    a.read('2026-10-31T09:00:00.000Z', 30000),
    b.installed(),
    b.read('2026-10-31T09:00:00.000Z', 200000, misread),
    b.corrected(misread, 20000), // a misread digit, corrected: the figure counts the corrected consumption
    c.installed(),
    c.read('2026-10-31T09:00:00.000Z', 40000),
    aWater.installed(),
    aWater.read('2026-10-31T09:00:00.000Z', 900),
  ];
  await bureau.publish(Topics.facilitiesEvents, events);

  const answer = await until('/statistics/energy?kind=electricity&month=2026-10', (body) => body.schools.filter((s: { consumption: string | null }) => s.consumption).length >= 3 && body.schools.some((s: { schoolId: string; consumption: string }) => s.schoolId === B && s.consumption === '20000.000'));
  const row = (id: string) => answer.schools.find((s: { schoolId: string }) => s.schoolId === id);
  // Primary: A 30 kWh/student and 3 kWh/m², B 40 and 2.5; the median of two is their mean.
  expect(row(A)).toMatchObject({ consumption: '30000.000', students: 1000, perStudent: '30.000', perM2: '3.000', typeMedianPerStudent: '35.000', typeMedianPerM2: '2.750', ratioPerStudent: 0.86, ratioPerM2: 1.09 });
  expect(row(B)).toMatchObject({ consumption: '20000.000', perStudent: '40.000', perM2: '2.500', ratioPerStudent: 1.14, ratioPerM2: 0.91 });
  expect(row(C)).toMatchObject({ schoolType: 'junior-secondary', perStudent: '50.000', typeMedianPerStudent: '50.000', ratioPerStudent: 1 });
  expect(answer.types).toEqual(expect.arrayContaining([expect.objectContaining({ schoolType: 'primary', perStudent: '35.000', perM2: '2.750' })]));

  // A school sees its own row and the medians of the district.
  const own = await get('/statistics/energy?kind=electricity&month=2026-10', token({ sub: 'li', role: 'school-staff', schoolId: A })).expect(200);
  expect(own.body.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual([A]);
  expect(own.body.schools[0]).toMatchObject({ typeMedianPerStudent: '35.000' });
  await get('/statistics/energy?kind=steam&month=2026-13').expect(400);
  await request(app.getHttpServer()).get('/statistics/energy?kind=water&month=2026-10').expect(401);

  // The audit's replay: each raw message parsed by the contracts, folded in memory by the same definition.
  const replay = new MemoryProjection(energyConsumption);
  for (const e of events) replay.apply(contracts.parseEnvelope(JSON.parse(JSON.stringify(e))));
  const live = await get('/statistics/figures/energy-consumption').expect(200);
  const mine = (rows: Record<string, unknown>[]) => rows.filter((r) => [A, B, C].some((s) => String(r['schoolKindMonth']).startsWith(`${s}|`)));
  expect(mine(live.body.groups)).toEqual(figureRows(figureNamed('energy-consumption')!, replay.groupSums()));
  expect(mine(live.body.groups)).toHaveLength(5);
});
