import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

// The demo scripts are plain CommonJS, as npm start runs them.
const scripts = path.join(__dirname, '../../../infra/scripts');
const { seedDormitories, BOARDING } = require(path.join(scripts, 'demo/dormitories.js')) as { seedDormitories: Seed; BOARDING: Record<string, { occupancy: number }> };
const { seedGreening } = require(path.join(scripts, 'demo/greening.js')) as { seedGreening: Seed };
const { districtSchools } = require(path.join(scripts, 'seed-demo.js')) as { districtSchools: object[] };
type Seed = (admin: string, helpers: object) => Promise<void>;

/**
 * The demo seeding of dormitories and greening (infra/scripts/demo) against the real module over HTTP: every command
 * it sends is accepted, a second run sends nothing new (idempotency keys), and the boarding schools' occupancy is as planned.
 * Identity is stood in for: a seeding session is a school-admin token of the school.
 */
const facilities = new FacilitiesTestApp('facilities_demo', undefined);
let app: INestApplication;
let base: string;
beforeAll(async () => {
  app = await facilities.start();
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
  facilities.clock.set(new Date().toISOString());
});
afterAll(() => facilities.stop());

async function call(method: string, url: string, { bearer, key, body }: { bearer?: string; key?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (key) headers['idempotency-key'] = key;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, ok: response.ok, reply: text ? JSON.parse(text) : {} };
}

function helpers(said: string[]) {
  const accounts = new Map<string, { status: string }>();
  return {
    call,
    post: async (url: string, bearer: string, key: string, body: unknown) => {
      const { status, ok, reply } = await call('POST', url, { bearer, key, body });
      if (!ok && status !== 409) throw new Error(`${url}: ${status} ${JSON.stringify(reply)}`);
      return reply;
    },
    findAccount: async (_admin: string, username: string) => accounts.get(username),
    seedingSession: async (_admin: string, account: { username: string; schoolId: string }) => {
      accounts.set(account.username, { status: 'active' });
      return { id: account.username, createdAt: Date.now(), bearer: token({ sub: account.username, role: 'school-admin', schoolId: account.schoolId }) };
    },
    command: async (_admin: string, url: string, username: string) => void (url.endsWith('/disable') && accounts.set(username, { status: 'disabled' })),
    identity: 'http://identity.invalid',
    facilitiesBase: base,
    districtSchools,
    say: (line: string) => said.push(line),
  };
}

it('seeds the boarding schools’ dormitories and every school’s greening through the API, once', async () => {
  const said: string[] = [];
  const h = helpers(said);
  await seedDormitories('admin', h);
  await seedGreening('admin', h);
  expect(said).toEqual([expect.stringMatching(/^demo dormitories: S002, S006, S007, S008 with \d+/), expect.stringMatching(/^demo greening: .* in 8 schools/)]);
  await seedDormitories('admin', h);
  expect(said.at(-1)).toBe('demo dormitories seeded already, nothing new');

  const official = token({ sub: 'chen.ju', role: 'bureau-official' });
  for (const code of Object.keys(BOARDING)) {
    const { reply } = await call('GET', `${base}/dormitories?schoolId=${code}`, { bearer: official });
    const beds = reply.items.reduce((n: number, b: { beds: number }) => n + b.beds, 0);
    const occupied = reply.items.reduce((n: number, b: { occupied: number }) => n + b.occupied, 0);
    expect(Math.abs(occupied / beds - BOARDING[code].occupancy)).toBeLessThan(0.12);
  }
  const greening = await call('GET', `${base}/green-areas?schoolId=S001`, { bearer: official });
  expect(greening.reply.items.length).toBeGreaterThanOrEqual(3);
}, 300_000); // ~1,500 commands: about 100 s on a shared 2-core machine
