import ExcelJS from 'exceljs';
import { readTableFile } from './tabular-file';

type F = 'name' | 'price' | 'bought';
const layout = { headers: { 名称: 'name', '原值(元)': 'price', 购置日期: 'bought' } as Record<string, F>, required: { name: '名称' } as Partial<Record<F, string>>, maxRows: 3 };

describe('readTableFile', () => {
  it('reads a UTF-8 CSV with a BOM, quotes and full-width header brackets', async () => {
    const csv = '\uFEFF名称,原值（元）,备注\n"投影仪, 3楼",4500.50,x\n\n空调,3200,\n';
    expect(await readTableFile('a.csv', Buffer.from(csv, 'utf8'), layout)).toEqual([
      { row: 2, cells: { name: '投影仪, 3楼', price: '4500.50' } },
      { row: 3, cells: { name: '空调', price: '3200' } },
    ]);
  });

  it('reads a GB18030 CSV as Excel saves it on Chinese Windows', async () => {
    const gbk = Buffer.from([0xc3, 0xfb, 0xb3, 0xc6, 0x0a, 0xbf, 0xd5, 0xb5, 0xf7, 0x0a]); // 名称\n空调\n
    expect(await readTableFile('a.csv', gbk, layout)).toEqual([{ row: 2, cells: { name: '空调' } }]);
  });

  it('reads the first sheet of an .xlsx, dates as days and numbers as written', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('台账');
    sheet.addRow(['名称', '原值(元)', '购置日期']);
    sheet.addRow(['投影仪', 4500.5, new Date(Date.UTC(2024, 8, 1))]);
    const content = Buffer.from(await book.xlsx.writeBuffer());
    expect(await readTableFile('a.xlsx', content, layout)).toEqual([{ row: 2, cells: { name: '投影仪', price: '4500.5', bought: '2024-09-01' } }]);
  });

  it('refuses (422, naming the field) a file that is no sheet, a missing column, too many rows', async () => {
    await expect(readTableFile('a.xlsx', Buffer.from('nope'), layout)).rejects.toMatchObject({ status: 422 });
    await expect(readTableFile('a.csv', Buffer.from('价格\n1\n'), layout)).rejects.toMatchObject({ response: { errors: [expect.objectContaining({ field: 'contentBase64', messageZh: '第一行缺少列：名称' })] } });
    await expect(readTableFile('a.csv', Buffer.from('名称\na\nb\nc\nd\n'), layout)).rejects.toMatchObject({ response: { errors: [expect.objectContaining({ constraint: 'maxRows' })] } });
  });
});
