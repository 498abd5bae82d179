// Demo dormitories (宿舍) of the boarding demo schools S002, S006, S007 and S008, through the real HTTP APIs: buildings
// (boys', girls', a mixed one at the special-education school), rooms of 4-8 beds on each floor, boarding students
// assigned at the start of the term with realistic occupancy (S002 ≈ 88 %, S006 ≈ 93 %, S007 ≈ 63 %, S008 ≈ 76 %),
// a few moving out or swapping beds during the term, and a facility check of every room at each month's end (a few
// failed items with notes). One seeding account per school (demo.seed.s002.dorm, school-admin), disabled afterwards
// (disabled = seeded; a run stopped half-way resends the same commands under the same idempotency keys).
// Students are made up: invented names, student numbers <year><school><seq>; answers show them masked (****0123).

const BOARDING = {
  S002: { occupancy: 0.88, buildings: [{ name: '男生公寓1号楼', gender: 'male', floors: 4, rooms: 8, beds: 6 }, { name: '女生公寓2号楼', gender: 'female', floors: 4, rooms: 8, beds: 6 }] },
  S006: { occupancy: 0.93, buildings: [{ name: '明德楼（男）', gender: 'male', floors: 3, rooms: 8, beds: 6 }, { name: '至善楼（女）', gender: 'female', floors: 3, rooms: 8, beds: 6 }] },
  S007: { occupancy: 0.63, buildings: [{ name: '康乐公寓', gender: 'mixed', floors: 2, rooms: 6, beds: 4 }] },
  S008: { occupancy: 0.76, buildings: [{ name: '男生宿舍', gender: 'male', floors: 3, rooms: 6, beds: 8 }, { name: '女生宿舍', gender: 'female', floors: 3, rooms: 6, beds: 8 }] },
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = ['子涵', '欣怡', '梓轩', '浩然', '雨桐', '宇航', '思远', '佳怡', '俊杰', '诗涵', '一诺', '博文', '梦琪', '天佑', '若曦', '明轩', '可馨', '嘉怡', '晨阳', '雅琪'];
const CHECK_ITEMS = ['lights', 'doors-locks', 'windows', 'beds', 'fire-safety', 'hygiene'];
const FAULTS = { lights: '一盏灯管不亮', 'doors-locks': '门锁松动', windows: '窗户插销损坏', beds: '上铺护栏松动', 'fire-safety': '应急灯不亮', hygiene: '阳台积水、垃圾未清' };

/** Deterministic 0..1 per key, so a resumed run makes the same choices. */
function unit(...parts) {
  let h = 2166136261;
  for (const c of parts.join('|')) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return (h % 10000) / 10000;
}

const nameOf = (code, seq) => SURNAMES[Math.floor(unit(code, seq, 's') * SURNAMES.length)] + GIVEN[Math.floor(unit(code, seq, 'g') * GIVEN.length)];

/** The term start (1 September, Beijing) and each month's end since, up to now. */
function termOf(now) {
  const beijing = new Date(now + 8 * 3_600_000);
  const year = beijing.getUTCMonth() + 1 >= 9 ? beijing.getUTCFullYear() : beijing.getUTCFullYear() - 1;
  const monthEnds = [];
  for (let i = 0; i < 12; i++) {
    const month = ((8 + i) % 12) + 1;
    const y = year + (8 + i >= 12 ? 1 : 0);
    const day = new Date(Date.UTC(y, month, 0)).getUTCDate();
    const at = `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T19:30:00+08:00`;
    if (Date.parse(at) > now - 60_000) break;
    monthEnds.push(at);
  }
  return { year, start: (d) => `${year}-09-0${d}T${String(8 + (d % 3)).padStart(2, '0')}:00:00+08:00`, monthEnds };
}

async function seedSchoolDormitories(admin, school, plan, n, h) {
  const username = `demo.seed.${school.code.toLowerCase()}.dorm`;
  const existing = await h.findAccount(admin, username);
  if (existing?.status === 'disabled') return 0;
  const session = await h.seedingSession(
    admin,
    { username, displayName: `演示数据·宿舍（${school.name}）`, phone: `139571009${String(50 + n)}`, role: 'school-admin', schoolId: school.code, posts: ['dormitory-manager'] },
    existing,
  );
  const base = `${h.facilitiesBase}/dormitories`;
  const term = termOf(Date.now());
  const key = (...parts) => ['demo-dorm', school.code, ...parts].join('-');
  let sent = 0;
  let seq = 0;
  for (const [b, building] of plan.buildings.entries()) {
    const { id } = await h.post(base, session.bearer, key(b, 'register'), { name: building.name, gender: building.gender });
    const rooms = [];
    for (let floor = 1; floor <= building.floors; floor++) {
      for (let r = 1; r <= building.rooms; r++) {
        const roomNumber = `${floor}${String(r).padStart(2, '0')}`;
        await h.post(`${base}/${id}/rooms`, session.bearer, key(b, roomNumber), { roomNumber, floor, capacity: building.beds });
        rooms.push(roomNumber);
      }
    }
    // Boarding students arrive over the first three days of term.
    const housed = [];
    for (const roomNumber of rooms) {
      for (let bed = 1; bed <= building.beds; bed++) {
        if (unit(school.code, b, roomNumber, bed) > plan.occupancy) continue;
        const studentNumber = `${term.year}${school.code.slice(1)}${String(++seq).padStart(4, '0')}`;
        await h.post(`${base}/${id}/assignments`, session.bearer, key(b, roomNumber, bed, 'in'), {
          roomNumber, bed, studentNumber, studentName: nameOf(school.code, seq), occurredAt: term.start(1 + (seq % 3)),
        });
        housed.push({ roomNumber, bed });
        sent++;
      }
    }
    // During the term: a few move out (转走读), two swap beds.
    const late = term.monthEnds[0]?.replace('T19:30', 'T16:00');
    if (late) {
      for (const [i, place] of housed.filter((_, i) => i % 23 === 7).entries()) {
        await h.post(`${base}/${id}/move-outs`, session.bearer, key(b, place.roomNumber, place.bed, 'out'), { ...place, note: i % 2 ? '转为走读' : '因病休学', occurredAt: late });
        sent++;
      }
      if (housed.length > 12) {
        await h.post(`${base}/${id}/swaps`, session.bearer, key(b, 'swap'), { first: housed[1], second: housed[10], occurredAt: late });
        sent++;
      }
    }
    // A facility check of every room at each month's end.
    for (const at of term.monthEnds) {
      for (const roomNumber of rooms) {
        const results = CHECK_ITEMS.map((item) => (unit(school.code, b, roomNumber, at, item) < 0.035 ? { item, passed: false, note: FAULTS[item] } : { item, passed: true }));
        await h.post(`${base}/${id}/checks`, session.bearer, key(b, roomNumber, at.slice(0, 7), 'check'), { roomNumber, results, occurredAt: at });
        sent++;
      }
    }
  }
  await h.command(admin, `${h.identity}/accounts/${session.id}/disable`, username);
  return sent;
}

/** facilities answers its health check (else the part is skipped with a line). */
async function facilitiesRunning(h, what) {
  try {
    const health = await fetch(`${h.facilitiesBase}/health`, { signal: AbortSignal.timeout(3000) });
    if (health.ok) return true;
  } catch {
    // not running
  }
  h.say(`facilities is not running at ${h.facilitiesBase}: ${what} skipped`);
  return false;
}

/** The boarding demo schools' dormitories and a term of bed changes and room checks. `h`: seed-demo.js's helpers. */
async function seedDormitories(admin, h) {
  if (!(await facilitiesRunning(h, 'demo dormitories'))) return;
  let sent = 0;
  for (const [i, school] of h.districtSchools.entries()) {
    const plan = BOARDING[school.code];
    if (plan) sent += await seedSchoolDormitories(admin, school, plan, i + 1, h);
  }
  h.say(sent > 0 ? `demo dormitories: ${Object.keys(BOARDING).join(', ')} with ${sent} bed changes and room checks` : 'demo dormitories seeded already, nothing new');
}

module.exports = { seedDormitories, BOARDING, termOf, unit, facilitiesRunning };
