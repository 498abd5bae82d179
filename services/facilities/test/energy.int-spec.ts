import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ManualClock } from '@houqin/event-sourcing';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

/**
 * 能源管理 through HTTP on the real module and PostgreSQL: installing meters, readings (refused below the
 * last or out of order, flagged on a jump), a replacement, confirming and correcting a flag, the lists
 * from the `meter-list` read model with cursor paging, monthly consumption, and access per endpoint family.
 */
const facilities = new FacilitiesTestApp('facilities_energy', new ManualClock('2026-12-01T02:00:00.000Z'));
const { schema } = facilities;
let app: INestApplication;

beforeAll(async () => {
  app = await facilities.start();
});
afterAll(() => facilities.stop());

let schools = 0;
function school() {
  const id = `E${++schools}-${schema.slice(-8)}`;
  return { id, staff: token({ sub: `staff.${schools}`, role: 'school-staff', schoolId: id }), admin: token({ sub: `admin.${schools}`, role: 'school-admin', schoolId: id }) };
}
const official = token({ sub: 'chen.ju', role: 'bureau-official' });

let keys = 0;
const post = (path: string, bearer: string, body: object) =>
  request(app.getHttpServer()).post(path).set({ authorization: `Bearer ${bearer}`, 'idempotency-key': `energy-key-${++keys}-${schema}` }).send(body);
const get = (path: string, bearer: string, query: Record<string, string | number | boolean> = {}) =>
  request(app.getHttpServer()).get(path).set('authorization', `Bearer ${bearer}`).query(query);

/** Beijing end of a day (17:00) as the business time of a reading. */
const at = (day: string) => `${day}T17:00:00+08:00`;

async function install(s: ReturnType<typeof school>, building = '教学楼A', kind = 'electricity', initialReading = '1000') {
  const reply = await post('/meters', s.admin, { building, kind, initialReading, serial: 'DB-001', occurredAt: at('2026-09-01') }).expect(201);
  return reply.body.meterId as string;
}
/** A reading's period as the meter's stream holds it (the command answers positions, not payloads). */
async function period(bearer: string, meterId: string, readingId: string) {
  const meter = await get(`/meters/${meterId}`, bearer).expect(200);
  return meter.body.periods.find((p: { readingId: string }) => p.readingId === readingId);
}
const read = (s: ReturnType<typeof school>, meterId: string, reading: string, day: string) => post(`/meters/${meterId}/readings`, s.staff, { reading, occurredAt: at(day) });

describe('meters and readings', () => {
  it('installs one meter per building and kind, records readings with their consumption, and lists them with the last reading', async () => {
    const s = school();
    const meterId = await install(s);
    await post('/meters', s.admin, { building: '教学楼A', kind: 'electricity', initialReading: '5' }).expect(409);
    await read(s, meterId, '4000.5', '2026-09-30').expect(200);
    const nov = await read(s, meterId, '7100.5', '2026-10-31').expect(200);
    expect(await period(s.staff, meterId, nov.body.readingId)).toMatchObject({ consumption: '3100.000', flagged: false, baselineDaily: '103.465' });

    const meters = await get('/meters', s.staff, { consistentWith: nov.body.position }).expect(200);
    expect(meters.body.items).toEqual([
      expect.objectContaining({ meterId, building: '教学楼A', kind: 'electricity', unit: 'kWh', lastReading: '7100.500', lastConsumption: '3100.000', readings: 2, openFlags: 0, version: 3 }),
    ]);
    const readings = await get('/meters/readings', s.staff, { meterId, consistentWith: nov.body.position }).expect(200);
    expect(readings.body.items.map((r: { reading: string; consumption: string; month: string }) => [r.month, r.reading, r.consumption])).toEqual([
      ['2026-10', '7100.500', '3100.000'],
      ['2026-09', '4000.500', '3000.500'],
    ]);
  });

  it('refuses a reading lower than the last one (422, bilingual) and one out of order in time', async () => {
    const s = school();
    const meterId = await install(s);
    await read(s, meterId, '2000', '2026-09-30').expect(200);
    const lower = await read(s, meterId, '1999.999', '2026-10-31').expect(422);
    expect(lower.body).toMatchObject({ code: 'reading-below-last', messageZh: expect.stringContaining('换表') });
    const earlier = await read(s, meterId, '2100', '2026-09-20').expect(422);
    expect(earlier.body.code).toBe('reading-out-of-order');
  });

  it('after a replacement accepts the lower reading, with consumption across both meters', async () => {
    const s = school();
    const meterId = await install(s, '食堂', 'water', '100');
    await read(s, meterId, '400', '2026-09-30').expect(200);
    await post(`/meters/${meterId}/replace`, s.admin, { finalReading: '450', startReading: '0', newSerial: 'SB-2', occurredAt: at('2026-10-15') }).expect(200);
    const after = await read(s, meterId, '260', '2026-10-31').expect(200);
    expect(await period(s.staff, meterId, after.body.readingId)).toMatchObject({ consumption: '310.000' }); // (450 − 400) + (260 − 0)
    const consumption = await get('/meters/consumption', s.staff, { kind: 'water', from: '2026-09', to: '2026-12', consistentWith: after.body.position }).expect(200);
    expect(consumption.body.school).toEqual([
      { month: '2026-09', kind: 'water', schoolId: s.id, consumption: '300.000', unit: 'm³', kindZh: '水' },
      { month: '2026-10', kind: 'water', schoolId: s.id, consumption: '310.000', unit: 'm³', kindZh: '水' },
    ]);
  });

  it('flags a jump; the school admin (not staff) corrects it, and a corrected reading is not confirmed', async () => {
    const s = school();
    const meterId = await install(s, '锅炉房', 'gas', '0');
    await read(s, meterId, '300', '2026-09-30').expect(200);
    const jump = await read(s, meterId, '3000', '2026-10-31').expect(200);
    expect(await period(s.staff, meterId, jump.body.readingId)).toMatchObject({ flagged: true, consumption: '2700.000' });
    const readingId = jump.body.readingId as string;
    const flagged = await get('/meters/readings', s.admin, { flagged: true, consistentWith: jump.body.position }).expect(200);
    expect(flagged.body.items).toEqual([expect.objectContaining({ readingId, flagged: true, baselineDaily: expect.any(String) })]);

    await post(`/meters/${meterId}/readings/${readingId}/correct`, s.staff, { reading: '600', reason: '多读一位' }).expect(403);
    await post(`/meters/${meterId}/readings/${readingId}/correct`, s.admin, { reading: '600', reason: '多读一位' }).expect(200);
    await post(`/meters/${meterId}/readings/${readingId}/confirm`, s.admin, {}).expect(409);
    const meter = await get(`/meters/${meterId}`, s.staff).expect(200);
    expect(meter.body).toMatchObject({ lastReading: '600.000', openFlags: 0 });
    expect(meter.body.periods.at(-1)).toMatchObject({ readingId, consumption: '300.000', resolution: 'corrected' });
  });

  it('pages the meters with a cursor', async () => {
    const s = school();
    for (const b of ['一号楼', '二号楼', '三号楼']) await install(s, b);
    const last = await post('/meters', s.admin, { building: '四号楼', kind: 'water', initialReading: '0' }).expect(201);
    const first = await get('/meters', s.staff, { limit: 3, consistentWith: last.body.position }).expect(200);
    expect(first.body.items).toHaveLength(3);
    const second = await get('/meters', s.staff, { limit: 3, cursor: first.body.nextCursor }).expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    await get('/meters', s.staff, { cursor: 'building.asc.!!' }).expect(400);
  });
});

describe('access (every endpoint family of /meters)', () => {
  it('another school answers 404, a wrong role 403, the bureau reads across schools', async () => {
    const s = school();
    const other = school();
    const meterId = await install(s);
    const reading = await read(s, meterId, '1500', '2026-09-30').expect(200);
    // Commands: another school's meter is not found; staff may not install, replace, confirm or correct; the bureau writes nothing.
    await read(other, meterId, '1600', '2026-10-31').expect(404);
    await post(`/meters/${meterId}/replace`, other.admin, { finalReading: '1600', startReading: '0' }).expect(404);
    await post('/meters', s.staff, { building: '实验楼', kind: 'gas', initialReading: '0' }).expect(403);
    await post(`/meters/${meterId}/replace`, s.staff, { finalReading: '1600', startReading: '0' }).expect(403);
    await post(`/meters/${meterId}/readings/${reading.body.readingId}/confirm`, s.staff, {}).expect(403);
    await post(`/meters/${meterId}/readings`, official, { reading: '1600' }).expect(403);
    // Reads: the meter of another school is 404, its lists are empty for the other school, the bureau sees them.
    await get(`/meters/${meterId}`, other.staff).expect(404);
    await get(`/meters/${meterId}`, official).expect(200);
    const position = reading.body.position;
    expect((await get('/meters', other.staff, { consistentWith: position }).expect(200)).body.items).toEqual([]);
    expect((await get('/meters/readings', other.staff, { schoolId: s.id, consistentWith: position }).expect(200)).body.items).toEqual([]);
    expect((await get('/meters', official, { schoolId: s.id, consistentWith: position }).expect(200)).body.items).toHaveLength(1);
    expect((await get('/meters/consumption', official, { schoolId: s.id, consistentWith: position }).expect(200)).body.school).toHaveLength(1);
    await get('/meters', token({ sub: 'auditor', role: 'auditor' })).expect(403);
  });

  it('bad input answers 400 with a message per field, and nothing is stored', async () => {
    const s = school();
    const bad = await post('/meters', s.admin, { building: '', kind: 'steam', initialReading: '12.3456' }).expect(400);
    const fields = [...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort();
    expect(fields).toEqual(['building', 'initialReading', 'kind']);
    expect(bad.body.errors.every((e: { message: string; messageZh: string }) => e.message && e.messageZh)).toBe(true);
    const meterId = await install(s);
    const reading = await post(`/meters/${meterId}/readings`, s.staff, { reading: -1, occurredAt: 'yesterday' }).expect(400);
    expect([...new Set(reading.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['occurredAt', 'reading']);
    await post(`/meters/not-a-uuid/readings`, s.staff, { reading: '1' }).expect(400);
    await get('/meters/readings', s.staff, { from: '2026-13', flagged: 'maybe' }).expect(400);
    await get('/meters/consumption', s.staff, { from: '2026-11', to: '2026-09' }).expect(400);
    const meter = await get(`/meters/${meterId}`, s.staff).expect(200);
    expect(meter.body.readings).toBe(0);
  });
});
