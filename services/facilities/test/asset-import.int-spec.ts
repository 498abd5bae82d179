import ExcelJS from 'exceljs';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { token } from '@houqin/testing';
import { FacilitiesTestApp } from './support/facilities-app';

/**
 * The ledger's import and export through HTTP on the real module: an .xlsx with good and bad rows (a report per
 * row: accepted with the asset id; refused with why, per field, zh + en; duplicates by serial in the file and
 * against the ledger), a CSV, the same file again (nothing registered twice), the template, the export with the
 * net book value, and access.
 */
const facilities = new FacilitiesTestApp('facilities_import');
const { schema } = facilities;
let app: INestApplication;

beforeAll(async () => {
  app = await facilities.start();
});
afterAll(() => facilities.stop());

const admin = token({ sub: 'admin.wang', role: 'school-admin', schoolId: 'S001' });
const staff = token({ sub: 'teacher.li', role: 'school-staff', schoolId: 'S001' });
const otherAdmin = token({ sub: 'admin.zhao', role: 'school-admin', schoolId: 'S002' });
const official = token({ sub: 'chen.ju', role: 'bureau-official' });
const http = () => request(app.getHttpServer());
let keys = 0;

const HEADERS = ['资产名称', '分类代码', '型号', '序列号', '购置日期', '原值（元）', '供应商', '经费来源', '楼宇', '楼层', '房间', '保管人', '保修截止', '使用年限'];
async function xlsx(rows: (string | number | Date | null)[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('台账');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}
const upload = (fileName: string, contentBase64: string, bearer = admin) => http().post('/assets/imports').set('authorization', `Bearer ${bearer}`).send({ fileName, contentBase64 });
const readBook = async (body: Buffer) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
};
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

it('imports good rows, refuses bad ones per field, reports duplicates by serial; the same file again registers nothing', async () => {
  // An asset already in the ledger with serial LEDGER-1.
  const existing = await http().post('/assets').set({ authorization: `Bearer ${admin}`, 'idempotency-key': `imp-${++keys}-${schema}` })
    .send({ category: '2010104', name: '教师机', serialNumber: 'LEDGER-1', purchaseDate: '2023-09-01', priceFen: 500000, fundingSource: 'fiscal', location: { building: '行政楼' } }).expect(201);
  const file = await xlsx([
    ['多媒体投影仪', '2020000', 'EB-X51', 'X51-0001', new Date(Date.UTC(2024, 8, 1)), 4500.5, '某某科技', '财政拨款', '教学楼', '3F', '302', '王老师', '2027-08-31', 6],
    ['课桌椅', '家具', null, null, '2022/9/1', '¥1,200.00', null, '自筹资金', '教学楼', null, '101', null, null, null],
    ['', '9999999', null, 'BAD-1', '2024-02-30', '12.345', null, '拨款', '', null, null, null, null, 0],
    ['笔记本电脑', '2010105', 'T14', 'X51-0001', '2024-03-01', 6800, null, '财政拨款', '行政楼', null, null, null, null, null],
    ['台式机', '2010104', 'M720', 'ledger-1', '2024-03-01', 5200, null, '财政拨款', '行政楼', null, null, null, null, null],
    ['空调', '2050000', 'KFR-35', 'AC-1', '2024-05-01', 3600, null, '财政拨款', '教学楼', null, null, null, null, 2],
  ]);
  const report = (await upload('校产台账.xlsx', file).expect(200)).body;
  expect(report).toMatchObject({ fileName: '校产台账.xlsx', total: 6, accepted: 2, refused: 2, duplicates: 2 });
  const [projector, desks, bad, sameSerial, inLedger, aircon] = report.rows;
  expect(projector).toMatchObject({ row: 2, status: 'accepted', name: '多媒体投影仪', assetId: expect.any(String), reasons: [] });
  expect(desks).toMatchObject({ row: 3, status: 'accepted' });
  expect(bad.status).toBe('refused');
  expect(bad.reasons.map((r: { field: string }) => r.field).sort()).toEqual(['building', 'category', 'fundingSource', 'name', 'priceFen', 'purchaseDate', 'usefulLifeYears']);
  expect(bad.reasons.find((r: { field: string }) => r.field === 'priceFen')).toMatchObject({ code: 'money', message: expect.stringContaining('12.345'), messageZh: expect.stringContaining('最多两位小数') });
  expect(sameSerial).toMatchObject({ status: 'duplicate', reasons: [expect.objectContaining({ field: 'serialNumber', code: 'duplicate-in-file', messageZh: '序列号与第 2 行重复' })] });
  expect(inLedger).toMatchObject({ status: 'duplicate', reasons: [expect.objectContaining({ code: 'serial-in-ledger' })] });
  // The decider's own refusal, in the row: an air conditioner depreciates over at least its category's life.
  expect(aircon).toMatchObject({ status: 'refused', reasons: [expect.objectContaining({ code: 'useful-life-below-minimum' })] });

  const detail = await http().get(`/assets/${projector.assetId}`).set('authorization', `Bearer ${admin}`).expect(200);
  expect(detail.body).toMatchObject({ name: '多媒体投影仪', priceFen: 450050, purchaseDate: '2024-09-01', fundingSource: 'fiscal', location: { building: '教学楼', floor: '3F', room: '302' }, warrantyEndsOn: '2027-08-31', usefulLifeYears: 6 });
  const desk = await http().get(`/assets/${desks.assetId}`).set('authorization', `Bearer ${admin}`).expect(200);
  expect(desk.body).toMatchObject({ category: '6010000', priceFen: 120000, purchaseDate: '2022-09-01', fundingSource: 'self-raised' });

  const again = (await upload('校产台账(副本).xlsx', file).expect(200)).body;
  expect(again).toMatchObject({ accepted: 2, refused: 2, duplicates: 2 });
  expect(again.rows[0]).toMatchObject({ status: 'accepted', assetId: projector.assetId, alreadyImported: true });
  const listed = await http().get('/assets').query({ consistentWith: again.position ?? report.position, limit: 100 }).set('authorization', `Bearer ${admin}`).expect(200);
  expect(listed.body.items.map((a: { name: string }) => a.name).sort()).toEqual(['多媒体投影仪', '教师机', '课桌椅'].sort());
  expect(existing.body.assetId).toBeDefined();
});

it('reads a CSV ledger (UTF-8 with BOM) the same way', async () => {
  const csv = `\uFEFF${HEADERS.join(',')}\n"饮水机, 一楼",2050000,,WD-1,2025-01-15,980,,捐赠,食堂,1F,,,,\n`;
  const report = (await upload('ledger.csv', Buffer.from(csv, 'utf8').toString('base64')).expect(200)).body;
  expect(report).toMatchObject({ total: 1, accepted: 1 });
  expect(report.rows[0]).toMatchObject({ name: '饮水机, 一楼', serialNumber: 'WD-1', status: 'accepted' });
});

it('refuses what is not a ledger file: 400 for the request, 422 for the file (per field)', async () => {
  const bad = await upload('ledger.pdf', 'AAAA').expect(400);
  expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'fileName' })]);
  await upload('ledger.xlsx', 'not base64!').expect(400);
  const unreadable = await upload('ledger.xlsx', Buffer.from('hello').toString('base64')).expect(422);
  expect(unreadable.body.errors[0]).toMatchObject({ field: 'contentBase64', constraint: 'xlsx' });
  const noName = await upload('ledger.csv', Buffer.from('型号,序列号\nA,B\n').toString('base64')).expect(422);
  expect(noName.body.errors.map((e: { messageZh: string }) => e.messageZh)).toContain('第一行缺少列：资产名称');
});

it('the template and the export: Chinese headers, the school scope, net book value today', async () => {
  const template = await http().get('/assets/imports/template.xlsx').set('authorization', `Bearer ${admin}`).buffer(true).parse(binary).expect(200);
  expect(template.headers['content-type']).toContain('spreadsheetml');
  const tpl = await readBook(template.body);
  expect((tpl.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(HEADERS.map((h) => h.replace('（元）', '(元)')));

  const file = await xlsx([['班班通一体机', '2020000', 'SEEWO-86', 'SW-1', '2024-10-15', 12000, null, '财政拨款', '教学楼', null, '201', null, null, 6]]);
  await upload('one.xlsx', file, otherAdmin).expect(200);
  const exported = await http().get('/assets/export.xlsx').set('authorization', `Bearer ${admin}`).buffer(true).parse(binary).expect(200);
  const sheet = (await readBook(exported.body)).worksheets[0];
  const header = (sheet.getRow(1).values as string[]).slice(1);
  expect(header.slice(0, 3)).toEqual(['资产编号', '资产名称', '分类代码']);
  expect(header.at(-1)).toMatch(/^净值\(元\) 2026-11-2\d$/);
  const names = sheet.getColumn(2).values.slice(2);
  expect(names).toContain('多媒体投影仪');
  expect(names).not.toContain('班班通一体机');
  // 4500.50 yuan bought 2024-09-01, 6 years: October 2024 to October 2026 charged by 2026-11-24 (25 of 72 months),
  // 62.50 a month (the fen left over go to the last month) → 4500.50 − 1562.50.
  const projector = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(2).value === '多媒体投影仪')!;
  expect(projector.getCell(header.length).value).toBe('2938.00');

  const bureau = await http().get('/assets/export.xlsx').set('authorization', `Bearer ${official}`).buffer(true).parse(binary).expect(200);
  const all = (await readBook(bureau.body)).worksheets[0];
  expect((all.getRow(1).values as string[])[2]).toBe('学校');
});

it('access: only a school admin imports; staff 403; every reader exports only what they may read', async () => {
  const file = await xlsx([['打印机', '2020000', null, null, '2024-10-15', 1800, null, '财政拨款', '行政楼', null, null, null, null, null]]);
  await upload('x.xlsx', file, staff).expect(403);
  await upload('x.xlsx', file, official).expect(403);
  await http().post('/assets/imports').send({ fileName: 'x.xlsx', contentBase64: file }).expect(401);
  await http().get('/assets/export.xlsx').expect(401);
  await http().get('/assets/export.xlsx').set('authorization', `Bearer ${token({ sub: 'a', role: 'auditor' })}`).expect(403);
});
