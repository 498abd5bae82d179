import { AssetFundingSource } from '@houqin/contracts';

/** The ledger's columns as schools' Excel ledgers head them: the import reads them, the template and export write them. */
export type AssetImportField =
  | 'name'
  | 'category'
  | 'model'
  | 'serialNumber'
  | 'purchaseDate'
  | 'priceFen'
  | 'supplier'
  | 'fundingSource'
  | 'building'
  | 'floor'
  | 'room'
  | 'custodian'
  | 'warrantyEndsOn'
  | 'usefulLifeYears';

/** The template's and export's headers, in order. */
export const ASSET_LEDGER_COLUMNS: { field: AssetImportField; header: string; width: number; example: string }[] = [
  { field: 'name', header: '资产名称', width: 22, example: '多媒体投影仪' },
  { field: 'category', header: '分类代码', width: 12, example: '2020000' },
  { field: 'model', header: '型号', width: 16, example: 'EB-X51' },
  { field: 'serialNumber', header: '序列号', width: 18, example: 'X51-2024-0001' },
  { field: 'purchaseDate', header: '购置日期', width: 12, example: '2024-09-01' },
  { field: 'priceFen', header: '原值(元)', width: 12, example: '4500.00' },
  { field: 'supplier', header: '供应商', width: 20, example: '某某科技有限公司' },
  { field: 'fundingSource', header: '经费来源', width: 10, example: '财政拨款' },
  { field: 'building', header: '楼宇', width: 12, example: '教学楼' },
  { field: 'floor', header: '楼层', width: 8, example: '3F' },
  { field: 'room', header: '房间', width: 8, example: '302' },
  { field: 'custodian', header: '保管人', width: 10, example: '王老师' },
  { field: 'warrantyEndsOn', header: '保修截止', width: 12, example: '2027-08-31' },
  { field: 'usefulLifeYears', header: '使用年限', width: 10, example: '6' },
];

/** Header text → field: the Chinese headers, and the English field names (any case). */
export const ASSET_IMPORT_HEADERS: Record<string, AssetImportField> = Object.fromEntries([
  ...ASSET_LEDGER_COLUMNS.map((c) => [c.header, c.field]),
  ...ASSET_LEDGER_COLUMNS.map((c) => [c.field, c.field]),
  ['原值', 'priceFen'],
  ['资产分类', 'category'],
  ['使用年限(年)', 'usefulLifeYears'],
]);

export const FUNDING_ZH: Record<AssetFundingSource, string> = {
  fiscal: '财政拨款',
  'self-raised': '自筹资金',
  donation: '捐赠',
  transfer: '无偿调入',
  other: '其他',
};
