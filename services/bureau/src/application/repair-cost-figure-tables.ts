import { storedProjection } from '@houqin/projection-store';
import { REPAIR_COST_FIELDS, RepairCostFacts, RepairCostField, repairCosts } from '@houqin/statistics';
import { snakeCase } from './sla-figure-tables';

/** Where the bureau keeps the repair-cost figure: a row per work order, a row per school, asset category and asset. */
export const repairCostTables = storedProjection({
  definition: repairCosts,
  documents: {
    table: 'repair_cost_orders',
    keyColumn: 'work_order_id',
    versionColumn: 'last_version',
    columns: { school_id: 'text', asset_id: 'text', asset_category: 'text', repeat: 'boolean', costed: 'boolean', parts_fen: 'bigint', labour_fen: 'bigint', cost_fen: 'bigint' },
    toRow: (o: RepairCostFacts) => ({
      school_id: o.schoolId,
      asset_id: o.assetId,
      asset_category: o.assetCategory,
      repeat: o.repeat,
      costed: o.costed,
      parts_fen: o.partsFen,
      labour_fen: o.labourFen,
      cost_fen: o.costFen,
    }),
    fromRow: (r): RepairCostFacts => ({
      workOrderId: String(r['work_order_id']),
      schoolId: String(r['school_id']),
      assetId: String(r['asset_id']),
      assetCategory: String(r['asset_category']),
      repeat: Boolean(r['repeat']),
      costed: Boolean(r['costed']),
      partsFen: Number(r['parts_fen']),
      labourFen: Number(r['labour_fen']),
      costFen: Number(r['cost_fen']),
    }),
    touchedAt: 'updated_at',
  },
  groups: {
    table: 'repair_cost_figures',
    keyColumn: 'group_key',
    columns: Object.fromEntries(REPAIR_COST_FIELDS.map((f) => [f, snakeCase(f)])) as Record<RepairCostField, string>,
    touchedAt: 'updated_at',
  },
});
