import { z } from 'zod';
import { defineEvent, EventOf, EventsOf, eventGroup, eventTypesOf } from '../define-event';
import { Topics } from '../topics';

/**
 * Procurement's contract, written before procurement exists: 验收入库, goods received and accepted at a school.
 * Facilities consumes it (consumer group facilities-procurement): each unit of equipment (isEquipment) becomes a
 * pending asset, which the school registers in its ledger. Money in integer fen.
 */
export const GOODS_RECEIPT_STREAM_TYPE = 'GoodsReceipt';
/** Units of one line that become pending assets one by one (a bigger line is split by procurement). */
export const GOODS_RECEIPT_MAX_UNITS = 500;

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().min(1).max(max);

export const goodsReceiptItem = z
  .object({
    itemId: id,
    name: text(100),
    /** The fixed-asset category code (GB/T 14885 layout) when procurement knows it. */
    category: text(20).optional(),
    model: text(100).optional(),
    quantity: z.number().int().min(1).max(GOODS_RECEIPT_MAX_UNITS),
    unitPriceFen: z.number().int().min(0).max(1_000_000_000_000),
    supplier: text(100),
    /** 设备: to be registered in the asset ledger; consumables are not. */
    isEquipment: z.boolean(),
  })
  .strict();
export type GoodsReceiptItem = z.infer<typeof goodsReceiptItem>;

/** 验收入库 */
export const GoodsReceiptAccepted = defineEvent({
  type: 'GoodsReceiptAccepted',
  version: 1,
  streamType: GOODS_RECEIPT_STREAM_TYPE,
  topic: Topics.procurementEvents,
  schema: z.object({
    receiptId: id,
    schoolId: id,
    purchaseOrderId: id.optional(),
    /** 经费来源 code (fiscal, self-raised, ...) when procurement knows it. */
    fundingSource: text(20).optional(),
    items: z.array(goodsReceiptItem).min(1).max(200),
    acceptedBy: id,
    acceptedAt: z.string().datetime({ offset: true }),
  }),
});

export const GoodsReceiptEvents = eventGroup([GoodsReceiptAccepted]);
export type GoodsReceiptEvent = EventsOf<typeof GoodsReceiptEvents>;
export const GOODS_RECEIPT_EVENT_TYPES = eventTypesOf(GoodsReceiptEvents);
export type GoodsReceiptAccepted = EventOf<typeof GoodsReceiptAccepted>['data'];
