import { AnyStoredProjection, storedProjection } from '@houqin/projection-store';
import { WorkOrderFacts, workOrderFigures, workOrderSla } from '@houqin/statistics';
import { workOrderSlaTables } from './sla-figure-tables';
import { assetValueTables, awaitingDisposalTables } from './asset-figure-tables';
import { energyFigureTables } from './energy-figure-tables';
import { inspectionComplianceTables } from './inspection-figure-tables';
import { dormitoryOccupancyTables, greeningTables } from './dormitory-greening-figure-tables';
import { repairCostTables } from './repair-cost-figure-tables';

/** Where the bureau keeps each figure of the statistics lib: a row per stream, a row per group. */
export const workOrderFigureTables = storedProjection({
  definition: workOrderFigures,
  documents: {
    table: 'work_orders',
    keyColumn: 'work_order_id',
    versionColumn: 'last_version',
    columns: { school_id: 'text', status: 'text', reported_at: 'timestamptz', first_completed_at: 'timestamptz' },
    toRow: (o: WorkOrderFacts) => ({ school_id: o.schoolId, status: o.status, reported_at: o.reportedAt, first_completed_at: o.firstCompletedAt ?? null }),
    fromRow: (r): WorkOrderFacts => ({
      workOrderId: String(r['work_order_id']),
      schoolId: String(r['school_id']),
      status: r['status'] as WorkOrderFacts['status'],
      reportedAt: (r['reported_at'] as Date).toISOString(),
      firstCompletedAt: (r['first_completed_at'] as Date | null)?.toISOString(),
    }),
    touchedAt: 'updated_at',
  },
  groups: {
    table: 'school_figures',
    keyColumn: 'school_id',
    columns: {
      reported: 'reported',
      open: 'open',
      completed: 'completed',
      verified: 'verified',
      completionCount: 'completion_count',
      completionMsTotal: 'completion_ms_total',
    },
    touchedAt: 'updated_at',
  },
});

/** Every figure the bureau keeps live, by the figure's projection name. */
export const BUREAU_FIGURE_TABLES: ReadonlyMap<string, AnyStoredProjection> = new Map<string, AnyStoredProjection>([
  [workOrderFigures.name, workOrderFigureTables],
  [workOrderSla.name, workOrderSlaTables],
  [energyFigureTables.definition.name, energyFigureTables],
  [assetValueTables.definition.name, assetValueTables],
  [awaitingDisposalTables.definition.name, awaitingDisposalTables],
  [dormitoryOccupancyTables.definition.name, dormitoryOccupancyTables],
  [greeningTables.definition.name, greeningTables],
  [inspectionComplianceTables.definition.name, inspectionComplianceTables],
  [repairCostTables.definition.name, repairCostTables],
]);
