import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CommandRunner, IdempotencyKey } from '@houqin/event-store';
import { sql, token } from '@houqin/testing';
import { StocktakeAssetFacts } from '../src/application/stocktake-asset-facts';
import { stocktakeDecider } from '../src/domain/stocktake';
import { FacilitiesTestApp } from './support/facilities-app';
import { ledgerAsset } from './support/ledger-assets';

/**
 * 盘点结果入账 through the process manager, on the real module and PostgreSQL: a close committed without its request
 * applying anything (a crash right after it, or an answer lost and never retried) still reaches every asset by tick()
 * (timer off here), once, also across a crash between an asset's fact and its outcome row, and with two replicas.
 */
const TIMER = 'FACILITIES_STOCKTAKE_ASSET_FACTS_INTERVAL_MS';
process.env[TIMER] = '0';
const facilities = new FacilitiesTestApp('facilities_stfacts');
const { schema, apps } = facilities;
const app = () => apps[0];
const processManager = () => app().get(StocktakeAssetFacts);
beforeAll(() => facilities.start());
afterAll(async () => {
  await facilities.stop();
  delete process.env[TIMER];
});

let schools = 0;
let keys = 0;
const at101 = { building: '实验楼', floor: '1F', room: '101' };

/** A stocktake of 101 with a missing microscope and a damaged bench, closed by the command alone (no request after it). */
async function closedWithoutItsRequest() {
  const schoolId = `T${++schools}-${schema.slice(-8)}`;
  const admin = token({ sub: `admin.${schools}`, role: 'school-admin', schoolId });
  const post = (path: string, body: object) => request(app().getHttpServer()).post(path).set({ authorization: `Bearer ${admin}`, 'idempotency-key': `stf-${++keys}-${schema}` }).send(body);
  const microscope = await ledgerAsset(app(), schoolId, { name: '显微镜', location: at101 });
  const bench = await ledgerAsset(app(), schoolId, { name: '实验台', location: at101 });
  const opened = await post('/stocktakes', { location: at101, consistentWith: bench.position }).expect(201);
  const id = opened.body.stocktakeId as string;
  await post(`/stocktakes/${id}/items/${microscope.assetId}`, { finding: 'missing' }).expect(200);
  await post(`/stocktakes/${id}/items/${bench.assetId}`, { finding: 'damaged', note: '台面腐蚀' }).expect(200);
  const ctx = { actorId: `admin.${schools}`, role: 'school-admin', schoolId, correlationId: randomUUID(), idempotency: undefined as unknown as IdempotencyKey };
  await app().get(CommandRunner).run(stocktakeDecider, id, { type: 'CloseStocktake', data: { unmarkedAsMissing: false } }, ctx);
  return { id, microscope: microscope.assetId, bench: bench.assetId };
}
const assetFacts = (assetId: string) => sql<{ type: string }>(schema, `SELECT type FROM events WHERE stream_id = $1 AND type <> 'AssetRegistered' ORDER BY stream_version`, [`Asset-${assetId}`]);
const outcomes = (stocktakeId: string) => sql<{ kind: string; outcome: string }>(schema, `SELECT kind, outcome FROM stocktake_asset_facts WHERE stocktake_id = $1 ORDER BY kind`, [stocktakeId]);

describe('a closed stocktake reaches its assets (process manager)', () => {
  it('applies each difference by tick(), once, and again only what a crash left without its outcome row', async () => {
    const { id, microscope, bench } = await closedWithoutItsRequest();
    expect(await assetFacts(microscope)).toEqual([]);

    expect(await processManager().tick()).toBe(2);
    expect(await processManager().tick()).toBe(0);
    expect(await assetFacts(microscope)).toEqual([{ type: 'AssetReportedMissing' }]);
    expect(await assetFacts(bench)).toEqual([{ type: 'AssetReportedDamaged' }]);
    expect(await outcomes(id)).toEqual([
      { kind: 'damaged', outcome: 'recorded' },
      { kind: 'missing', outcome: 'recorded' },
    ]);

    // A crash after the asset facts and before their outcome rows: the next pass records nothing twice.
    await sql(schema, `DELETE FROM stocktake_asset_facts WHERE stocktake_id = $1`, [id]);
    expect(await processManager().tick()).toBe(2);
    expect(await assetFacts(microscope)).toEqual([{ type: 'AssetReportedMissing' }]);
    expect(await assetFacts(bench)).toEqual([{ type: 'AssetReportedDamaged' }]);
    expect(await processManager().tick()).toBe(0);
  });

  it('after a restart, and with two replicas passing at once, each difference is applied once', async () => {
    const { id, microscope, bench } = await closedWithoutItsRequest();
    await apps.shift()!.close();
    await facilities.start();
    const second = await facilities.start();
    const recorded = await Promise.all([processManager().tick(), second.get(StocktakeAssetFacts).tick()]);
    expect(recorded[0] + recorded[1]).toBe(2);
    expect(await assetFacts(microscope)).toHaveLength(1);
    expect(await assetFacts(bench)).toHaveLength(1);
    expect(await outcomes(id)).toHaveLength(2);
  });
});
