// Demo inspections (定期检查 / 巡检) for every demo school, through the real HTTP APIs: plans made on the first day of
// the term (extinguishers monthly, hydrants weekly, the distribution room monthly, sports equipment monthly, the
// library quarterly; lifts every 15 days where the school has a lift, the laboratories monthly in secondary schools),
// then a term of inspections against each plan's standard checklist up to now: mostly on time, a few done after their
// due date (late), a few items failed with a note (facilities' process manager opens a repair work order for each), and
// in some schools the last due inspection of a plan left undone, which the inspection scheduler raises as overdue.
// Two seeding accounts per school: demo.seed.s001.inspect.admin (school-admin) plans, demo.seed.s001.inspect
// (school-staff, 安全员) inspects; both disabled afterwards (disabled = seeded: a second run creates nothing; a run
// stopped half-way resends the same commands under the same idempotency keys and business times, answered again).
// Inspections of days past are 补录 (entered now): the service marks them as late entries, as it should.

const DAY = 86_400_000;

/** The plans of a school: `code` names it in idempotency keys (ASCII). */
function plansOf(school) {
  const secondary = ['junior-secondary', 'complete-secondary', 'senior-secondary', 'nine-year'].includes(school.type);
  const plans = [
    { code: 'ext', name: '教学楼灭火器月检', kind: 'fire-extinguisher', target: { location: '教学楼', assetCategory: '灭火器' }, responsiblePerson: '安全员' },
    { code: 'hyd', name: '室内消火栓周检', kind: 'fire-hydrant', target: { location: '教学楼、实验楼' }, responsiblePerson: '安全员' },
    { code: 'ele', name: '配电房月检', kind: 'electrical', target: { location: '配电房' }, responsiblePerson: '电工' },
    { code: 'sp', name: '体育器材月检', kind: 'sports-equipment', target: { location: '操场与体育馆', assetCategory: '体育器材' }, responsiblePerson: '体育组' },
    { code: 'lib', name: '图书馆季检', kind: 'library', target: { location: '图书馆' }, responsiblePerson: '图书管理员' },
  ];
  if (school.floorAreaM2 >= 20000) plans.push({ code: 'lift', name: '综合楼电梯半月维保', kind: 'elevator', target: { location: '综合楼1号电梯', assetCategory: '电梯' }, responsiblePerson: '电梯维保单位' });
  if (secondary) plans.push({ code: 'lab', name: '化学实验室安全检查', kind: 'laboratory', target: { location: '实验楼3层化学实验室' }, responsiblePerson: '实验员' });
  return plans;
}

/** What a failed item of each kind usually is. */
const FAILURE_NOTES = {
  'fire-extinguisher': '压力表指针在红区，需充装',
  'fire-hydrant': '水带接口老化漏水',
  'fire-alarm': '3楼烟感探测器故障灯常亮',
  electrical: '配电箱漏电保护器试跳不动作',
  elevator: '层门关闭有异响',
  playground: '跑道塑胶面层局部起鼓',
  'sports-equipment': '篮球架底座配重缺失一块',
  laboratory: '洗眼器出水不畅',
  library: '书架一处固定螺栓松动',
};

/** A deterministic number in [0, 1) per school, plan and cycle, so schools differ as real ones do and reruns agree. */
function chance(...parts) {
  let h = 2166136261;
  for (const c of parts.join('|')) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return (h % 10000) / 10000;
}

/** 1 September 08:00 (Beijing) of the current school year. */
function termStart(now) {
  const beijing = new Date(now + 8 * 3_600_000);
  const year = beijing.getUTCMonth() + 1 >= 9 ? beijing.getUTCFullYear() : beijing.getUTCFullYear() - 1;
  return Date.parse(`${year}-09-01T08:00:00+08:00`);
}

/**
 * The inspections of one plan up to now: each due date met a day or two before (or, now and then, two days after:
 * late), the next due one interval after the inspection. In schools picked by `skipLast` the last due date is left
 * open (missed). Answers [{ at, failedItem? }].
 */
function inspectionTimes(school, plan, createdAt, intervalDays, checklist, now, skipLast) {
  const times = [];
  let due = createdAt + intervalDays * DAY;
  for (let n = 0; due < now; n++) {
    const roll = chance(school.code, plan.code, n);
    const late = roll > 0.9 && due + 2 * DAY < now - 3_600_000;
    const at = late ? due + 2 * DAY : due - Math.min(2, Math.max(1, Math.floor(intervalDays / 7))) * DAY + 3 * 3_600_000;
    if (skipLast && due + intervalDays * DAY > now) break; // the last due date of this plan is missed
    if (at > now - 3_600_000) break;
    const failedItem = chance(school.code, plan.code, n, 'fail') < 0.08 ? checklist[Math.floor(roll * checklist.length) % checklist.length].itemId : undefined;
    times.push({ at, failedItem });
    due = at + intervalDays * DAY;
  }
  return times;
}

const iso = (ms) => new Date(ms).toISOString();

async function seedSchoolInspections(admin, school, n, h) {
  const staffName = `demo.seed.${school.code.toLowerCase()}.inspect`;
  const adminName = `${staffName}.admin`;
  const staffAccount = await h.findAccount(admin, staffName);
  if (staffAccount?.status === 'disabled') return { plans: 0, inspections: 0 };
  const adminAccount = await h.findAccount(admin, adminName);
  const planner = await h.seedingSession(
    admin,
    { username: adminName, displayName: `演示数据·检查计划（${school.name}）`, phone: `139571008${String(10 + n)}`, role: 'school-admin', schoolId: school.code, posts: ['logistics-director'] },
    adminAccount,
  );
  const inspector = await h.seedingSession(
    admin,
    { username: staffName, displayName: `演示数据·巡检（${school.name}）`, phone: `139571008${String(20 + n)}`, role: 'school-staff', schoolId: school.code, posts: ['safety-officer'] },
    staffAccount,
  );
  const base = `${h.facilitiesBase}/inspection-plans`;
  const now = Date.now();
  const createdAt = termStart(now);
  const key = (...parts) => ['demo-insp', school.code, ...parts].join('-');
  // A third of the schools leave the last due inspection of their hydrant and sports-equipment plans undone.
  const missing = n % 3 === 0 ? new Set(['hyd', 'sp']) : n % 3 === 1 ? new Set(['ext']) : new Set();
  let inspections = 0;
  const plans = plansOf(school);
  for (const plan of plans) {
    const { code, ...body } = plan;
    const created = await h.post(base, planner.bearer, key(code, 'plan'), { ...body, occurredAt: iso(createdAt) });
    if (!created.planId) throw new Error(`demo inspection plan ${school.code} ${code}: no planId in the answer`);
    const one = await h.call('GET', `${base}/${created.planId}`, { bearer: planner.bearer });
    if (!one.ok) throw new Error(`inspection plan ${school.code} ${code}: ${one.status} ${JSON.stringify(one.reply)}`);
    const { checklist, intervalDays } = one.reply;
    for (const [i, { at, failedItem }] of inspectionTimes(school, plan, createdAt, intervalDays, checklist, now, missing.has(code)).entries()) {
      const results = checklist.map((item) => (item.itemId === failedItem ? { itemId: item.itemId, result: 'fail', note: FAILURE_NOTES[plan.kind] } : { itemId: item.itemId, result: 'pass' }));
      await h.post(`${base}/${created.planId}/inspections`, inspector.bearer, key(code, String(i)), { results, occurredAt: iso(at) });
      inspections++;
    }
  }
  await h.command(admin, `${h.identity}/accounts/${planner.id}/disable`, adminName);
  await h.command(admin, `${h.identity}/accounts/${inspector.id}/disable`, staffName);
  return { plans: plans.length, inspections };
}

/** Every demo school's inspection plans and a term of inspections. `h`: seed-demo.js's HTTP and account helpers. */
async function seedInspections(admin, h) {
  try {
    const health = await fetch(`${h.facilitiesBase}/health`, { signal: AbortSignal.timeout(3000) });
    if (!health.ok) throw new Error(String(health.status));
  } catch {
    h.say(`facilities is not running at ${h.facilitiesBase}: demo inspections skipped`);
    return;
  }
  let plans = 0;
  let inspections = 0;
  for (const [i, school] of h.districtSchools.entries()) {
    const seeded = await seedSchoolInspections(admin, school, i + 1, h);
    plans += seeded.plans;
    inspections += seeded.inspections;
  }
  h.say(
    plans > 0
      ? `demo inspections: ${plans} plans and ${inspections} inspections in ${h.districtSchools.length} schools (failed items open work orders; some last due dates left missed, raised overdue by the scheduler)`
      : 'demo inspections seeded already, nothing new',
  );
}

module.exports = { seedInspections, plansOf, inspectionTimes, termStart };
