// Demo greening records (绿化档案) of every demo school, through the real HTTP APIs: 3-5 green areas per school (lawns,
// flower beds, a woodland strip, hedges), their trees (school-yard species, some 古树名木 at the older schools), and a
// term of care: watering every other week until October, pruning monthly, fertilising in September, weeding in
// October and one pest control with its pesticide and safety interval. One seeding account per school
// (demo.seed.s001.green, school-admin), disabled afterwards (disabled = seeded; a resumed run resends the same keys).

const { facilitiesRunning, unit } = require('./dormitories');

const AREAS = [
  { name: '南操场草坪', location: '南操场西侧', kind: 'lawn', m2: 1800 },
  { name: '教学楼前花坛', location: '教学楼正门', kind: 'flower-bed', m2: 260 },
  { name: '围墙林带', location: '东侧围墙内', kind: 'woodland', m2: 950 },
  { name: '食堂绿篱', location: '食堂北侧', kind: 'hedge', m2: 180 },
  { name: '劳动实践种植园', location: '实验楼后', kind: 'planting-garden', m2: 420 },
];
const TREES = [
  { species: 'Cinnamomum camphora', speciesZh: '香樟', count: 24, location: '主干道两侧' },
  { species: 'Osmanthus fragrans', speciesZh: '桂花', count: 16, location: '花坛周边' },
  { species: 'Ginkgo biloba', speciesZh: '银杏', count: 6, location: '操场北角' },
  { species: 'Magnolia grandiflora', speciesZh: '广玉兰', count: 8, location: '行政楼前' },
  { species: 'Prunus serrulata', speciesZh: '樱花', count: 12, location: '林带南段' },
];
const PESTICIDES = [
  { name: '吡虫啉', safetyIntervalDays: 7 },
  { name: '阿维菌素', safetyIntervalDays: 10 },
];
const GARDENERS = ['园林组 陈师傅', '绿化公司 养护二队', '后勤 张师傅'];

/** Care days of the term so far (Beijing 09:00), each with its kind. */
function careDays(year, now) {
  const days = [];
  const add = (month, day, kind) => {
    const at = `${month < 9 ? year + 1 : year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T09:00:00+08:00`;
    if (Date.parse(at) < now - 60_000) days.push({ at, kind });
  };
  for (const [m, d] of [[9, 3], [9, 17], [10, 1], [10, 15], [10, 29]]) add(m, d, 'watering');
  for (const m of [9, 10, 11, 12]) add(m, 20, 'pruning');
  add(9, 10, 'fertilising');
  add(10, 22, 'weeding');
  add(11, 6, 'pest-control');
  return days.sort((a, b) => a.at.localeCompare(b.at));
}

async function seedSchoolGreening(admin, school, n, h, year) {
  const username = `demo.seed.${school.code.toLowerCase()}.green`;
  const existing = await h.findAccount(admin, username);
  if (existing?.status === 'disabled') return 0;
  const session = await h.seedingSession(
    admin,
    { username, displayName: `演示数据·绿化（${school.name}）`, phone: `139571009${String(70 + n)}`, role: 'school-admin', schoolId: school.code, posts: ['logistics-director'] },
    existing,
  );
  const base = `${h.facilitiesBase}/green-areas`;
  const key = (...parts) => ['demo-green', school.code, ...parts].join('-');
  const scale = Math.max(0.4, Math.min(2, school.floorAreaM2 / 30000));
  const areas = AREAS.filter((_, i) => i < 3 || unit(school.code, i) < 0.6);
  let sent = 0;
  for (const [a, area] of areas.entries()) {
    const m2 = (area.m2 * scale * (0.85 + unit(school.code, a, 'm2') * 0.3)).toFixed(2);
    const { id } = await h.post(base, session.bearer, key(a, 'register'), { name: area.name, location: area.location, areaM2: m2, kind: area.kind });
    const trees = [];
    for (const [t, tree] of TREES.entries()) {
      if (area.kind !== 'woodland' && area.kind !== 'lawn' && t > 1) continue;
      if (unit(school.code, a, t) > 0.7) continue;
      const notable = tree.speciesZh === '银杏' && ['S002', 'S005'].includes(school.code) && a === 0;
      const planted = notable ? '1956-03-12' : `${1995 + Math.floor(unit(school.code, a, t, 'y') * 28)}-03-12`;
      const answer = await h.post(`${base}/${id}/trees`, session.bearer, key(a, t, 'trees'), { ...tree, count: notable ? 2 : Math.max(1, Math.round(tree.count * scale)), plantedOn: planted, notable });
      trees.push(answer);
      sent++;
    }
    for (const [c, { at, kind }] of careDays(year, Date.now()).entries()) {
      if (kind === 'watering' && area.kind === 'woodland') continue;
      const pesticide = kind === 'pest-control' ? PESTICIDES[Math.floor(unit(school.code, a) * PESTICIDES.length)] : undefined;
      await h.post(`${base}/${id}/care`, session.bearer, key(a, c, kind), {
        kind,
        performedBy: GARDENERS[Math.floor(unit(school.code, a, c) * GARDENERS.length)],
        ...(pesticide ? { pesticide, note: '喷施后设置警示牌，安全间隔期内禁止学生进入' } : kind === 'pruning' ? { note: '修剪枯枝、整形' } : {}),
        occurredAt: at,
      });
      sent++;
    }
  }
  await h.command(admin, `${h.identity}/accounts/${session.id}/disable`, username);
  return sent;
}

/** Every demo school's green areas, trees and a term of care. `h`: seed-demo.js's helpers. */
async function seedGreening(admin, h) {
  if (!(await facilitiesRunning(h, 'demo greening'))) return;
  const beijing = new Date(Date.now() + 8 * 3_600_000);
  const year = beijing.getUTCMonth() + 1 >= 9 ? beijing.getUTCFullYear() : beijing.getUTCFullYear() - 1;
  let sent = 0;
  for (const [i, school] of h.districtSchools.entries()) sent += await seedSchoolGreening(admin, school, i + 1, h, year);
  h.say(sent > 0 ? `demo greening: green areas, trees and ${sent} tree and care records in ${h.districtSchools.length} schools` : 'demo greening seeded already, nothing new');
}

module.exports = { seedGreening, careDays };
