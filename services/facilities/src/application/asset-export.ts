import ExcelJS from 'exceljs';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ASSET_CATEGORIES } from '@houqin/contracts';
import { Clock } from '@houqin/event-sourcing';
import { pgPoolOf, SqlPool } from '@houqin/event-store';
import { beijingDateOf, netBookValueOn } from '@houqin/rules';
import { ExistingAsset, LEDGER_STATUS_ZH, ledgerStatusOf } from '../domain/asset';
import { ASSET_LEDGER_COLUMNS, AssetImportField, FUNDING_ZH } from './asset-ledger-columns';

export const EXPORT_MAX_ROWS = 20_000;

/**
 * 台账导出 and the import template: the ledger's Chinese columns (the same the import reads, so an export can be
 * edited and imported into another school's ledger), plus the asset number, status and net book value today
 * (straight-line, exact in fen; written as yuan with two decimals).
 */
@Injectable()
export class AssetExport {
  private readonly pool: SqlPool;

  constructor(
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  /** The ledger of one school (undefined: every school, for the bureau), oldest registration first. */
  async ledger(schoolId: string | undefined): Promise<Buffer> {
    const { rows } = await this.pool.query<{ doc: ExistingAsset }>(
      `SELECT doc FROM asset_list WHERE ($1::text IS NULL OR school_id = $1) ORDER BY school_id, registered_at, asset_id LIMIT ${EXPORT_MAX_ROWS}`,
      [schoolId ?? null],
    );
    const today = beijingDateOf(this.clock.now().getTime());
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('资产台账');
    sheet.columns = [
      { header: '资产编号', key: 'assetId', width: 38 },
      ...(schoolId ? [] : [{ header: '学校', key: 'schoolId', width: 10 }]),
      ...ASSET_LEDGER_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width })),
      { header: '状态', key: 'status', width: 10 },
      { header: `净值(元) ${today}`, key: 'netBookValue', width: 16 },
    ];
    for (const { doc } of rows) {
      sheet.addRow({
        ...cellsOf(doc),
        assetId: doc.assetId,
        schoolId: doc.schoolId,
        status: LEDGER_STATUS_ZH[ledgerStatusOf(doc)],
        netBookValue: doc.status === 'disposed' ? '0.00' : yuan(netBookValueOn(doc, today)),
      });
    }
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  /** 导入模板: the headers, one example row, and a sheet of the category codes. */
  async template(): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('资产台账');
    sheet.columns = ASSET_LEDGER_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width }));
    sheet.addRow(Object.fromEntries(ASSET_LEDGER_COLUMNS.map((c) => [c.field, c.example])));
    sheet.getRow(1).font = { bold: true };
    const codes = book.addWorksheet('分类代码');
    codes.columns = [
      { header: '分类代码', key: 'code', width: 12 },
      { header: '名称', key: 'zh', width: 36 },
    ];
    for (const c of ASSET_CATEGORIES) codes.addRow({ code: c.code, zh: c.zh });
    const funding = book.addWorksheet('经费来源');
    funding.addRow(['经费来源']);
    for (const zh of Object.values(FUNDING_ZH)) funding.addRow([zh]);
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}

function cellsOf(asset: ExistingAsset): Partial<Record<AssetImportField, string | number>> {
  return {
    name: asset.name,
    category: asset.category,
    model: asset.model,
    serialNumber: asset.serialNumber,
    purchaseDate: asset.purchaseDate,
    priceFen: yuan(asset.priceFen),
    supplier: asset.supplier,
    fundingSource: FUNDING_ZH[asset.fundingSource],
    building: asset.location.building,
    floor: asset.location.floor,
    room: asset.location.room,
    custodian: asset.custodian,
    warrantyEndsOn: asset.warrantyEndsOn,
    usefulLifeYears: asset.usefulLifeYears,
  };
}

/** Integer fen → "4500.50" (text, so Excel never rounds it through a float). */
export const yuan = (fen: number): string => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
