// Demo data, sent through the real HTTP APIs, so that running it again (every `npm start`) changes nothing:
//  - identity (when it runs): 8 schools of the district with their profiles and 2026-2027 figures, and accounts for
//    every role, created with generated initial passwords that are printed once (by npm start, from the file named by
//    HOUQIN_DEMO_NEW_ACCOUNTS) and kept in .run/demo-accounts.txt;
//  - facilities: work orders of five schools, made the way people make them: two seeding accounts per school
//    (demo.seed.s001 school-staff, demo.seed.s001.admin school-admin) log in with identity, change their initial
//    passwords to ones nobody keeps, report, assign, complete and verify, and are disabled afterwards. A disabled
//    seeding account means "done": a second run creates nothing. The demo people's initial passwords stay untouched.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '../..');
const runDir = path.join(root, '.run');
const facilities = `http://127.0.0.1:${process.env.FACILITIES_PORT || 3101}/work-orders`;
const identity = process.env.IDENTITY_URL || `http://127.0.0.1:${process.env.IDENTITY_PORT || 3104}`;
const ADMIN_PASSWORD_FILE = path.join(runDir, 'identity-admin-password');
const ADMIN_USERNAME = process.env.IDENTITY_BOOTSTRAP_ADMIN_USERNAME || 'admin';
const ACCOUNTS_FILE = path.join(runDir, 'demo-accounts.txt');
const SCHOOL_YEAR = '2026-2027';
const say = (message) => console.log(`[houqin] ${message}`);

// 杭州市西湖区: one school of each type, two more primary and junior-secondary schools. Floor areas in m², figures of
// the school year 2026-2027.
const districtSchools = [
  { code: 'S001', name: '实验小学', type: 'primary', address: '浙江省杭州市西湖区文三路158号', boarding: false, canteen: true, schoolBuses: false, floorAreaM2: 21500, students: 1860, staff: 112 },
  { code: 'S002', name: '第一中学', type: 'complete-secondary', address: '浙江省杭州市西湖区教工路88号', boarding: true, canteen: true, schoolBuses: true, floorAreaM2: 68400, students: 2950, staff: 246 },
  { code: 'S003', name: '阳光小学', type: 'primary', address: '浙江省杭州市西湖区留下街道屏基路21号', boarding: false, canteen: true, schoolBuses: true, floorAreaM2: 12800, students: 960, staff: 64 },
  { code: 'S004', name: '文苑初级中学', type: 'junior-secondary', address: '浙江省杭州市西湖区文苑路36号', boarding: false, canteen: true, schoolBuses: false, floorAreaM2: 26300, students: 1420, staff: 118 },
  { code: 'S005', name: '三墩九年一贯制学校', type: 'nine-year', address: '浙江省杭州市西湖区三墩镇墩余路199号', boarding: false, canteen: true, schoolBuses: true, floorAreaM2: 38600, students: 2180, staff: 168 },
  { code: 'S006', name: '西溪高级中学', type: 'senior-secondary', address: '浙江省杭州市西湖区天目山路325号', boarding: true, canteen: true, schoolBuses: false, floorAreaM2: 54200, students: 1680, staff: 182 },
  { code: 'S007', name: '启智学校', type: 'special-education', address: '浙江省杭州市西湖区转塘街道象山路12号', boarding: true, canteen: true, schoolBuses: true, floorAreaM2: 9600, students: 186, staff: 78 },
  { code: 'S008', name: '双浦镇初级中学', type: 'junior-secondary', address: '浙江省杭州市西湖区双浦镇袁浦路66号', boarding: true, canteen: true, schoolBuses: true, floorAreaM2: 19800, students: 780, staff: 72 },
];

// Every role, each a person of the demo (the work orders below are reported by seeding accounts, not by them).
const demoAccounts = [
  { username: 'sys.zhang', displayName: '张伟', phone: '13957100001', role: 'system-admin' },
  { username: 'chen.ju', displayName: '陈菊', phone: '13957100002', role: 'bureau-official' },
  { username: 'sun.shen', displayName: '孙慎', phone: '13957100003', role: 'auditor' },
  { username: 'wang.fang', displayName: '王芳', phone: '13957100011', role: 'school-admin', schoolId: 'S001', posts: ['logistics-director'] },
  { username: 'li.lei', displayName: '李雷', phone: '13957100012', role: 'school-staff', schoolId: 'S001', posts: ['maintenance'] },
  { username: 'ma.li', displayName: '马丽', phone: '13957100013', role: 'school-staff', schoolId: 'S001', posts: ['canteen-manager'] },
  { username: 'zhou.qiang', displayName: '周强', phone: '13957100021', role: 'school-admin', schoolId: 'S002', posts: ['logistics-director'] },
  { username: 'han.mei', displayName: '韩梅', phone: '13957100022', role: 'school-staff', schoolId: 'S002', posts: ['dormitory-manager'] },
  { username: 'he.jun', displayName: '何军', phone: '13957100023', role: 'school-staff', schoolId: 'S002', posts: ['bus-manager', 'safety-officer'] },
  { username: 'zhao.min', displayName: '赵敏', phone: '13957100031', role: 'school-admin', schoolId: 'S003', posts: ['logistics-director'] },
  { username: 'liu.yang', displayName: '刘洋', phone: '13957100032', role: 'school-staff', schoolId: 'S003', posts: ['school-doctor'] },
];

// The work orders of the demo: per school, each with the hours before the seeding account's creation at which it was
// reported, assigned, completed and verified (补录 within the rule pack's 24 h, so none is marked late; the SLA
// deadlines of libs/rules run from these times, so an urgent report left unassigned is overdue, as in real life).
const R = (title, location, category, priority, description) => ({ title, location, category, priority, ...(description && { description }) });
// 派工 to an in-house technician or an outside contractor; parts at unit prices in fen (分); `asset`: reports on the same
// asset (a demo asset id per school), so the second within 30 days of the first's completion is a repeat failure (返修).
const TECH = (technicianId, technicianName) => ({ to: 'technician', technicianId, technicianName });
const FIRM = (company, contact, phone) => ({ to: 'contractor', company, contact, phone });
const P = (name, quantity, unitPriceFen) => ({ name, quantity, unitPriceFen });
/** A fixed asset id per school and name (a uuid the ledger may not hold: the work order only names it). */
const demoAssetId = (code, name) => {
  const h = crypto.createHash('sha256').update(`houqin-demo-asset:${code}:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const workOrderSchools = [
  { code: 'S001', phones: ['13957100901', '13957100911'], orders: [
    { report: R('三楼302教室灯管不亮', '教学楼3层302', 'electrical', 'normal', '后排两根灯管不亮，影响上课'), at: 20, dispatched: [19, TECH('tech.zhang', '电工 张师傅')], started: 18, costs: [17, [P('T8 LED 灯管', 2, 1850)], 3000], completed: 16, verified: [15, 5, '修得很快'] },
    { report: R('二楼男厕所水龙头漏水', '教学楼2层卫生间', 'plumbing', 'high'), at: 18, dispatched: [17, FIRM('蓝天水电维修有限公司', '王经理', '13805710001')], started: 16, costs: [15, [P('三角阀', 2, 1600), P('软管', 1, 900)], 8000], completed: 14, reopened: [13, '还在滴水'], completedAgain: 12 },
    { report: R('多媒体投影仪无信号', '实验楼1层物理实验室', 'network', 'urgent', '下午有公开课'), at: 6, assigned: [5.5, '信息中心 刘老师'] },
    { report: R('课桌椅松动', '教学楼4层405', 'furniture', 'low'), at: 3 },
  ] },
  { code: 'S002', phones: ['13957100902', '13957100912'], orders: [
    { report: R('宿舍楼热水器不出热水', '学生宿舍3号楼2层', 'plumbing', 'high', '整层学生无法洗澡'), at: 21, asset: 'heater', dispatched: [20, FIRM('恒温热水设备维保中心', '李工', '13805710002')], costs: [15, [P('温控器', 1, 12800)], 10000], completed: 14, verified: [13, 4, '已恢复，希望下次更快'] },
    { report: R('宿舍楼热水器又不出热水', '学生宿舍3号楼2层', 'plumbing', 'high', '修好没几天又坏了'), at: 3, asset: 'heater', dispatched: [2.5, FIRM('恒温热水设备维保中心', '李工', '13805710002')] },
    { report: R('食堂排风扇异响', '学生食堂操作间', 'hvac', 'normal'), at: 19, assigned: [17, '后勤维修组'], completed: 9, verified: [8, 5] },
    { report: R('校车停车场路灯损坏', '东门校车停车场', 'electrical', 'high'), at: 8 },
    { report: R('篮球场围网破损', '室外篮球场', 'building', 'normal'), at: 5, assigned: [4, '后勤维修组'] },
    { report: R('机房交换机掉线', '综合楼4层计算机房', 'network', 'urgent'), at: 2, assigned: [1.8, '信息中心 赵老师'], completed: 1 },
  ] },
  { code: 'S003', phones: ['13957100903', '13957100913'], orders: [
    { report: R('医务室空调不制冷', '行政楼1层医务室', 'hvac', 'high'), at: 22, assigned: [21, '空调维保 周师傅'], completed: 18, verified: [17, 5] },
    { report: R('一年级教室门锁损坏', '教学楼1层103', 'carpentry', 'normal'), at: 10, assigned: [9, '木工 陈师傅'], completed: 4 },
    { report: R('操场沙坑边缘开裂', '田径场', 'building', 'low'), at: 4 },
  ] },
  { code: 'S004', phones: ['13957100904', '13957100914'], orders: [
    { report: R('实验室通风橱不启动', '实验楼2层化学实验室', 'hvac', 'urgent', '化学实验课已暂停'), at: 15, assigned: [14.5, '实验室管理员 孙老师'], completed: 11, verified: [10, 4] },
    { report: R('走廊应急灯不亮', '教学楼2层东侧走廊', 'electrical', 'high'), at: 7, assigned: [6, '电工 吴师傅'] },
  ] },
  { code: 'S005', phones: ['13957100905', '13957100915'], orders: [
    { report: R('教室窗户关不严', '小学部教学楼3层306', 'carpentry', 'normal'), at: 23, assigned: [22, '木工 郑师傅'], completed: 20, verified: [19, 5, '窗户已修好'] },
    { report: R('饮水机不出水', '初中部教学楼1层', 'plumbing', 'normal'), at: 12, assigned: [11, '后勤维修组'], completed: 7 },
    { report: R('报告厅音响有杂音', '综合楼报告厅', 'network', 'low'), at: 9 },
  ] },
];

/** A strong password (等保 2.0: long, all four character classes), from a CSPRNG, without look-alike characters. */
function strongPassword(length = 16) {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#%*+-_=?'];
  const alphabet = classes.join('');
  for (;;) {
    const password = Array.from({ length }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');
    if (classes.every((chars) => [...password].some((c) => chars.includes(c)))) return password;
  }
}

async function call(method, url, { bearer, key, body } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (key) headers['idempotency-key'] = key;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let reply;
  try {
    reply = text ? JSON.parse(text) : {};
  } catch {
    reply = { text };
  }
  return { status: response.status, ok: response.ok, reply };
}

async function post(url, bearer, key, body) {
  const { status, ok, reply } = await call('POST', url, { bearer, key, body });
  if (!ok && status !== 409) throw new Error(`${url}: ${status} ${JSON.stringify(reply)}`);
  return reply;
}

/** identity answers? (it is optional until its build has landed; `npm start` starts it when it is built). */
async function identityRunning() {
  try {
    const response = await fetch(`${identity}/health`, { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

function readAccountsFile() {
  const known = new Map();
  if (!fs.existsSync(ACCOUNTS_FILE)) return known;
  for (const line of fs.readFileSync(ACCOUNTS_FILE, 'utf8').split('\n')) {
    const username = /^(\S+)\t/.exec(line)?.[1];
    if (username && !line.startsWith('#')) known.set(username, line);
  }
  return known;
}

async function seedIdentity() {
  if (!(await identityRunning())) {
    say(`identity is not running at ${identity}: demo schools, accounts and work orders skipped`);
    return undefined;
  }
  if (!fs.existsSync(ADMIN_PASSWORD_FILE)) {
    say(`no ${path.relative(root, ADMIN_PASSWORD_FILE)} (the first system admin's password): demo schools, accounts and work orders skipped`);
    return undefined;
  }
  const login = await call('POST', `${identity}/auth/login`, {
    body: { username: ADMIN_USERNAME, password: fs.readFileSync(ADMIN_PASSWORD_FILE, 'utf8').trim() },
  });
  if (!login.ok) {
    say(
      `identity refused the login of '${ADMIN_USERNAME}' (${login.status}): demo schools, accounts and work orders skipped. ` +
        `Was its store created with another ${path.relative(root, ADMIN_PASSWORD_FILE)}?`,
    );
    return undefined;
  }
  const admin = login.reply.accessToken;

  for (const { students, staff, ...school } of districtSchools) {
    await post(`${identity}/schools`, admin, `demo-school-${school.code}`, school);
    const year = await call('PUT', `${identity}/schools/${school.code}/years/${SCHOOL_YEAR}`, {
      bearer: admin,
      key: `demo-school-${school.code}-${SCHOOL_YEAR}`,
      body: { students, staff },
    });
    if (!year.ok) throw new Error(`school year ${school.code} ${SCHOOL_YEAR}: ${year.status} ${JSON.stringify(year.reply)}`);
  }

  const known = readAccountsFile();
  const created = [];
  for (const account of demoAccounts) {
    const initialPassword = strongPassword();
    // No idempotency key: the body differs on each run (a new password), so a key would be refused as reused.
    const { status, ok, reply } = await call('POST', `${identity}/accounts`, { bearer: admin, body: { posts: [], ...account, initialPassword } });
    if (ok) {
      const school = districtSchools.find((s) => s.code === account.schoolId);
      created.push(
        [account.username, initialPassword, account.role, school ? `${school.code} ${school.name}` : '-', account.displayName, (account.posts ?? []).join(',') || '-'].join('\t'),
      );
    } else if (status !== 409 || !['username-taken', 'phone-taken'].includes(reply.code)) {
      throw new Error(`account ${account.username}: ${status} ${JSON.stringify(reply)}`);
    } else if (!known.has(account.username)) {
      say(`account ${account.username} exists already, its password is not in ${path.relative(root, ACCOUNTS_FILE)} (a system admin can reset it)`);
    }
  }

  if (created.length > 0) {
    const header = fs.existsSync(ACCOUNTS_FILE)
      ? ''
      : `# Houqin demo accounts, created by npm start at ${identity}. Each password is an initial one: it must be changed at\n` +
        `# the first login. The first system admin is '${ADMIN_USERNAME}' (password in .run/identity-admin-password).\n` +
        `# username\tinitial password\trole\tschool\tname\tposts\n`;
    fs.mkdirSync(runDir, { recursive: true });
    fs.appendFileSync(ACCOUNTS_FILE, header + created.join('\n') + '\n', { mode: 0o600 });
    fs.chmodSync(ACCOUNTS_FILE, 0o600);
    // Shown once, when created (npm start prints them at the end, from this file, then deletes it); afterwards only
    // .run/demo-accounts.txt (mode 600) has them.
    const newAccounts = process.env.HOUQIN_DEMO_NEW_ACCOUNTS;
    if (newAccounts) {
      fs.writeFileSync(newAccounts, created.join('\n') + '\n', { mode: 0o600 });
    } else {
      console.log(`\n[houqin] demo accounts created (initial passwords, shown once; kept in ${path.relative(root, ACCOUNTS_FILE)}):`);
      for (const line of created) {
        const [username, password, role, school] = line.split('\t');
        console.log(`  ${username.padEnd(12)} ${password}  ${role.padEnd(16)} ${school === '-' ? '' : school}`);
      }
      console.log('');
    }
  }
  say(`demo identity: ${districtSchools.length} schools (figures ${SCHOOL_YEAR}), ${demoAccounts.length} accounts (${created.length} new)`);
  return admin;
}

/** The account named `username` as administrators see it (list by username prefix), or undefined. */
async function findAccount(admin, username) {
  const found = await call('GET', `${identity}/accounts?q=${encodeURIComponent(username)}&limit=10`, { bearer: admin });
  if (!found.ok) throw new Error(`account ${username}: ${found.status} ${JSON.stringify(found.reply)}`);
  return found.reply.items.find((a) => a.username === username);
}

/** Logs in with an initial password, changes it (the forced first change) to one that nobody keeps: a full token. */
async function loginOnce(username, initialPassword) {
  const login = await call('POST', `${identity}/auth/login`, { body: { username, password: initialPassword } });
  if (!login.ok) throw new Error(`login of ${username}: ${login.status} ${JSON.stringify(login.reply)}`);
  const changed = await call('POST', `${identity}/auth/password`, {
    bearer: login.reply.accessToken,
    body: { currentPassword: initialPassword, newPassword: strongPassword(24) },
  });
  if (!changed.ok) throw new Error(`password change of ${username}: ${changed.status} ${JSON.stringify(changed.reply)}`);
  return changed.reply.accessToken;
}

/**
 * A seeding account ready to work: created (or, left active by a run stopped half-way, enabled if need be and its
 * password reset), logged in, its initial password changed to one nobody keeps. Answers its id, token and creation time.
 */
async function seedingSession(admin, account, existing) {
  const initialPassword = strongPassword(24);
  let id = existing?.id;
  if (!existing) {
    const created = await call('POST', `${identity}/accounts`, { bearer: admin, body: { ...account, initialPassword } });
    if (!created.ok) throw new Error(`account ${account.username}: ${created.status} ${JSON.stringify(created.reply)}`);
    id = created.reply.accountId;
  } else {
    if (existing.status === 'disabled') await command(admin, `${identity}/accounts/${id}/enable`, account.username);
    const reset = await call('POST', `${identity}/accounts/${id}/reset-password`, { bearer: admin, body: { initialPassword } });
    if (!reset.ok) throw new Error(`password reset of ${account.username}: ${reset.status} ${JSON.stringify(reset.reply)}`);
  }
  const one = await call('GET', `${identity}/accounts/${id}`, { bearer: admin });
  if (!one.ok || !one.reply.createdAt) throw new Error(`account ${account.username}: ${one.status} ${JSON.stringify(one.reply)}`);
  return { id, createdAt: Date.parse(one.reply.createdAt), bearer: await loginOnce(account.username, initialPassword) };
}

async function command(admin, url, username) {
  const answer = await call('POST', url, { bearer: admin, body: {} });
  if (!answer.ok) throw new Error(`${url.split('/').pop()} ${username}: ${answer.status} ${JSON.stringify(answer.reply)}`);
}

/**
 * One school's demo work orders, by two seeding accounts (the rules separate the duties: whoever completes a repair
 * may not accept it): demo.seed.s001 (school-staff) reports, verifies or reopens (返修), demo.seed.s001.admin
 * (school-admin) dispatches (派工), starts, records the costs and completes. Both disabled at the end, the staff account last: it disabled = seeded (skipped). Otherwise
 * (an earlier run stopped half-way) the same commands are sent again with the same idempotency keys and business
 * times (anchored on the staff account's creation), so what was done already is answered again, not repeated.
 */
async function seedSchoolWorkOrders(admin, { code, phones, orders }) {
  const school = districtSchools.find((s) => s.code === code);
  const staffName = `demo.seed.${code.toLowerCase()}`;
  const adminName = `${staffName}.admin`;
  const staffAccount = await findAccount(admin, staffName);
  if (staffAccount?.status === 'disabled') return 0;
  const adminAccount = await findAccount(admin, adminName);
  const reporter = await seedingSession(
    admin,
    { username: staffName, displayName: `演示数据·报修（${school.name}）`, phone: phones[0], role: 'school-staff', schoolId: code, posts: ['teacher'] },
    staffAccount,
  );
  const repairer = await seedingSession(
    admin,
    { username: adminName, displayName: `演示数据·派单（${school.name}）`, phone: phones[1], role: 'school-admin', schoolId: code, posts: ['logistics-director'] },
    adminAccount,
  );
  const hoursBefore = (h) => new Date(reporter.createdAt - h * 3_600_000).toISOString();
  let lastPosition;

  for (const [i, order] of orders.entries()) {
    const key = (step) => `demo-${code}-${i}-${step}`;
    const at = (h) => ({ occurredAt: hoursBefore(h) });
    const send = (step, bearer, body) => post(`${facilities}/${workOrderId}/${step}`, bearer, key(step.replace('/', '-')), body);
    const assetId = order.asset && demoAssetId(code, order.asset);
    // The asset's earlier completion must be in the list before a repeat is reported (read-your-writes).
    if (assetId && lastPosition) await call('GET', `${facilities}?assetId=${assetId}&consistentWith=${lastPosition}`, { bearer: reporter.bearer });
    const { workOrderId } = await post(facilities, reporter.bearer, key('report'), { ...order.report, ...(assetId && { assetId }), ...at(order.at) });
    if (!workOrderId) throw new Error(`demo work order ${code} ${i}: no workOrderId in the answer`);
    if (order.assigned) await send('assign', repairer.bearer, { assignee: order.assigned[1], ...at(order.assigned[0]) });
    if (order.dispatched) {
      const { to, ...repairerFields } = order.dispatched[1];
      await send(`dispatch/${to}`, repairer.bearer, { ...repairerFields, ...at(order.dispatched[0]) });
    }
    if (order.started !== undefined) await send('start', repairer.bearer, at(order.started));
    if (order.costs) await send('costs', repairer.bearer, { parts: order.costs[1], labourFen: order.costs[2], ...at(order.costs[0]) });
    if (order.completed !== undefined) lastPosition = (await send('complete', repairer.bearer, { note: '已处理', ...at(order.completed) })).position ?? lastPosition;
    if (order.reopened) await send('reject', reporter.bearer, { reason: order.reopened[1], ...at(order.reopened[0]) });
    if (order.completedAgain !== undefined) await post(`${facilities}/${workOrderId}/complete`, repairer.bearer, key('complete-again'), { note: '已更换阀门', ...at(order.completedAgain) });
    if (order.verified) {
      const [h, rating, comment] = order.verified;
      await send('verify', reporter.bearer, { rating, ...(comment && { comment }), ...at(h) });
    }
  }
  // Done: nobody knows their passwords, and now nobody can log in with them either.
  await command(admin, `${identity}/accounts/${repairer.id}/disable`, adminName);
  await command(admin, `${identity}/accounts/${reporter.id}/disable`, staffName);
  return orders.length;
}

async function seedWorkOrders(admin) {
  try {
    const response = await fetch(`${facilities.replace(/\/work-orders$/, '')}/health`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(String(response.status));
  } catch {
    say(`facilities is not running at ${facilities}: demo work orders skipped`);
    return;
  }
  const seeded = [];
  let orders = 0;
  for (const school of workOrderSchools) {
    const n = await seedSchoolWorkOrders(admin, school);
    orders += n;
    if (n > 0) seeded.push(school.code);
  }
  const codes = workOrderSchools.map((s) => s.code).join(', ');
  say(
    seeded.length > 0
      ? `demo work orders: ${orders} of ${seeded.join(', ')} sent through identity's login by the seeding accounts demo.seed.<school>[.admin], disabled afterwards (a command sent before is answered again by its idempotency key, not repeated)`
      : `demo work orders of ${codes} seeded already, nothing new`,
  );
}

async function main() {
  const admin = await seedIdentity();
  if (admin) await seedWorkOrders(admin);
  if (admin) await require('./demo/energy').seedEnergy(admin, { call, post, findAccount, seedingSession, command, identity, facilitiesBase: facilities.replace(/\/work-orders$/, ''), districtSchools, say });
  if (admin) await require('./demo/dormitories').seedDormitories(admin, { call, post, findAccount, seedingSession, command, identity, facilitiesBase: facilities.replace(/\/work-orders$/, ''), districtSchools, say });
  if (admin) await require('./demo/greening').seedGreening(admin, { call, post, findAccount, seedingSession, command, identity, facilitiesBase: facilities.replace(/\/work-orders$/, ''), districtSchools, say });
  if (admin) await require('./demo/inspections').seedInspections(admin, { call, post, findAccount, seedingSession, command, identity, facilitiesBase: facilities.replace(/\/work-orders$/, ''), districtSchools, say });
  if (admin) await require('./demo/assets').seedAssets(admin, { call, post, findAccount, seedingSession, command, identity, facilitiesBase: facilities.replace(/\/work-orders$/, ''), districtSchools, say });
  if (admin) await require('./demo/asset-intake').seedAssetIntake(admin, { call, post, findAccount, seedingSession, command, identity, facilitiesBase: facilities.replace(/\/work-orders$/, ''), districtSchools, say });
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`[houqin] seeding demo data failed: ${err.message}`);
    process.exit(1);
  });
}

module.exports = { districtSchools, demoAccounts, workOrderSchools };
