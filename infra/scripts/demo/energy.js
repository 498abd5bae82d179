// Demo energy data (能源管理) for every demo school, through the real HTTP APIs: meters per building (teaching
// building electricity; canteen electricity, water and gas; dormitory electricity and water where the school boards),
// installed on the first day of the term, then read at each month's end (17:00 Beijing) up to now, by one seeding
// account per school (demo.seed.s001.energy, school-admin), disabled afterwards (disabled = seeded: a second run
// creates nothing; a run stopped half-way resends the same commands under the same idempotency keys). Consumption is
// sized from the school's floor area and students, with seasonal factors; S003's canteen water meter is replaced in
// October (the reading restarts from 0), and S002's canteen water jumps in November (a leak), which the rule pack flags.
// Readings of months past are 补录 (entered now): the service marks them late, as it should.

const MONTH_FACTOR = { 9: 1.0, 10: 0.86, 11: 1.02, 12: 1.24, 1: 1.3, 2: 0.7, 3: 0.95, 4: 0.92, 5: 1.0, 6: 1.18, 7: 0.35, 8: 0.3 };

/** The meters of a school and what each consumes in an ordinary month (kWh or m³); `code` names it in idempotency keys (ASCII). */
function metersOf(school) {
  const kwhPerMonth = (school.floorAreaM2 * 50) / 12; // ≈ 50 kWh/m² a year, a usual school intensity
  const meters = [
    { building: '教学楼', code: 'teach', kind: 'electricity', monthly: kwhPerMonth * (school.boarding ? 0.55 : 0.7), initial: 20000 + school.students * 3 },
    { building: '食堂', code: 'canteen', kind: 'electricity', monthly: kwhPerMonth * 0.2, initial: 8000 },
    { building: '食堂', code: 'canteen', kind: 'water', monthly: school.students * 0.9, initial: 3000 },
    { building: '食堂', code: 'canteen', kind: 'gas', monthly: school.students * 0.45, initial: 1200 },
  ];
  if (school.boarding) {
    meters.push({ building: '学生宿舍', code: 'dorm', kind: 'electricity', monthly: kwhPerMonth * 0.25, initial: 15000 });
    meters.push({ building: '学生宿舍', code: 'dorm', kind: 'water', monthly: school.students * 2.2, initial: 9000 });
  }
  return meters;
}

/** 1 September of the current school year (Beijing), and each month's last day at 17:00 Beijing up to now. */
function termTimes(now) {
  const beijing = new Date(now + 8 * 3_600_000);
  const startYear = beijing.getUTCMonth() + 1 >= 9 ? beijing.getUTCFullYear() : beijing.getUTCFullYear() - 1;
  const installedAt = `${startYear}-09-01T08:00:00+08:00`;
  const readings = [];
  for (let i = 0; i < 12; i++) {
    const month = ((8 + i) % 12) + 1;
    const year = startYear + (8 + i >= 12 ? 1 : 0);
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const at = `${year}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}T17:00:00+08:00`;
    if (Date.parse(at) > now - 60_000) break;
    readings.push({ month, at });
  }
  return { installedAt, readings };
}

/** A deterministic variation per school, meter and month (±8 %), so the district's schools differ as real ones do. */
function wobble(...parts) {
  let h = 2166136261;
  for (const c of parts.join('|')) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return 0.92 + (h % 1600) / 10000;
}

const decimal = (value) => value.toFixed(3);

async function seedSchoolEnergy(admin, school, n, h) {
  const username = `demo.seed.${school.code.toLowerCase()}.energy`;
  const existing = await h.findAccount(admin, username);
  if (existing?.status === 'disabled') return 0;
  const session = await h.seedingSession(
    admin,
    { username, displayName: `演示数据·能源（${school.name}）`, phone: `139571009${String(30 + n)}`, role: 'school-admin', schoolId: school.code, posts: ['logistics-director'] },
    existing,
  );
  const meters = `${h.facilitiesBase}/meters`;
  const { installedAt, readings } = termTimes(Date.now());
  const key = (...parts) => ['demo-energy', school.code, ...parts].join('-');
  let last = '0';
  for (const m of metersOf(school)) {
    const answer = await h.post(meters, session.bearer, key(m.code, m.kind, 'install'), { building: m.building, kind: m.kind, serial: `${school.code}-${m.code}-${m.kind.slice(0, 2).toUpperCase()}-01`, initialReading: decimal(m.initial), occurredAt: installedAt });
    if (answer.position) last = answer.position;
  }
  const listed = await h.call('GET', `${meters}?limit=200&consistentWith=${last}`, { bearer: session.bearer });
  if (!listed.ok) throw new Error(`meters of ${school.code}: ${listed.status} ${JSON.stringify(listed.reply)}`);
  const idOf = (m) => listed.reply.items.find((x) => x.building === m.building && x.kind === m.kind)?.meterId;

  let sent = 0;
  for (const m of metersOf(school)) {
    const meterId = idOf(m);
    if (!meterId) throw new Error(`meter ${school.code} ${m.building} ${m.kind} not listed`);
    let reading = m.initial;
    for (const { month, at } of readings) {
      let used = m.monthly * MONTH_FACTOR[month] * wobble(school.code, m.building, m.kind, at);
      if (school.code === 'S002' && m.building === '食堂' && m.kind === 'water' && month === 11) used *= 4.2; // a leak
      if (school.code === 'S003' && m.building === '食堂' && m.kind === 'water' && month === 10) {
        // The old meter stopped on 20 October: its final reading, and the new one starts from 0.
        const final = reading + used * 0.6;
        await h.post(`${meters}/${meterId}/replace`, session.bearer, key(m.code, m.kind, 'replace'), {
          finalReading: decimal(final), startReading: '0', newSerial: `${school.code}-WA-02`, reason: '旧表计数器卡滞', occurredAt: at.replace(/-\d\dT17/, '-20T10'),
        });
        reading = used * 0.4;
      } else {
        reading += used;
      }
      await h.post(`${meters}/${meterId}/readings`, session.bearer, key(m.code, m.kind, at.slice(0, 7)), { reading: decimal(reading), occurredAt: at });
      sent++;
    }
  }
  await h.command(admin, `${h.identity}/accounts/${session.id}/disable`, username);
  return sent;
}

/** Every demo school's meters and a term of monthly readings. `h`: seed-demo.js's HTTP and account helpers. */
async function seedEnergy(admin, h) {
  try {
    const health = await fetch(`${h.facilitiesBase}/health`, { signal: AbortSignal.timeout(3000) });
    if (!health.ok) throw new Error(String(health.status));
  } catch {
    h.say(`facilities is not running at ${h.facilitiesBase}: demo energy data skipped`);
    return;
  }
  let readings = 0;
  for (const [i, school] of h.districtSchools.entries()) readings += await seedSchoolEnergy(admin, school, i + 1, h);
  h.say(readings > 0 ? `demo energy: meters of ${h.districtSchools.length} schools and ${readings} monthly readings (one replacement, one flagged jump)` : 'demo energy seeded already, nothing new');
}

module.exports = { seedEnergy, metersOf, termTimes };
