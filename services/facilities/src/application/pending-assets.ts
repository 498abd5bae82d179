import { createHash } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ASSET_CATEGORY_CODES, ASSET_FUNDING_SOURCES, AssetCategoryCode, AssetFundingSource, EventEnvelope, GoodsReceiptAccepted } from '@houqin/contracts';
import { DomainError } from '@houqin/event-sourcing';
import { CommandContext, CommandRunner, pgPoolOf, RunResult, SqlPool } from '@houqin/event-store';
import { beijingDateOf } from '@houqin/rules';
import { assetDecider, RegisterAsset } from '../domain/asset';

export interface PendingAsset {
  pendingAssetId: string;
  schoolId: string;
  receiptId: string;
  itemId: string;
  /** Unit n of units, for a line of several. */
  unit: number;
  units: number;
  name: string;
  category?: string;
  model?: string;
  unitPriceFen: number;
  supplier: string;
  fundingSource?: string;
  acceptedAt: string;
}

/** What the school adds when it registers a pending asset; the rest comes from procurement's receipt. */
export type PendingRegistration = Partial<Omit<RegisterAsset['data'], 'assetId' | 'schoolId' | 'pendingAssetId' | 'location'>> & Pick<RegisterAsset['data'], 'location'>;

/**
 * 待入账资产: equipment procurement accepted (验收入库, GoodsReceiptAccepted on procurement.events.v1), one row per
 * unit, kept idempotently (a redelivered event inserts nothing). Registering one is a RegisterAsset whose asset id
 * IS the pending id: the stream exists once, so the same unit can never be registered twice (409), and the
 * registration read model takes it off the list.
 */
@Injectable()
export class PendingAssets {
  private readonly pool: SqlPool;

  constructor(
    private readonly commands: CommandRunner,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  /** One batch of procurement's events: the equipment units of each accepted receipt. Idempotent. */
  async receive(envelopes: EventEnvelope[]): Promise<number> {
    const rows = envelopes.filter((e) => e.type === 'GoodsReceiptAccepted').flatMap((e) => unitsOf(e.payload as unknown as GoodsReceiptAccepted, e.eventId));
    if (rows.length === 0) return 0;
    const columns = ['pending_asset_id', 'school_id', 'receipt_id', 'item_id', 'unit', 'units', 'name', 'category', 'model', 'unit_price_fen', 'supplier', 'funding_source', 'accepted_at', 'event_id'];
    const values: unknown[] = [];
    const tuples = rows.map((r) => `(${r.map((v) => `$${values.push(v)}`).join(', ')})`);
    const { rowCount } = await this.pool.query(`INSERT INTO pending_assets (${columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (pending_asset_id) DO NOTHING`, values);
    return rowCount ?? 0;
  }

  /** The school's pending assets not registered yet (undefined: every school), oldest receipt first. */
  async list(schoolId: string | undefined, limit = 500): Promise<PendingAsset[]> {
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT p.* FROM pending_assets p
        WHERE ($1::text IS NULL OR p.school_id = $1)
          AND NOT EXISTS (SELECT 1 FROM pending_asset_registrations r WHERE r.pending_asset_id = p.pending_asset_id)
        ORDER BY p.accepted_at, p.receipt_id, p.item_id, p.unit LIMIT $2`,
      [schoolId ?? null, limit],
    );
    return rows.map(pendingOf);
  }

  async register(pendingAssetId: string, registration: PendingRegistration, ctx: CommandContext): Promise<RunResult> {
    const pending = await this.get(pendingAssetId, ctx.schoolId);
    const category = registration.category ?? categoryOf(pending.category);
    const fundingSource = registration.fundingSource ?? fundingOf(pending.fundingSource);
    const missing = [!category && 'category', !fundingSource && 'fundingSource'].filter(Boolean);
    if (missing.length > 0 || !category || !fundingSource) {
      throw new DomainError('pending-asset-needs-fields', `Procurement did not give ${missing.join(', ')}: give it when registering`, `采购未提供${missing.map((m) => (m === 'category' ? '资产分类' : '经费来源')).join('、')}，请在入账时填写`);
    }
    const data = {
      name: pending.name,
      ...(pending.model ? { model: pending.model } : {}),
      supplier: pending.supplier,
      priceFen: pending.unitPriceFen,
      purchaseDate: beijingDateOf(Date.parse(pending.acceptedAt)),
      ...withoutUndefined(registration),
      category,
      fundingSource,
      assetId: pendingAssetId,
      schoolId: ctx.schoolId,
      pendingAssetId,
    };
    try {
      return await this.commands.run(assetDecider, pendingAssetId, { type: 'RegisterAsset', data }, ctx);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'asset-exists') throw new ConflictException({ code: 'pending-asset-registered', message: 'This pending asset is registered already', messageZh: '该待入账资产已经入账' });
      throw error;
    }
  }

  async get(pendingAssetId: string, schoolId: string | undefined): Promise<PendingAsset> {
    const { rows } = await this.pool.query<Record<string, unknown>>(`SELECT * FROM pending_assets WHERE pending_asset_id = $1 AND ($2::text IS NULL OR school_id = $2)`, [pendingAssetId, schoolId ?? null]);
    if (!rows[0]) throw new NotFoundException({ code: 'pending-asset-not-found', message: 'Pending asset not found', messageZh: '待入账资产不存在' });
    return pendingOf(rows[0]);
  }
}

/** Each unit of equipment of a receipt, as a row; its id a UUID (v4 layout) of school, receipt, line and unit. */
function unitsOf(receipt: GoodsReceiptAccepted, eventId: string): unknown[][] {
  return receipt.items
    .filter((item) => item.isEquipment)
    .flatMap((item) =>
      Array.from({ length: item.quantity }, (_, i) => [
        pendingAssetIdOf(receipt.schoolId, receipt.receiptId, item.itemId, i + 1),
        receipt.schoolId,
        receipt.receiptId,
        item.itemId,
        i + 1,
        item.quantity,
        item.name,
        item.category ?? null,
        item.model ?? null,
        item.unitPriceFen,
        item.supplier,
        receipt.fundingSource ?? null,
        receipt.acceptedAt,
        eventId,
      ]),
    );
}

export function pendingAssetIdOf(schoolId: string, receiptId: string, itemId: string, unit: number): string {
  const h = createHash('sha1').update(`houqin.pending-asset:${schoolId}:${receiptId}:${itemId}:${unit}`, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const pendingOf = (r: Record<string, unknown>): PendingAsset => ({
  pendingAssetId: String(r['pending_asset_id']),
  schoolId: String(r['school_id']),
  receiptId: String(r['receipt_id']),
  itemId: String(r['item_id']),
  unit: Number(r['unit']),
  units: Number(r['units']),
  name: String(r['name']),
  ...(r['category'] ? { category: String(r['category']) } : {}),
  ...(r['model'] ? { model: String(r['model']) } : {}),
  unitPriceFen: Number(r['unit_price_fen']),
  supplier: String(r['supplier']),
  ...(r['funding_source'] ? { fundingSource: String(r['funding_source']) } : {}),
  acceptedAt: (r['accepted_at'] as Date).toISOString(),
});
const categoryOf = (code?: string): AssetCategoryCode | undefined => (ASSET_CATEGORY_CODES as readonly string[]).includes(code ?? '') ? (code as AssetCategoryCode) : undefined;
const fundingOf = (code?: string): AssetFundingSource | undefined => (ASSET_FUNDING_SOURCES as readonly string[]).includes(code ?? '') ? (code as AssetFundingSource) : undefined;
const withoutUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
