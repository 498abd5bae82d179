// Demo asset ledger (校产台账) for every demo school, through the real HTTP APIs: 30–60 assets per school (computers,
// projectors, furniture, lab instruments, sports and canteen equipment, a school bus where the school runs one, the
// library's books, the dormitories' water heater where the school boards), bought over the last ten years at
// realistic prices; some moved, some lent to teachers, a few with maintenance records; one cheap asset scrapped through
// the school head alone, and one costly one (¥50,000 or more: the district's facilities.asset.disposalBureauApproval)
// approved by the school head and awaiting the bureau. Seeded before the demo work orders (demo/work-orders.js), which
// name some of these assets (pickLedgerAsset).
// One seeding account per school (demo.seed.s001.assets, school-admin), disabled afterwards: disabled = seeded, a second
// run creates nothing; a run stopped half-way resends the same commands under the same idempotency keys.

/** [category, name, model, price in yuan, building, room, how many (before the school's size factor), supplier]. */
const TEMPLATES = [
  ['2010104', '学生用台式计算机', 'ThinkCentre M730t', 4_680, '实验楼', '3F 计算机教室', 12, '联想（北京）有限公司'],
  ['2010104', '教师办公计算机', 'OptiPlex 7090', 5_299, '行政楼', '2F 教师办公室', 4, '戴尔（中国）有限公司'],
  ['2010105', '教师笔记本电脑', 'ThinkPad E14', 5_899, '行政楼', '2F 教务处', 2, '联想（北京）有限公司'],
  ['2010199', '校园网核心交换机', 'S5735-L48T4X', 18_600, '综合楼', '4F 网络机房', 1, '华为技术有限公司'],
  ['2020000', '教室投影仪', 'EB-X51', 3_299, '教学楼', '教室', 6, '爱普生（中国）有限公司'],
  ['2020000', '智慧黑板（交互式一体机）', 'MAXHUB V6 86"', 26_800, '教学楼', '教室', 2, '视源电子股份有限公司'],
  ['2020000', '多功能复印机', 'imageRUNNER 2630', 18_900, '行政楼', '1F 文印室', 1, '佳能（中国）有限公司'],
  ['2100000', '学生光学显微镜', 'XSP-2CA', 1_280, '实验楼', '2F 生物实验室', 6, '宁波舜宇仪器有限公司'],
  ['2100000', '数字化实验传感器套装', 'DISLab 2.0', 9_800, '实验楼', '1F 物理实验室', 1, '朗威教育科技'],
  ['2090000', '校园广播系统', 'IP-9000', 58_000, '综合楼', '1F 广播室', 1, '锐新电子科技'],
  ['3230000', '篮球架（液压）', 'TY-2018', 8_600, '体育馆', '篮球场', 2, '泰山体育产业集团'],
  ['3230000', '乒乓球台', 'Rainbow-25', 2_680, '体育馆', '乒乓球室', 3, '红双喜'],
  ['3220000', '立式钢琴', 'UP-118', 23_800, '艺术楼', '2F 音乐教室', 1, '珠江钢琴集团'],
  ['3210000', '商用蒸饭柜', 'ZF-24', 6_900, '食堂', '操作间', 2, '美厨商用厨具'],
  ['3210000', '商用消毒柜', 'RTP-700', 4_200, '食堂', '洗消间', 1, '康宝电器'],
  ['2050000', '教室柜式空调', 'KFR-72LW', 7_999, '教学楼', '教室', 3, '格力电器'],
  ['3600000', '视频监控系统', 'DS-96064N', 86_000, '行政楼', '1F 安保室', 1, '海康威视'],
  ['6010000', '学生课桌椅（套）', 'KZ-08', 420, '教学楼', '教室', 8, '浙江校具有限公司'],
  ['6010000', '教师办公桌', 'BG-1400', 1_350, '行政楼', '2F 教师办公室', 3, '浙江校具有限公司'],
  ['6020000', '图书馆书架', 'SJ-2000', 880, '图书馆', '阅览室', 3, '浙江校具有限公司'],
  ['5000000', '馆藏图书（批）', undefined, 120_000, '图书馆', '书库', 1, '新华书店'],
];
const BUS = ['2030000', '校车（专用校车）', 'ZK6729DX', 486_000, '车库', '校车停车场', 1, '宇通客车'];
/** Boarding schools: the dormitories' hot water (the demo work orders report it failing twice). */
const DORM_HEATER = ['2050000', '空气能热水机组', 'KFXRS-40II', 68_000, '学生公寓', '屋顶热水机房', 1, '格力电器'];

const pad = (n) => String(n).padStart(2, '0');
/** A deterministic number in [0, 1) per key, so every run builds the same ledger. */
function unit(...parts) {
  let h = 2166136261;
  for (const c of parts.join('|')) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return (h % 10_000) / 10_000;
}

/** The school's ledger: its templates scaled to its size (30–60 assets), each with a purchase day in the last ten years. */
function ledgerOf(school, today) {
  const factor = Math.min(0.85, Math.max(0.35, school.students / 3000));
  const templates = [...TEMPLATES, ...(school.schoolBuses ? [BUS] : []), ...(school.boarding ? [DORM_HEATER] : [])];
  const thisYear = Number(today.slice(0, 4));
  const assets = [];
  for (const [category, name, model, yuan, building, room, count, supplier] of templates) {
    const n = Math.max(1, Math.round(count * factor));
    for (let i = 0; i < n && assets.length < 60; i++) {
      const u = unit(school.code, name, i);
      const year = thisYear - 1 - Math.floor(u * 9);
      const purchaseDate = `${year}-${pad(1 + Math.floor(u * 97) % 12)}-${pad(1 + Math.floor(u * 131) % 28)}`;
      const roomText = room === '教室' ? `${1 + (i % 4)}0${1 + (i % 6)}` : room;
      assets.push({
        category,
        name,
        ...(model && { model }),
        ...(model && { serialNumber: `${school.code}-${category.slice(0, 4)}-${year}-${pad(i + 1)}` }),
        purchaseDate: purchaseDate > today ? today : purchaseDate,
        priceFen: yuan * 100,
        supplier,
        fundingSource: u < 0.08 ? 'donation' : u < 0.2 ? 'self-raised' : 'fiscal',
        location: { building, room: roomText },
        custodian: building === '实验楼' ? '实验室管理员' : building === '食堂' ? '食堂主管' : building === '图书馆' ? '图书管理员' : '后勤处',
      });
    }
  }
  return assets;
}

const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const inDays = (today, days) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function seedSchoolAssets(admin, school, n, h) {
  const username = `demo.seed.${school.code.toLowerCase()}.assets`;
  const existing = await h.findAccount(admin, username);
  if (existing?.status === 'disabled') return 0;
  const session = await h.seedingSession(
    admin,
    { username, displayName: `演示数据·资产（${school.name}）`, phone: `139571007${String(10 + n)}`, role: 'school-admin', schoolId: school.code, posts: ['logistics-director'] },
    existing,
  );
  const base = `${h.facilitiesBase}/assets`;
  const key = (...parts) => ['demo-asset', school.code, ...parts].join('-');
  const today = beijingToday();
  const ledger = ledgerOf(school, today);
  const ids = [];
  for (const [i, asset] of ledger.entries()) ids.push((await h.post(base, session.bearer, key(i, 'register'), asset)).assetId);

  const act = (i, step, path, body) => h.post(`${base}/${ids[i]}/${path}`, session.bearer, key(i, step), body);
  const indexOf = (name, nth = 0) => ledger.map((a, i) => [a, i]).filter(([a]) => a.name === name)[nth]?.[1];
  // Lent: two laptops or projectors to teachers, a microscope to the science club.
  for (const [name, nth, borrower] of [['教室投影仪', 0, '王老师（公开课）'], ['学生光学显微镜', 1, '科技社团 陈老师'], ['教师笔记本电脑', 0, '李老师（外出培训）']]) {
    const i = indexOf(name, nth);
    if (i !== undefined) await act(i, 'lend', 'lend', { borrower, dueBackOn: inDays(today, 14) });
  }
  // Moved: a projector to the lecture hall, a piano to the new arts room.
  for (const [name, nth, location, custodian] of [['教室投影仪', 1, { building: '综合楼', floor: '1F', room: '报告厅' }, '教务处'], ['立式钢琴', 0, { building: '艺术楼', floor: '3F', room: '合唱教室' }, '艺术组 周老师']]) {
    const i = indexOf(name, nth);
    if (i !== undefined) await act(i, 'move', 'move', { location, custodian });
  }
  // Maintenance.
  for (const [name, what, costFen, performedBy] of [['教室柜式空调', '清洗滤网、补充冷媒', 38_000, '格力售后服务中心'], ['多功能复印机', '更换定影组件', 120_000, '佳能授权服务商'], ['篮球架（液压）', '液压杆检修', 45_000, '泰山体育售后']]) {
    const i = indexOf(name);
    if (i !== undefined) await act(i, 'maintain', 'maintenance', { what, costFen, performedBy });
  }
  // Disposals: an old desktop scrapped by the school head; a costly item awaiting the bureau.
  const oldPc = ledger.map((a, i) => [a, i]).filter(([a]) => a.name === '学生用台式计算机').sort(([a], [b]) => a.purchaseDate.localeCompare(b.purchaseDate))[0]?.[1];
  if (oldPc !== undefined) {
    await act(oldPc, 'dispose-request', 'disposal', { method: 'scrapped', reason: '主板老化频繁死机，已无维修价值' });
    await act(oldPc, 'dispose-approve', 'disposal/approve', { comment: '同意报废' });
    await act(oldPc, 'dispose', 'dispose', { residualValueFen: 5_000, disposedOn: today });
  }
  const costly = indexOf(school.schoolBuses ? '校车（专用校车）' : '校园广播系统');
  if (costly !== undefined) {
    await act(costly, 'bureau-request', 'disposal', { method: 'scrapped', reason: school.schoolBuses ? '车辆使用年限届满，安全检测不合格' : '系统老化、频繁故障，拟整体更新' });
    await act(costly, 'bureau-approve', 'disposal/approve', { comment: '校长办公会同意，报教育局审批' });
  }
  await h.command(admin, `${h.identity}/accounts/${session.id}/disable`, username);
  return ledger.length;
}

/** Every demo school's asset ledger. `h`: seed-demo.js's HTTP and account helpers. */
async function seedAssets(admin, h) {
  try {
    const health = await fetch(`${h.facilitiesBase}/health`, { signal: AbortSignal.timeout(3000) });
    if (!health.ok) throw new Error(String(health.status));
  } catch {
    h.say(`facilities is not running at ${h.facilitiesBase}: demo asset ledger skipped`);
    return;
  }
  let assets = 0;
  for (const [i, school] of h.districtSchools.entries()) assets += await seedSchoolAssets(admin, school, i + 1, h);
  h.say(assets > 0 ? `demo assets: ${assets} assets in ${h.districtSchools.length} schools (some lent, moved, maintained; one scrapped and one awaiting the bureau per school)` : 'demo asset ledger seeded already, nothing new');
}

/**
 * The asset a demo work order names: the school's ledger entry of that name still in the ledger, the one with the
 * lowest serial number (then id), so every run picks the same. `items`: GET /assets items. Undefined when none.
 */
function pickLedgerAsset(items, name) {
  const key = (a) => `${a.serialNumber ?? ''}|${a.assetId}`;
  return items
    .filter((a) => a.name === name && a.ledgerStatus !== 'disposed')
    .sort((a, b) => key(a).localeCompare(key(b)))[0];
}

/**
 * The school's ledger assets of these names (name → asset), as `bearer`'s school lists them. The ledger's list lags
 * its registrations by a moment: it is read again until every name is found, for at most `waitMs`; a name still
 * missing then (a ledger seeded before the asset joined the demo) is left out, and said.
 */
async function ledgerAssetsOf(h, bearer, names, waitMs = 30_000) {
  const found = new Map();
  if (names.length === 0) return found;
  const until = Date.now() + waitMs;
  for (;;) {
    const listed = await h.call('GET', `${h.facilitiesBase}/assets?limit=200`, { bearer });
    if (!listed.ok) throw new Error(`asset ledger: ${listed.status} ${JSON.stringify(listed.reply)}`);
    for (const name of names) {
      const asset = pickLedgerAsset(listed.reply.items ?? [], name);
      if (asset) found.set(name, asset);
    }
    if (names.every((n) => found.has(n)) || Date.now() > until) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const missing = [...new Set(names)].filter((n) => !found.has(n));
  if (missing.length > 0) h.say(`demo work orders: no ${missing.join(', ')} in the school's asset ledger, reported without the asset`);
  return found;
}

module.exports = { seedAssets, ledgerOf, pickLedgerAsset, ledgerAssetsOf };
