import { CreateProjectionStatus1764400000000 } from '@houqin/projection-store';
import { CreateMeterList1765000000500 } from './meter-list.migration';
import { CreateAttachmentBlobs1764900100000 } from './attachment.migration';
import { AllowRemovedAttachmentBytes1765400000100 } from './attachment-removal.migration';
import { CreateWorkOrderDeadlines1764700000000 } from './work-order-deadlines.migration';
import { CreateWorkOrderList1764600000000 } from './work-order-list.migration';
import { CreateAssetList1765200000100 } from './asset-list.migration';
import { CreateDormitoryTables1765000000910 } from './dormitory.migration';
import { CreateDormitoryCheckWorkOrders1765500000310 } from './dormitory-check-work-orders.migration';
import { CreateGreenAreaList1765000000920 } from './green-area.migration';
import { CreateInspections1765000000700 } from './inspection.migrations';
import { CreateReportLinks1764900040000 } from './report-link.migration';
import { CreateStocktakeList1764900050000 } from './stocktake.migration';
import { CreateStocktakeAssetFacts1765500000320 } from './stocktake-asset-facts.migration';
import { AllowRegistrationsWithoutPending1765300000000, CreatePendingAssets1764900060000 } from './pending-assets.migration';
import { AddSchoolNameVersion1764900070000 } from './school-names.migration';
import { AddWorkOrderListAsset1764800001000 } from './work-order-asset.migration';

/** The service's own tables beside its event store, in order: one line per migration (name by timestamp). */
export const FACILITIES_MIGRATIONS = [CreateProjectionStatus1764400000000, CreateWorkOrderList1764600000000, CreateWorkOrderDeadlines1764700000000, CreateReportLinks1764900040000, CreateStocktakeList1764900050000, CreatePendingAssets1764900060000, AddSchoolNameVersion1764900070000, AddWorkOrderListAsset1764800001000, CreateAttachmentBlobs1764900100000, CreateMeterList1765000000500, CreateInspections1765000000700, CreateDormitoryTables1765000000910, CreateGreenAreaList1765000000920, CreateAssetList1765200000100, AllowRegistrationsWithoutPending1765300000000, AllowRemovedAttachmentBytes1765400000100, CreateDormitoryCheckWorkOrders1765500000310, CreateStocktakeAssetFacts1765500000320];
