import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ASSET_CATEGORIES, ASSET_FUNDING_SOURCES, ASSET_MAX_FEN, AssetCategoryCode, AssetFundingSource } from '@houqin/contracts';
import { DomainError } from '@houqin/event-sourcing';
import { CommandContext, CommandRunner, fingerprint, pgPoolOf, SqlPool } from '@houqin/event-store';
import { readTableFile, RowReason, rowReason } from '@houqin/platform';
import { assetDecider, RegisterAsset } from '../domain/asset';
import { ASSET_IMPORT_HEADERS, AssetImportField, FUNDING_ZH } from './asset-ledger-columns';

export const ASSET_IMPORT_MAX_ROWS = 2000;

export interface AssetImportRow {
  /** The row number in the file (the header is row 1). */
  row: number;
  name?: string;
  serialNumber?: string;
  status: 'accepted' | 'refused' | 'duplicate';
  assetId?: string;
  /** This row was imported by an earlier upload of the same file: nothing new was registered. */
  alreadyImported?: boolean;
  reasons: RowReason[];
}

export interface AssetImportReport {
  fileName: string;
  /** SHA-256 of the file: the same file uploaded again registers nothing twice. */
  fileSha256: string;
  total: number;
  accepted: number;
  refused: number;
  duplicates: number;
  rows: AssetImportRow[];
  /** The position of the last registration: pass it as `consistentWith` to see them in the ledger. */
  position?: string;
}

type Registration = Omit<RegisterAsset['data'], 'assetId' | 'schoolId'>;

/**
 * 台账导入: an existing ledger (.xlsx or .csv, Chinese headers) into the school's ledger. Every row is judged:
 * fields (zh + en, per field), duplicates by serial number (within the file and against the ledger), then a
 * RegisterAsset through the runner. Idempotent on re-upload: a row's asset id is derived from the school, the
 * file's hash and the row, and its command keyed by them, so the same file registers nothing twice.
 */
@Injectable()
export class AssetImport {
  private readonly pool: SqlPool;

  constructor(
    private readonly commands: CommandRunner,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  async run(fileName: string, content: Buffer, ctx: CommandContext): Promise<AssetImportReport> {
    const fileSha256 = createHash('sha256').update(content).digest('hex');
    const rows = await readTableFile(fileName, content, { headers: ASSET_IMPORT_HEADERS, required: REQUIRED, maxRows: ASSET_IMPORT_MAX_ROWS });
    const parsed = rows.map(({ row, cells }) => ({ row, assetId: importedAssetId(ctx.schoolId, fileSha256, row), ...parseRow(cells) }));
    const imported = await this.existing(parsed.map((p) => p.assetId));
    const taken = await this.serialsTaken(ctx.schoolId, parsed.flatMap((p) => (p.input.serialNumber && !imported.has(p.assetId) ? [p.input.serialNumber] : [])));
    const seen = new Map<string, number>();
    const report: AssetImportRow[] = [];
    let position: string | undefined;
    for (const { row, assetId, input, reasons } of parsed) {
      const named = { row, ...(input.name ? { name: input.name } : {}), ...(input.serialNumber ? { serialNumber: input.serialNumber } : {}) };
      if (imported.has(assetId)) {
        report.push({ ...named, status: 'accepted', assetId, alreadyImported: true, reasons: [] });
        continue;
      }
      const serial = input.serialNumber?.toLowerCase();
      const duplicates: RowReason[] = [];
      if (serial) {
        const earlier = seen.get(serial);
        if (earlier) duplicates.push(rowReason('serialNumber', 'duplicate-in-file', `serial number repeats row ${earlier}`, `序列号与第 ${earlier} 行重复`));
        else if (taken.has(serial)) duplicates.push(rowReason('serialNumber', 'serial-in-ledger', 'an asset with this serial number is in the ledger already', '台账中已有该序列号的资产'));
        if (!earlier) seen.set(serial, row);
      }
      if (duplicates.length > 0) {
        report.push({ ...named, status: 'duplicate', reasons: [...duplicates, ...reasons] });
        continue;
      }
      if (reasons.length > 0) {
        report.push({ ...named, status: 'refused', reasons });
        continue;
      }
      try {
        const data = { ...(input as Registration), assetId, schoolId: ctx.schoolId };
        const idempotency = { scope: `${ctx.schoolId}/asset-import`, key: `asset-import:${fileSha256.slice(0, 40)}:${row}`, requestHash: fingerprint(data) };
        const result = await this.commands.run(assetDecider, assetId, { type: 'RegisterAsset', data }, { ...ctx, idempotency });
        position = result.position ?? position;
        report.push({ ...named, status: 'accepted', assetId, reasons: [] });
      } catch (error) {
        if (error instanceof DomainError && error.code === 'asset-exists') report.push({ ...named, status: 'accepted', assetId, alreadyImported: true, reasons: [] });
        else if (error instanceof DomainError) report.push({ ...named, status: 'refused', reasons: [{ code: error.code, message: error.message, messageZh: error.messageZh }] });
        else throw error;
      }
    }
    const count = (status: AssetImportRow['status']) => report.filter((r) => r.status === status).length;
    return { fileName, fileSha256, total: report.length, accepted: count('accepted'), refused: count('refused'), duplicates: count('duplicate'), rows: report, ...(position ? { position } : {}) };
  }

  private async existing(assetIds: string[]): Promise<Set<string>> {
    if (assetIds.length === 0) return new Set();
    const { rows } = await this.pool.query<{ stream_id: string }>(`SELECT DISTINCT stream_id FROM events WHERE stream_id = ANY($1::text[])`, [assetIds.map((id) => `Asset-${id}`)]);
    return new Set(rows.map((r) => r.stream_id.slice('Asset-'.length)));
  }

  /** Serial numbers (lower case) already on an asset of the school that has not left the ledger. */
  private async serialsTaken(schoolId: string, serials: string[]): Promise<Set<string>> {
    if (serials.length === 0) return new Set();
    const { rows } = await this.pool.query<{ serial: string }>(
      `SELECT lower(doc->>'serialNumber') AS serial FROM asset_list WHERE school_id = $1 AND status <> 'disposed' AND lower(doc->>'serialNumber') = ANY($2::text[])`,
      [schoolId, serials.map((s) => s.toLowerCase())],
    );
    return new Set(rows.map((r) => r.serial));
  }
}

const REQUIRED: Partial<Record<AssetImportField, string>> = { name: '资产名称', category: '分类代码', purchaseDate: '购置日期', priceFen: '原值(元)', building: '楼宇' };

/**
 * The asset id of a row: a UUID from the hash of school + file hash + row, so the same row of the same file is the
 * same asset. Laid out as version 4 (its bits are as unpredictable as random ones), which the ledger's routes accept.
 */
export function importedAssetId(schoolId: string, fileSha256: string, row: number): string {
  const h = createHash('sha1').update(`houqin.asset-import:${schoolId}:${fileSha256}:${row}`, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;
const CATEGORY_OF = new Map<string, AssetCategoryCode>([...ASSET_CATEGORIES.map((c) => [c.code, c.code] as const), ...ASSET_CATEGORIES.map((c) => [c.zh, c.code] as const)]);
const FUNDING_OF = new Map<string, AssetFundingSource>([...ASSET_FUNDING_SOURCES.map((f) => [f, f] as const), ...Object.entries(FUNDING_ZH).map(([f, zh]) => [zh, f as AssetFundingSource] as const)]);

/** One row's fields as the RegisterAsset command takes them, and what is wrong with each. */
export function parseRow(cells: Partial<Record<AssetImportField, string>>): { input: Partial<Registration>; reasons: RowReason[] } {
  const reasons: RowReason[] = [];
  const input: Partial<Registration> & { location?: Registration['location'] } = {};
  const text = (field: AssetImportField, zh: string, max: number, required = false): string | undefined => {
    const value = cells[field];
    if (value === undefined) {
      if (required) reasons.push(rowReason(field, 'required', `${field} is required`, `${zh}不能为空`));
      return undefined;
    }
    if (value.length > max || CONTROL.test(value)) {
      reasons.push(rowReason(field, 'text', `${field}: at most ${max} characters, no control characters`, `${zh}最多 ${max} 个字符`));
      return undefined;
    }
    return value;
  };
  const name = text('name', '资产名称', 100, true);
  if (name) input.name = name;
  const category = cells.category === undefined ? undefined : CATEGORY_OF.get(cells.category.replace(/\s+/g, ''));
  if (cells.category === undefined) reasons.push(rowReason('category', 'required', 'category is required', '分类代码不能为空'));
  else if (!category) reasons.push(rowReason('category', 'category-unknown', `category ${cells.category} is not in the classification (GB/T 14885 layout)`, `分类代码 ${cells.category} 不在资产分类表中`));
  else input.category = category;
  for (const [field, zh, max] of [['model', '型号', 100], ['serialNumber', '序列号', 100], ['supplier', '供应商', 100], ['custodian', '保管人', 64]] as const) {
    const value = text(field, zh, max);
    if (value) input[field] = value;
  }
  const purchaseDate = dayOf(cells.purchaseDate);
  if (cells.purchaseDate === undefined) reasons.push(rowReason('purchaseDate', 'required', 'purchaseDate is required', '购置日期不能为空'));
  else if (!purchaseDate) reasons.push(rowReason('purchaseDate', 'date', `purchaseDate ${cells.purchaseDate} is not a calendar day (YYYY-MM-DD)`, `购置日期 ${cells.purchaseDate} 不是有效日期（如 2024-09-01）`));
  else input.purchaseDate = purchaseDate;
  const priceFen = fenOf(cells.priceFen);
  if (cells.priceFen === undefined) reasons.push(rowReason('priceFen', 'required', 'price is required', '原值不能为空'));
  else if (priceFen === undefined) reasons.push(rowReason('priceFen', 'money', `price ${cells.priceFen} is not an amount in yuan with at most 2 decimals`, `原值 ${cells.priceFen} 不是有效金额（元，最多两位小数）`));
  else input.priceFen = priceFen;
  const funding = cells.fundingSource === undefined ? undefined : FUNDING_OF.get(cells.fundingSource.trim());
  if (cells.fundingSource === undefined) reasons.push(rowReason('fundingSource', 'required', 'fundingSource is required', '经费来源不能为空'));
  else if (!funding) reasons.push(rowReason('fundingSource', 'funding-unknown', `funding source: one of ${Object.values(FUNDING_ZH).join(', ')}`, `经费来源须为：${Object.values(FUNDING_ZH).join('、')}`));
  else input.fundingSource = funding;
  const building = text('building', '楼宇', 60, true);
  const floor = text('floor', '楼层', 20);
  const room = text('room', '房间', 40);
  if (building) input.location = { building, ...(floor ? { floor } : {}), ...(room ? { room } : {}) };
  if (cells.warrantyEndsOn !== undefined) {
    const day = dayOf(cells.warrantyEndsOn);
    if (!day) reasons.push(rowReason('warrantyEndsOn', 'date', `warrantyEndsOn ${cells.warrantyEndsOn} is not a calendar day`, `保修截止 ${cells.warrantyEndsOn} 不是有效日期`));
    else input.warrantyEndsOn = day;
  }
  if (cells.usefulLifeYears !== undefined) {
    const years = /^\d{1,3}$/.test(cells.usefulLifeYears) ? Number(cells.usefulLifeYears) : NaN;
    if (!(years >= 1 && years <= 100)) reasons.push(rowReason('usefulLifeYears', 'years', 'useful life: whole years 1-100', '使用年限须为 1 至 100 的整数（年）'));
    else input.usefulLifeYears = years;
  }
  return { input, reasons };
}

/** 2024-09-01, 2024/9/1, 2024.9.1 or 2024年9月1日 → 2024-09-01, when it is a calendar day. */
export function dayOf(text: string | undefined): string | undefined {
  const match = text === undefined ? null : /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!match) return undefined;
  const day = `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) ? day : undefined;
}

/** Yuan as written (¥4,500.50) → integer fen, by the digits (never through a float). */
export function fenOf(text: string | undefined): number | undefined {
  const match = text === undefined ? null : /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text.replace(/[¥￥,，\s元]/g, ''));
  if (!match) return undefined;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen <= ASSET_MAX_FEN ? fen : undefined;
}

