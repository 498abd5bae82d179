// Demo QR report labels and stocktakes for every demo school, through the real HTTP APIs, after the asset ledger
// (demo/assets.js): labels printed for the teaching building's assets, two faults reported by scanning them (no
// login, as a teacher would), the library's stocktake marked and closed, and the lab building's stocktake left open.
// One seeding account per school (demo.seed.s001.intake, school-admin), disabled afterwards: disabled = seeded; a run
// stopped half-way resends the same commands under the same idempotency keys.
const { pickLedgerAsset } = require('./assets');

async function seedSchoolIntake(admin, school, n, h) {
  const username = `demo.seed.${school.code.toLowerCase()}.intake`;
  const existing = await h.findAccount(admin, username);
  if (existing?.status === 'disabled') return false;
  const session = await h.seedingSession(
    admin,
    { username, displayName: `演示数据·盘点与二维码（${school.name}）`, phone: `139571006${String(10 + n)}`, role: 'school-admin', schoolId: school.code, posts: ['logistics-director'] },
    existing,
  );
  const base = h.facilitiesBase;
  const bearer = session.bearer;
  const key = (...parts) => ['demo-intake', school.code, ...parts].join('-');
  const listed = await h.call('GET', `${base}/assets?limit=200`, { bearer });
  const assets = (listed.reply.items ?? []).filter((a) => a.ledgerStatus !== 'disposed');

  const inTeaching = assets.filter((a) => a.location.building === '教学楼');
  // Each fault is scanned on the label of the asset it is about (a projector's, an air conditioner's), so the report
  // names that asset under its category.
  const faults = [['投影仪画面偏黄，看不清板书', '物理组 赵老师', '教室投影仪'], ['空调开机后不制冷', '三年级 班主任', '教室柜式空调']].map(
    ([title, reporterName, assetName]) => ({ title, reporterName, asset: pickLedgerAsset(inTeaching, assetName) }),
  );
  const scanned = faults.map((f) => f.asset?.assetId).filter(Boolean);
  const teaching = [...new Set([...scanned, ...inTeaching.map((a) => a.assetId)])].slice(0, 40);
  if (teaching.length > 0) {
    const sheet = await h.post(`${base}/report-links/label-sheet`, bearer, key('labels'), { assetIds: teaching });
    for (const [i, { title, reporterName, asset }] of faults.entries()) {
      const label = asset && sheet.labels?.find((l) => l.assetId === asset.assetId);
      if (label) await h.call('POST', `${base}/public/report-links/${label.path.slice(3)}/reports`, { key: key('qr', i), body: { title, reporterName } });
    }
  }

  const library = await h.post(`${base}/stocktakes`, bearer, key('library'), { location: { building: '图书馆' }, title: '本学期图书馆盘点' });
  if (library.stocktakeId) {
    const detail = await h.call('GET', `${base}/stocktakes/${library.stocktakeId}`, { bearer });
    for (const asset of detail.reply.expected ?? []) {
      await h.post(`${base}/stocktakes/${library.stocktakeId}/items/${asset.assetId}`, bearer, key('library', asset.assetId), { finding: 'found' });
    }
    await h.post(`${base}/stocktakes/${library.stocktakeId}/unlisted`, bearer, key('library', 'chairs'), { description: '阅览椅 6 把（未入账）' });
    await h.post(`${base}/stocktakes/${library.stocktakeId}/close`, bearer, key('library', 'close'), { unmarkedAsMissing: true });
  }
  await h.post(`${base}/stocktakes`, bearer, key('lab'), { location: { building: '实验楼' }, title: '实验楼期末盘点' });
  await h.command(admin, `${h.identity}/accounts/${session.id}/disable`, username);
  return true;
}

/** Every demo school's QR labels and stocktakes. `h`: seed-demo.js's HTTP and account helpers. Never fails the seeding. */
async function seedAssetIntake(admin, h) {
  let seeded = 0;
  try {
    for (const [i, school] of h.districtSchools.entries()) if (await seedSchoolIntake(admin, school, i + 1, h)) seeded += 1;
    h.say(seeded > 0 ? `demo QR labels and stocktakes: ${seeded} schools (two scanned reports, a closed library stocktake, an open lab one each)` : 'demo QR labels and stocktakes seeded already, nothing new');
  } catch (error) {
    h.say(`demo QR labels and stocktakes skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

module.exports = { seedAssetIntake };
