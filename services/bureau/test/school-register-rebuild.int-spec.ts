import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Topics } from '@houqin/contracts';
import { sql, token } from '@houqin/testing';
import { schoolStream } from './envelopes';
import { BureauTestApp } from './support/bureau-app';

/**
 * The register's start: new to a bureau, it reads identity's topic from the first event (schools
 * registered before the bureau knew them); a new version of its definition empties and refills it.
 */
const bureau = new BureauTestApp();
afterAll(() => bureau.stop());

const official = token({ sub: 'chen.ju', role: 'bureau-official' });
const code = () => `S${randomBytes(3).toString('hex')}`;
const profile = (name: string) => ({ name, type: 'special-education', address: '城东路8号', boarding: true, canteen: true, schoolBuses: true, floorAreaM2: 8000 });

async function namesOnceListed(count: number): Promise<string[]> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const { body } = await request(bureau.app.getHttpServer()).get('/statistics/schools').set('authorization', `Bearer ${official}`);
    if (body.items?.length === count) return body.items.map((s: { name: string }) => s.name);
  }
  throw new Error(`the register never listed ${count} schools`);
}

it('is fed from identity’s first event when new, and rebuilt from it when its version changed', async () => {
  const [a, b] = [schoolStream(code(), profile('特殊教育学校')), schoolStream(code(), profile('启智学校'))];
  await bureau.publish(Topics.identityEvents, [a.registered()]); // before the bureau ever ran
  await bureau.start();
  expect(await namesOnceListed(1)).toEqual(['特殊教育学校']);
  await bureau.close();

  // Built by another version of the definition, and left wrong by it.
  await sql(bureau.schema, `UPDATE projection_status SET version = 0 WHERE projection = 'schools'`);
  await sql(bureau.schema, `UPDATE schools SET name = '错误'`);
  await bureau.publish(Topics.identityEvents, [b.registered()]);
  await bureau.start();
  expect((await namesOnceListed(2)).sort()).toEqual(['启智学校', '特殊教育学校'].sort());
  const [status] = await sql(bureau.schema, `SELECT version, events_applied::int AS applied, rebuilt_at IS NOT NULL AS rebuilt FROM projection_status WHERE projection = 'schools'`);
  expect(status).toEqual({ version: 1, applied: 2, rebuilt: true });
});
