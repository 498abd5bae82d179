import { z } from 'zod';
import { defineEvent, EventOf, EventsOf, eventGroup, eventTypesOf } from '../define-event';
import { Topics } from '../topics';
import { ASSET_CATEGORY_CODES, ASSET_DISPOSAL_METHODS, ASSET_FUNDING_SOURCES } from './asset-categories';

export * from './asset-categories';

export const ASSET_STREAM_TYPE = 'Asset';

const id = z.string().min(1).max(64);
const at = z.string().datetime({ offset: true });
/** A calendar day in Beijing (purchase, warranty, due back, disposal). */
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
/** Money in integer fen (分): at most ¥10 billion, so fen × 600 months stays a safe integer. */
export const ASSET_MAX_FEN = 1_000_000_000_000;
const fen = z.number().int().min(0).max(ASSET_MAX_FEN);
const text = (max: number) => z.string().min(1).max(max);
const asset = { streamType: ASSET_STREAM_TYPE, topic: Topics.facilitiesEvents } as const;
const ids = { assetId: id, schoolId: id };

/** Where an asset stands: building, and floor and room when known. */
export const assetLocation = z.object({ building: text(60), floor: text(20).optional(), room: text(40).optional() }).strict();
export type AssetLocation = z.infer<typeof assetLocation>;

const ruleRef = z.object({ ruleId: text(100), version: text(40), region: text(12).optional() }).strict();

/** 入账登记 — an asset enters the school's ledger (新购、捐赠、调入, or a pending asset from procurement). */
export const AssetRegistered = defineEvent({
  type: 'AssetRegistered',
  version: 1,
  ...asset,
  schema: z.object({
    ...ids,
    category: z.enum(ASSET_CATEGORY_CODES),
    name: text(100),
    model: text(100).optional(),
    serialNumber: text(100).optional(),
    purchaseDate: day,
    priceFen: fen,
    supplier: text(100).optional(),
    fundingSource: z.enum(ASSET_FUNDING_SOURCES),
    location: assetLocation,
    custodian: text(64).optional(),
    warrantyEndsOn: day.optional(),
    /** Straight-line life; absent for a category that is not depreciated (土地, 文物, 图书). */
    usefulLifeYears: z.number().int().min(1).max(100).optional(),
    /** Set when the asset came from procurement's pending assets. */
    pendingAssetId: id.optional(),
    registeredBy: id,
    registeredAt: at,
  }),
});

/** 调拨/移位 — moved to another place inside the school (and possibly another custodian). */
export const AssetMoved = defineEvent({
  type: 'AssetMoved',
  version: 1,
  ...asset,
  schema: z.object({ ...ids, location: assetLocation, custodian: text(64).optional(), movedBy: id, movedAt: at }),
});

/** 借出 */
export const AssetLent = defineEvent({
  type: 'AssetLent',
  version: 1,
  ...asset,
  schema: z.object({ ...ids, borrower: text(64), dueBackOn: day, lentBy: id, lentAt: at }),
});

/** 归还 */
export const AssetReturned = defineEvent({
  type: 'AssetReturned',
  version: 1,
  ...asset,
  schema: z.object({ ...ids, returnedBy: id, returnedAt: at, note: text(500).optional() }),
});

/** 维护保养 / 维修记录; `damageRepaired` clears a damage found at a stocktake. */
export const AssetMaintenanceRecorded = defineEvent({
  type: 'AssetMaintenanceRecorded',
  version: 1,
  ...asset,
  schema: z.object({ ...ids, what: text(500), costFen: fen, performedBy: text(64), damageRepaired: z.boolean(), recordedBy: id, recordedAt: at }),
});

/** 盘亏 — not found at a stocktake. */
export const AssetReportedMissing = defineEvent({
  type: 'AssetReportedMissing',
  version: 1,
  ...asset,
  schema: z.object({ ...ids, stocktakeId: id, reportedBy: id, reportedAt: at }),
});

/** 盘点发现损坏 */
export const AssetReportedDamaged = defineEvent({
  type: 'AssetReportedDamaged',
  version: 1,
  ...asset,
  schema: z.object({ ...ids, stocktakeId: id, note: text(500), reportedBy: id, reportedAt: at }),
});

/** 盘盈找回 — a missing asset found again at a stocktake (where it was found, when it is not where it was). */
export const AssetFoundAgain = defineEvent({
  type: 'AssetFoundAgain',
  version: 1,
  ...asset,
  schema: z.object({ ...ids, stocktakeId: id, location: assetLocation.optional(), reportedBy: id, reportedAt: at }),
});

/**
 * 报废/处置申请. Whether the bureau must approve is judged here, by the rule version in force when the request
 * occurred, on the asset's original value (账面原值), and written into the event: replays never read the pack.
 */
export const AssetDisposalRequested = defineEvent({
  type: 'AssetDisposalRequested',
  version: 1,
  ...asset,
  schema: z.object({
    ...ids,
    method: z.enum(ASSET_DISPOSAL_METHODS),
    reason: text(500),
    originalValueFen: fen,
    netBookValueFen: fen,
    bureauApprovalRequired: z.boolean(),
    thresholdFen: fen,
    thresholdRule: ruleRef,
    requestedBy: id,
    requestedAt: at,
  }),
});

/** 校长审批同意 */
export const AssetDisposalApprovedBySchool = defineEvent({
  type: 'AssetDisposalApprovedBySchool',
  version: 1,
  ...asset,
  schema: z.object({ ...ids, approvedBy: id, approvedAt: at, comment: text(500).optional() }),
});

/** 教育局审批同意 (only when the request needed it) */
export const AssetDisposalApprovedByBureau = defineEvent({
  type: 'AssetDisposalApprovedByBureau',
  version: 1,
  ...asset,
  schema: z.object({ ...ids, approvedBy: id, approvedAt: at, comment: text(500).optional() }),
});

/** 处置申请被驳回, by the school head or the bureau; the asset stays in the ledger. */
export const AssetDisposalRejected = defineEvent({
  type: 'AssetDisposalRejected',
  version: 1,
  ...asset,
  schema: z.object({ ...ids, level: z.enum(['school', 'bureau']), reason: text(500), rejectedBy: id, rejectedAt: at }),
});

/** 已处置 — leaves the ledger with its residual value (残值). */
export const AssetDisposed = defineEvent({
  type: 'AssetDisposed',
  version: 1,
  ...asset,
  schema: z.object({ ...ids, method: z.enum(ASSET_DISPOSAL_METHODS), reason: text(500), residualValueFen: fen, disposedOn: day, disposedBy: id, disposedAt: at }),
});

/** Every event of an asset stream. */
export const AssetEvents = eventGroup([
  AssetRegistered,
  AssetMoved,
  AssetLent,
  AssetReturned,
  AssetMaintenanceRecorded,
  AssetReportedMissing,
  AssetReportedDamaged,
  AssetFoundAgain,
  AssetDisposalRequested,
  AssetDisposalApprovedBySchool,
  AssetDisposalApprovedByBureau,
  AssetDisposalRejected,
  AssetDisposed,
]);
export type AssetEvent = EventsOf<typeof AssetEvents>;
export const ASSET_EVENT_TYPES = eventTypesOf(AssetEvents);

export type AssetRegistered = EventOf<typeof AssetRegistered>['data'];
export type AssetMoved = EventOf<typeof AssetMoved>['data'];
export type AssetLent = EventOf<typeof AssetLent>['data'];
export type AssetDisposalRequested = EventOf<typeof AssetDisposalRequested>['data'];
export type AssetDisposed = EventOf<typeof AssetDisposed>['data'];
