import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeProtectedHeader } from 'jose';
import { sql } from '@houqin/testing';
import { IDENTITY_CONFIG, IdentityConfig } from '../src/application/identity-config';
import { KEY_ENCRYPTION, SigningKeys } from '../src/application/signing-keys';
import { KeyEncryption } from '../src/infrastructure/key-secret';
import { IdentityTestApp } from './support/identity-app';

/**
 * Two replicas of identity over one table (the second a SigningKeys of its own, with its own copy of the
 * keys, on the same database), by the test's clock: a rotation by either is published by both within the
 * key cache's 5 s, both sign with the same key at every moment, and a scheduled rotation checked by both
 * creates one key.
 */
const identity = new IdentityTestApp('identity_keys', undefined, { IDENTITY_KEY_ACTIVATION_DELAY_MS: '20000' });
const { clock } = identity;
let app: INestApplication;
let a: SigningKeys;
let b: SigningKeys;

beforeAll(async () => {
  app = await identity.start();
  a = app.get(SigningKeys);
  b = new SigningKeys(app.get(DataSource), clock, app.get<IdentityConfig>(IDENTITY_CONFIG), app.get<KeyEncryption>(KEY_ENCRYPTION));
  await b.onModuleInit(); // as a replica starting: the key is there already, nothing is created
});
afterAll(() => identity.stop());

const kidOf = async (keys: SigningKeys) => decodeProtectedHeader(await keys.sign({ sub: 'someone' })).kid;
const kids = async (keys: SigningKeys) => (await keys.publishedKeys()).map((k) => (k as { kid: string }).kid).sort();

it('starts with one key, which both replicas sign with', async () => {
  expect(await sql(identity.schema, 'SELECT kid FROM signing_keys')).toHaveLength(1);
  expect(await kidOf(b)).toBe(await kidOf(a));
});

it('pre-publishes a rotation on every replica before either signs with it, then both switch at its activation', async () => {
  const old = await kidOf(a);
  await kids(b); // b's copy is fresh now
  const rotation = await a.rotateIfDue({ force: true });
  expect(rotation).toMatchObject({ rotated: true, immediate: false });
  expect(rotation.activatesAt.getTime() - clock.now().getTime()).toBe(20_000);
  expect(await kids(a)).toEqual([old, rotation.kid].sort());
  clock.advance({ seconds: 5 }); // b rereads the table: the key cache's age
  expect(await kids(b)).toEqual([old, rotation.kid].sort());
  clock.advance({ seconds: 14, ms: 999 });
  expect([await kidOf(a), await kidOf(b)]).toEqual([old, old]);
  // b asked to rotate meanwhile answers the key waiting: no third key.
  expect(await b.rotateIfDue({ force: true })).toMatchObject({ rotated: false, kid: rotation.kid });
  clock.advance({ ms: 1 });
  expect([await kidOf(a), await kidOf(b)]).toEqual([rotation.kid, rotation.kid]);
  expect((await b.status()).signing).toBe(rotation.kid);
});

it('a scheduled rotation checked by both replicas creates one key, pre-published like the others', async () => {
  const signing = await kidOf(a);
  expect(await a.rotateIfDue()).toMatchObject({ rotated: false, kid: signing }); // not due yet
  clock.advance({ days: 30 });
  const [first, second] = [await a.rotateIfDue(), await b.rotateIfDue()];
  expect(first).toMatchObject({ rotated: true });
  expect(second).toMatchObject({ rotated: false, kid: first.kid, activatesAt: first.activatesAt });
  expect(await kidOf(b)).toBe(signing);
  clock.set(first.activatesAt.toISOString());
  expect([await kidOf(a), await kidOf(b)]).toEqual([first.kid, first.kid]);
});

it('an immediate rotation while a key waits signs at once (on the other replica within its key cache) and withdraws the waiting key', async () => {
  const waiting = await a.rotateIfDue({ force: true });
  const now = await b.rotateIfDue({ force: true, immediate: true });
  expect(now).toMatchObject({ rotated: true, immediate: true, activatesAt: clock.now() });
  expect(await kidOf(b)).toBe(now.kid);
  // The other replica learns it when its copy of the table is 5 s old (nothing is announced ahead).
  clock.advance({ seconds: 5 });
  expect([await kidOf(a), await kidOf(b)]).toEqual([now.kid, now.kid]);
  expect(await kids(a)).not.toContain(waiting.kid);
  clock.set(waiting.activatesAt.toISOString());
  expect([await kidOf(a), await kidOf(b)]).toEqual([now.kid, now.kid]);
});
