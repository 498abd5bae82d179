// Demo data, sent through the real HTTP APIs, so that running it again (every `npm start`) changes nothing:
//  - identity (when it runs): 8 schools of the district with their profiles and 2026-2027 figures, and accounts for
//    every role, created with generated initial passwords that are printed once (by npm start, from the file named by
//    HOUQIN_DEMO_NEW_ACCOUNTS) and kept in .run/demo-accounts.txt;
//  - facilities: the asset ledger first (demo/assets.js), then work orders of five schools (demo/work-orders.js; those
//    about an asset name one of the ledger), made the way people make them: two seeding accounts per school
//    (demo.seed.s001 school-staff, demo.seed.s001.admin school-admin) log in with identity, change their initial
//    passwords to ones nobody keeps, report, assign, complete and verify, and are disabled afterwards. A disabled
//    seeding account means "done": a second run creates nothing. The demo people's initial passwords stay untouched.
//    Then energy, dormitories, greening, inspections, QR labels and stocktakes (demo/*.js, each the same way).
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { seedWorkOrders, workOrderSchools } = require('./demo/work-orders');

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

async function main() {
  const admin = await seedIdentity();
  if (!admin) return;
  const h = { call, post, findAccount, seedingSession, command, identity, facilitiesBase: facilities.replace(/\/work-orders$/, ''), districtSchools, say };
  // The ledger first: the work orders about an asset name one of it.
  await require('./demo/assets').seedAssets(admin, h);
  await seedWorkOrders(admin, h);
  await require('./demo/energy').seedEnergy(admin, h);
  await require('./demo/dormitories').seedDormitories(admin, h);
  await require('./demo/greening').seedGreening(admin, h);
  await require('./demo/inspections').seedInspections(admin, h);
  await require('./demo/asset-intake').seedAssetIntake(admin, h);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`[houqin] seeding demo data failed: ${err.message}`);
    process.exit(1);
  });
}

module.exports = { districtSchools, demoAccounts, workOrderSchools };
