import { z } from 'zod';
import { defineEvent, EventOf, EventsOf, eventGroup, eventTypesOf } from '../define-event';
import { Topics } from '../topics';
import { assetLocation } from './asset-events';

/**
 * 盘点: a stocktake of one place (a building, or a floor or room of it). It lists the ledger's assets expected
 * there when it opens; staff mark each found, missing or damaged, and add what they find that is not listed
 * (an asset of the ledger kept elsewhere, or something not in the ledger at all). Closing it records the
 * differences; the application turns them into facts on each asset's stream (盘亏, 损坏, 找回, 调拨).
 */
export const STOCKTAKE_STREAM_TYPE = 'Stocktake';
export const STOCKTAKE_MAX_ITEMS = 1000;
export const STOCKTAKE_FINDINGS = ['found', 'missing', 'damaged'] as const;
export type StocktakeFinding = (typeof STOCKTAKE_FINDINGS)[number];

const id = z.string().min(1).max(64);
const at = z.string().datetime({ offset: true });
const note = z.string().min(1).max(500);
const stocktake = { streamType: STOCKTAKE_STREAM_TYPE, topic: Topics.facilitiesEvents } as const;

/** An asset the ledger places here at the opening, as it stood then. */
export const stocktakeExpectedAsset = z
  .object({ assetId: id, name: z.string().min(1).max(100), category: z.string().min(1).max(20), serialNumber: z.string().max(100).optional(), location: assetLocation, ledgerStatus: z.string().min(1).max(30) })
  .strict();
export type StocktakeExpectedAsset = z.infer<typeof stocktakeExpectedAsset>;

/** 开始盘点 */
export const StocktakeOpened = defineEvent({
  type: 'StocktakeOpened',
  version: 1,
  ...stocktake,
  schema: z.object({
    stocktakeId: id,
    schoolId: id,
    title: z.string().min(1).max(100),
    location: assetLocation,
    expected: z.array(stocktakeExpectedAsset).max(STOCKTAKE_MAX_ITEMS),
    openedBy: id,
    openedAt: at,
  }),
});

/** 逐项盘点: an expected asset marked found, missing or damaged (marking again replaces the finding). */
export const StocktakeItemMarked = defineEvent({
  type: 'StocktakeItemMarked',
  version: 1,
  ...stocktake,
  schema: z.object({ stocktakeId: id, schoolId: id, assetId: id, finding: z.enum(STOCKTAKE_FINDINGS), note: note.optional(), markedBy: id, markedAt: at }),
});

/**
 * 盘盈: found here but not listed — a ledger asset kept elsewhere (assetId, with where the ledger had it), or
 * something not in the ledger (a description, to be registered).
 */
export const StocktakeUnlistedFound = defineEvent({
  type: 'StocktakeUnlistedFound',
  version: 1,
  ...stocktake,
  schema: z.object({
    stocktakeId: id,
    schoolId: id,
    entryId: id,
    assetId: id.optional(),
    name: z.string().min(1).max(100),
    ledgerLocation: assetLocation.optional(),
    ledgerStatus: z.string().min(1).max(30).optional(),
    /** Where in the stocktake's place it was found (default: the place itself); a ledger asset is moved there. */
    foundLocation: assetLocation,
    note: note.optional(),
    foundBy: id,
    foundAt: at,
  }),
});

export const STOCKTAKE_DIFFERENCE_KINDS = ['missing', 'damaged', 'found-again', 'found-elsewhere', 'not-in-ledger'] as const;
export type StocktakeDifferenceKind = (typeof STOCKTAKE_DIFFERENCE_KINDS)[number];
export const stocktakeDifference = z
  .object({ kind: z.enum(STOCKTAKE_DIFFERENCE_KINDS), assetId: id.optional(), entryId: id.optional(), name: z.string().min(1).max(100), note: note.optional() })
  .strict();
export type StocktakeDifference = z.infer<typeof stocktakeDifference>;

/** 盘点结束: the counts and every difference (each one becomes a fact on its asset's stream). */
export const StocktakeClosed = defineEvent({
  type: 'StocktakeClosed',
  version: 1,
  ...stocktake,
  schema: z.object({
    stocktakeId: id,
    schoolId: id,
    summary: z
      .object({
        expected: z.number().int().min(0),
        found: z.number().int().min(0),
        missing: z.number().int().min(0),
        damaged: z.number().int().min(0),
        /** Expected assets nobody marked, counted missing by the closer's choice. */
        unmarkedCountedMissing: z.number().int().min(0),
        foundElsewhere: z.number().int().min(0),
        notInLedger: z.number().int().min(0),
      })
      .strict(),
    differences: z.array(stocktakeDifference).max(STOCKTAKE_MAX_ITEMS * 2),
    closedBy: id,
    closedAt: at,
  }),
});

export const StocktakeEvents = eventGroup([StocktakeOpened, StocktakeItemMarked, StocktakeUnlistedFound, StocktakeClosed]);
export type StocktakeEvent = EventsOf<typeof StocktakeEvents>;
export const STOCKTAKE_EVENT_TYPES = eventTypesOf(StocktakeEvents);

export type StocktakeOpened = EventOf<typeof StocktakeOpened>['data'];
export type StocktakeItemMarked = EventOf<typeof StocktakeItemMarked>['data'];
export type StocktakeUnlistedFound = EventOf<typeof StocktakeUnlistedFound>['data'];
export type StocktakeClosed = EventOf<typeof StocktakeClosed>['data'];
export type StocktakeSummary = StocktakeClosed['summary'];
