import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { EventEnvelope, GOODS_RECEIPT_STREAM_TYPE, GoodsReceiptAccepted, SCHOOL_STREAM_TYPE, TopicName, Topics } from '@houqin/contracts';
import { createKafka, ensureTopics, KafkaEventPublisher, kafkaConfigFromEnv, toOutgoingMessage, topicName } from '@houqin/messaging';
import { token, uniqueName } from '@houqin/testing';
import { connectProcurementConsumer } from '../src/infrastructure/procurement-transport';
import { FacilitiesTestApp } from './support/facilities-app';
import { ledgerAsset } from './support/ledger-assets';

/**
 * Pending assets from procurement, through the real Kafka and HTTP: a GoodsReceiptAccepted published on
 * procurement's topic is consumed by facilities' own group; each unit of equipment is pending (consumables are
 * not), a redelivery adds nothing; registering one takes it off the list, once.
 */
const run = uniqueName('proc');
const ENV = { KAFKA_TOPIC_PREFIX: `${run}.`, FACILITIES_PROCUREMENT_CONSUMER_GROUP: `${run}-facilities-procurement`, FACILITIES_SCHOOLS_CONSUMER_GROUP: `${run}-facilities-schools` };
const facilities = new FacilitiesTestApp('facilities_pending');
let app: INestApplication;

beforeAll(async () => {
  Object.assign(process.env, ENV);
  app = await facilities.start();
  await connectProcurementConsumer(app);
});
afterAll(async () => {
  await facilities.stop();
  const admin = createKafka(kafkaConfigFromEnv('facilities-test')).admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(ENV.KAFKA_TOPIC_PREFIX));
  if (topics.length) await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
  for (const name of Object.keys(ENV)) delete process.env[name];
});

const admin = token({ sub: 'admin.wang', role: 'school-admin', schoolId: 'S001' });
const otherAdmin = token({ sub: 'admin.zhao', role: 'school-admin', schoolId: 'S002' });
const http = () => request(app.getHttpServer());
let keys = 0;

function receipt(schoolId: string): EventEnvelope {
  const receiptId = randomUUID();
  const payload: GoodsReceiptAccepted = {
    receiptId,
    schoolId,
    fundingSource: 'fiscal',
    items: [
      { itemId: 'L1', name: '交互式电子白板', category: '2020000', model: 'SEEWO-86', quantity: 2, unitPriceFen: 1_280_000, supplier: '希沃科技', isEquipment: true },
      { itemId: 'L2', name: '白板笔', quantity: 50, unitPriceFen: 300, supplier: '晨光文具', isEquipment: false },
    ],
    acceptedBy: 'zong.wu',
    acceptedAt: '2026-11-20T02:00:00.000Z',
  };
  return {
    eventId: randomUUID(),
    type: 'GoodsReceiptAccepted',
    schemaVersion: 1,
    source: 'procurement',
    streamId: `${GOODS_RECEIPT_STREAM_TYPE}-${receiptId}`,
    streamType: GOODS_RECEIPT_STREAM_TYPE,
    streamVersion: 1,
    globalPosition: '1',
    schoolId,
    payload: payload as unknown as Record<string, unknown>,
    metadata: { actor: { id: 'zong.wu', role: 'school-admin' }, correlationId: randomUUID(), occurredAt: payload.acceptedAt },
    hash: 'a'.repeat(64),
    prevHash: '0'.repeat(64),
  };
}

async function publish(events: EventEnvelope[], base: TopicName = Topics.procurementEvents): Promise<void> {
  const kafka = kafkaConfigFromEnv('procurement-test');
  const topic = topicName(kafka, base);
  await ensureTopics(createKafka(kafka), [{ topic }]);
  const publisher = new KafkaEventPublisher(kafka);
  try {
    await publisher.publish(events.map((e) => toOutgoingMessage(topic, e)));
  } finally {
    await publisher.disconnect();
  }
}

async function pendingOnce(bearer: string, count: number): Promise<{ pendingAssetId: string; name: string; unit: number; units: number; unitPriceFen: number }[]> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const { body } = await http().get('/assets/pending').set('authorization', `Bearer ${bearer}`);
    if (body.items?.length === count) return body.items;
  }
  throw new Error(`never ${count} pending assets`);
}

it('a goods receipt on procurement’s topic becomes pending assets (equipment, one per unit); registering one takes it off, once', async () => {
  const accepted = receipt('S001');
  await publish([accepted, receipt('S002')]);
  const pending = await pendingOnce(admin, 2);
  expect(pending.map((p) => [p.name, p.unit, p.units, p.unitPriceFen])).toEqual([
    ['交互式电子白板', 1, 2, 1_280_000],
    ['交互式电子白板', 2, 2, 1_280_000],
  ]);

  await publish([accepted]); // redelivered: nothing new
  await new Promise((r) => setTimeout(r, 1000));
  expect(await pendingOnce(admin, 2)).toHaveLength(2);

  const registered = await http().post(`/assets/pending/${pending[0].pendingAssetId}/register`).set({ authorization: `Bearer ${admin}`, 'idempotency-key': `pend-${++keys}-${run}` })
    .send({ location: { building: '教学楼', floor: '2F', room: '201' }, serialNumber: 'SW86-0001' }).expect(201);
  expect(registered.body).toMatchObject({ assetId: pending[0].pendingAssetId, pendingAssetId: pending[0].pendingAssetId });
  const asset = await http().get(`/assets/${registered.body.assetId}`).set('authorization', `Bearer ${admin}`).expect(200);
  expect(asset.body).toMatchObject({ name: '交互式电子白板', model: 'SEEWO-86', priceFen: 1_280_000, supplier: '希沃科技', purchaseDate: '2026-11-20', fundingSource: 'fiscal', category: '2020000', pendingAssetId: pending[0].pendingAssetId });

  const left = await http().get('/assets/pending').query({ consistentWith: registered.body.position }).set('authorization', `Bearer ${admin}`).expect(200);
  expect(left.body.items.map((p: { pendingAssetId: string }) => p.pendingAssetId)).toEqual([pending[1].pendingAssetId]);
  await http().post(`/assets/pending/${pending[0].pendingAssetId}/register`).set({ authorization: `Bearer ${admin}`, 'idempotency-key': `pend-${++keys}-${run}` })
    .send({ location: { building: '教学楼' } }).expect(409);

  // Another school sees its own, and cannot register ours.
  expect(await pendingOnce(otherAdmin, 2)).toHaveLength(2);
  await http().post(`/assets/pending/${pending[1].pendingAssetId}/register`).set({ authorization: `Bearer ${otherAdmin}`, 'idempotency-key': `pend-${++keys}-${run}` })
    .send({ location: { building: '教学楼' } }).expect(404);
  await http().post(`/assets/pending/${pending[1].pendingAssetId}/register`).set({ authorization: `Bearer ${admin}`, 'idempotency-key': `pend-${++keys}-${run}` }).send({}).expect(400);
  await http().get('/assets/pending').set('authorization', `Bearer ${token({ sub: 'a', role: 'auditor' })}`).expect(403);
});

it('the public QR page names the school as identity registered it (facilities-schools group on identity’s topic)', async () => {
  const envelope = (type: string, streamVersion: number, name: string): EventEnvelope => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    source: 'identity',
    streamId: 'School-S001',
    streamType: SCHOOL_STREAM_TYPE,
    streamVersion,
    globalPosition: String(streamVersion),
    schoolId: 'S001',
    payload: { schoolId: 'S001', name, type: 'primary', address: '城东路1号', boarding: false, canteen: true, schoolBuses: false, floorAreaM2: 12000, ...(type === 'SchoolRegistered' ? { registeredBy: 'sys', registeredAt: '2026-09-01T00:00:00.000Z' } : { changedBy: 'sys', changedAt: '2026-10-01T00:00:00.000Z' }) },
    metadata: { actor: { id: 'sys', role: 'system-admin' }, correlationId: randomUUID(), occurredAt: '2026-09-01T00:00:00.000Z' },
    hash: 'a'.repeat(64),
    prevHash: '0'.repeat(64),
  });
  const renamed = envelope('SchoolProfileChanged', 2, '城东实验小学');
  await publish([envelope('SchoolRegistered', 1, '实验小学'), renamed], Topics.identityEvents);
  const { assetId } = await ledgerAsset(app, 'S001');
  const link = await http().post('/report-links').set({ authorization: `Bearer ${admin}`, 'idempotency-key': `pend-${++keys}-${run}` }).send({ assetId }).expect(201);
  for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 200))) {
    const page = await http().get(`/public/report-links/${link.body.token}`).expect(200);
    if (page.body.school.name === '城东实验小学') break;
    if (Date.now() > deadline) throw new Error(`the school's name never arrived: ${JSON.stringify(page.body.school)}`);
  }
  await publish([envelope('SchoolRegistered', 1, '实验小学')], Topics.identityEvents); // an older event again: the newer name stays
  await new Promise((r) => setTimeout(r, 1500));
  expect((await http().get(`/public/report-links/${link.body.token}`).expect(200)).body.school.name).toBe('城东实验小学');
});
