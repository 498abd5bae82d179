import ExcelJS from 'exceljs';
import { sql } from '@houqin/testing';
import { IdentityTestApp, school } from './support/identity-app';

/**
 * Schools and accounts through HTTP on the real module: who may do what (a school admin only their own
 * school's staff; school roles read their own school), 400 per field never persisted, phones masked in
 * lists, and the .xlsx import with its per-row report.
 */
const identity = new IdentityTestApp('identity_admin');
let schoolAdmin: Awaited<ReturnType<IdentityTestApp['person']>>;
let otherStaff: Awaited<ReturnType<IdentityTestApp['person']>>;

beforeAll(async () => {
  await identity.start();
  const admin = await identity.admin();
  for (const code of ['S001', 'S002']) await identity.post('/schools', admin, school(code)).expect(201);
  schoolAdmin = await identity.person({ username: 'wang.admin', role: 'school-admin', schoolId: 'S001', phone: '13700000001', posts: ['logistics-director'] });
  otherStaff = await identity.person({ username: 'zhao.s002', role: 'school-staff', schoolId: 'S002', phone: '13700000002' });
});
afterAll(() => identity.stop());

const count = async () => (await sql<{ n: number }>(identity.schema, 'SELECT count(*)::int AS n FROM events'))[0].n;

describe('the school register', () => {
  it('is written by the system admin only, read by all (school roles: their own school)', async () => {
    const admin = await identity.admin();
    await identity.put('/schools/S001', admin, { ...school('S001'), code: undefined, boarding: true }).expect(200);
    const year = await identity.put('/schools/S001/years/2026-2027', admin, { students: 1200, staff: 96 }).expect(200);
    expect(year.body.events.map((e: { type: string }) => e.type)).toEqual(['SchoolYearFiguresRecorded']);
    const one = await identity.get('/schools/S001', admin).expect(200);
    expect(one.body).toMatchObject({ schoolId: 'S001', code: 'S001', type: 'primary', typeZh: '小学', boarding: true, years: { '2026-2027': { students: 1200, staff: 96 } } });

    await identity.post('/schools', schoolAdmin.token, school('S009')).expect(403);
    await identity.put('/schools/S001', schoolAdmin.token, { ...school('S001'), code: undefined }).expect(403);
    const own = await identity.get(`/schools?consistentWith=${year.body.position}`, schoolAdmin.token).expect(200);
    expect(own.body.items.map((s: { schoolId: string }) => s.schoolId)).toEqual(['S001']);
    await identity.get('/schools/S002', schoolAdmin.token).expect(404);
    await identity.get('/schools/S002', otherStaff.token).expect(200);
    const all = await identity.get('/schools', admin).expect(200);
    expect(all.body.items.map((s: { schoolId: string }) => s.schoolId)).toEqual(['S001', 'S002']);
  });

  it('refuses bad input with a 400 per field and stores nothing; a code twice is a 409', async () => {
    const admin = await identity.admin();
    const before = await count();
    const bad = await identity.post('/schools', admin, { code: 'S 1', name: '', type: '大学', address: 'x', boarding: 'yes', canteen: true, schoolBuses: false, floorAreaM2: -1 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['boarding', 'code', 'floorAreaM2', 'name', 'type']);
    expect(bad.body.errors.every((e: { messageZh: string }) => /[\u4e00-\u9fff]/.test(e.messageZh))).toBe(true);
    await identity.put('/schools/S001/years/2026-2028', admin, { students: 1, staff: 1 }).expect(400);
    await identity.put('/schools/S001/years/2026-2027', admin, { students: -1, staff: 1.5 }).expect(400);
    await identity.post('/schools', admin, school('district')).expect(422);
    expect(await count()).toBe(before);
    const twice = await identity.post('/schools', admin, school('S001')).expect(409);
    expect(twice.body.code).toBe('school-exists');
  });
});

describe('account administration', () => {
  it('lets a school admin create only their own school staff, whatever the body says', async () => {
    const created = await identity.post('/accounts', schoolAdmin.token, { username: 'li.guard', displayName: '李门卫', phone: '13700000003', role: 'school-staff', schoolId: 'S002', posts: ['guard'] }).expect(201);
    expect(created.body.initialPassword).toEqual(expect.any(String));
    const detail = await identity.get(`/accounts/${created.body.accountId}`, await identity.admin()).expect(200);
    expect(detail.body).toMatchObject({ schoolId: 'S001', role: 'school-staff', posts: ['guard'], postsZh: ['门卫'], phone: '13700000003', mustChangePassword: true });
    const promoted = await identity.post('/accounts', schoolAdmin.token, { username: 'li.boss', displayName: '李', phone: '13700000004', role: 'school-admin' }).expect(403);
    expect(promoted.body.code).toBe('account-not-managed');
  });

  it("refuses a school admin on another school's staff (404) and on another school admin (403)", async () => {
    await identity.post(`/accounts/${otherStaff.id}/disable`, schoolAdmin.token).expect(404);
    await identity.post(`/accounts/${otherStaff.id}/reset-password`, schoolAdmin.token).expect(404);
    await identity.get(`/accounts/${otherStaff.id}`, schoolAdmin.token).expect(404);
    const peer = await identity.post('/accounts', await identity.admin(), { username: 'peer.admin', displayName: '同校管理员', phone: '13700000005', role: 'school-admin', schoolId: 'S001' }).expect(201);
    await identity.post(`/accounts/${peer.body.accountId}/disable`, schoolAdmin.token).expect(403);
    await identity.http().post('/auth/login').send({ username: 'zhao.s002', password: otherStaff.password }).expect(200);
  });

  it('lists accounts with masked phones; a school admin sees their school only', async () => {
    const list = await identity.get('/accounts?limit=200', schoolAdmin.token).expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const a of list.body.items) {
      expect(a.schoolId).toBe('S001');
      expect(a.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
      expect(a).not.toHaveProperty('credentialId');
    }
    const all = await identity.get('/accounts?limit=200', await identity.admin()).expect(200);
    expect(all.body.items.map((a: { username: string }) => a.username)).toEqual(expect.arrayContaining(['admin', 'zhao.s002', 'wang.admin']));
    await identity.get('/accounts', otherStaff.token).expect(403);
  });

  it('refuses a taken username or phone, and a bad body per field, without storing anything', async () => {
    const admin = await identity.admin();
    const taken = await identity.post('/accounts', admin, { username: 'ZHAO.S002', displayName: '重名', phone: '13700000099', role: 'school-staff', schoolId: 'S002' }).expect(409);
    expect(taken.body.code).toBe('username-taken');
    const phone = await identity.post('/accounts', admin, { username: 'new.one', displayName: '新', phone: '13700000002', role: 'school-staff', schoolId: 'S002' }).expect(409);
    expect(phone.body.code).toBe('phone-taken');
    const before = await count();
    const bad = await identity.post('/accounts', admin, { username: '-', displayName: '', phone: '123', role: 'root', posts: ['cook'], initialPassword: 'short' }).expect(400);
    expect(new Set(bad.body.errors.map((e: { field: string }) => e.field.split('.')[0]))).toEqual(new Set(['username', 'displayName', 'phone', 'role', 'posts']));
    const weak = await identity.post('/accounts', admin, { username: 'weak.pw', displayName: '弱', phone: '13700000098', role: 'school-staff', schoolId: 'S001', initialPassword: 'weak.pw' }).expect(400);
    expect(weak.body.errors.map((e: { field: string; constraint: string }) => `${e.field}:${e.constraint}`).sort()).toEqual(['initialPassword:passwordComplexity', 'initialPassword:passwordLength', 'initialPassword:passwordNotUsername']);
    const noSchool = await identity.post('/accounts', admin, { username: 'no.school', displayName: '无校', phone: '13700000097', role: 'school-staff', schoolId: 'S009' }).expect(422);
    expect(noSchool.body.errors).toEqual([expect.objectContaining({ field: 'schoolId', constraint: 'schoolExists', messageZh: '所属学校不存在' })]);
    expect(await count()).toBe(before);
  });
});

describe('import from Excel (批量导入)', () => {
  async function workbook(rows: (string | number)[][]): Promise<string> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('教职工');
    sheet.addRow(['用户名', '姓名', '手机号', '角色', '学校代码', '岗位']);
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
  }

  it('answers each row: accepted with its initial password, refused and why, duplicates in the file and with existing accounts', async () => {
    const contentBase64 = await workbook([
      ['chen.cook', '陈厨师', 13711110001, '学校职工', 'S001', '食堂管理员、食堂从业人员'],
      ['liu.doctor', '刘校医', '13711110002', 'school-staff', 'S001', '校医'],
      ['chen.cook', '陈二', '13711110003', '', 'S001', ''],
      ['sun.guard', '孙门卫', '13711110001', '', 'S001', '门卫'],
      ['zhao.s002', '赵', '13711110004', '', 'S002', ''],
      ['qian.x', '钱', '13700000002', '', 'S001', ''],
      ['bad phone', '坏', '12345', '校长', 'S001', '厨神'],
      ['other.school', '他校', '13711110005', '', 'S002', ''],
    ]);
    const reply = await identity.post('/accounts/import', schoolAdmin.token, { fileName: '教职工名单.xlsx', contentBase64 }).expect(200);
    const rows = reply.body.rows as { row: number; status: string; username?: string; initialPassword?: string; reasons: { field?: string; code: string; messageZh: string }[] }[];
    expect(reply.body).toMatchObject({ fileName: '教职工名单.xlsx', total: 8, accepted: 2, duplicates: 4, refused: 2 });
    expect(rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'accepted'],
      [3, 'accepted'],
      [4, 'duplicate'],
      [5, 'duplicate'],
      [6, 'duplicate'],
      [7, 'duplicate'],
      [8, 'refused'],
      [9, 'refused'],
    ]);
    expect(rows[0].initialPassword).toEqual(expect.any(String));
    expect(rows[2].reasons[0]).toMatchObject({ field: 'username', code: 'duplicate-in-file', messageZh: '用户名与第 2 行重复' });
    expect(rows[3].reasons[0]).toMatchObject({ field: 'phone', code: 'duplicate-in-file' });
    expect(rows[4].reasons[0]).toMatchObject({ field: 'username', code: 'username-taken' });
    expect(rows[5].reasons[0]).toMatchObject({ field: 'phone', code: 'phone-taken' });
    expect(rows[6].reasons.map((r) => r.field).sort()).toEqual(['phone', 'posts', 'role', 'username']);
    expect(rows[7].reasons).toEqual([expect.objectContaining({ field: 'schoolId', code: 'other-school' })]);
    const cook = await identity.login('chen.cook', rows[0].initialPassword!).expect(200);
    expect(cook.body).toMatchObject({ mustChangePassword: true, account: { schoolId: 'S001', posts: ['canteen-manager', 'canteen-staff'] } });
  });

  it('refuses a file that is not an .xlsx or lacks the columns (422, per field)', async () => {
    const admin = await identity.admin();
    const notXlsx = await identity.post('/accounts/import', admin, { fileName: 'x.xlsx', contentBase64: Buffer.from('hello').toString('base64') }).expect(422);
    expect(notXlsx.body.errors[0]).toMatchObject({ field: 'contentBase64', constraint: 'xlsx' });
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRow(['名字']);
    const noColumns = await identity.post('/accounts/import', admin, { fileName: 'x.xlsx', contentBase64: Buffer.from(await book.xlsx.writeBuffer()).toString('base64') }).expect(422);
    expect(noColumns.body.errors.map((e: { constraint: string }) => e.constraint)).toEqual(['header', 'header', 'header']);
  });
});
