import { AnyStoredProjection } from '@houqin/projection-store';
import { meterList } from './meter-list.projection';
import { workOrderList } from './work-order-list.projection';
import { assetList } from './asset-list.projection';
import { dormitoryList } from './dormitory-list.projection';
import { greenAreaList } from './green-area-list.projection';
import { inspectionPlanList } from './inspection-plan-list.projection';
import { reportLinkList } from './report-link-list.projection';
import { stocktakeList } from './stocktake-list.projection';
import { pendingAssetRegistrations } from './pending-asset-registrations.projection';
import { workOrderDeadlineTables } from './work-order-deadlines.projection';
import { inspectionDueTables } from './inspection-due.projection';
import { inspectionFailureTables } from './inspection-failures.projection';
import { dormitoryCheckFailureTables } from './dormitory-check-failures.projection';
import { stocktakeDifferenceTables } from './stocktake-differences.projection';

/**
 * Every read model (query table) of facilities, driven by the service's one loop: the lists, then the views its
 * schedulers and process managers act from (deadlines, inspections due, failed items, failed room checks, closed
 * stocktakes' differences), so none of them reads the global log by itself.
 * Their tables' migrations are in infrastructure/migrations.ts.
 */
export const FACILITIES_READ_MODELS: AnyStoredProjection[] = [
  workOrderList,
  reportLinkList,
  stocktakeList,
  pendingAssetRegistrations,
  meterList,
  inspectionPlanList,
  dormitoryList,
  greenAreaList,
  assetList,
  workOrderDeadlineTables,
  inspectionDueTables,
  inspectionFailureTables,
  dormitoryCheckFailureTables,
  stocktakeDifferenceTables,
];
