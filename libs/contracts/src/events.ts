import { assertUniqueTypes, EventDefinition } from './define-event';
import { WorkOrderEvents } from './facilities/work-order-events';
import { AttachmentEvents } from './facilities/attachment-events';
import { ReportLinkEvents } from './facilities/report-link-events';
import { StocktakeEvents } from './facilities/stocktake-events';
import { GoodsReceiptEvents } from './procurement';
import { IdentityEvents } from './identity';
import { InspectionPlanEvents } from './facilities/inspection-events';
import { MeterEvents } from './facilities/energy-events';
import { DormitoryEvents } from './facilities/dormitory-events';
import { GreenAreaEvents } from './facilities/greening-events';
import { AssetEvents } from './facilities/asset-events';

/**
 * Every event record of the platform, one group per aggregate. The registry is built from
 * this list and refuses a type name defined twice (food safety and safety both inspect).
 */
export const PLATFORM_EVENTS: readonly EventDefinition[] = [...WorkOrderEvents, ...ReportLinkEvents, ...StocktakeEvents, ...GoodsReceiptEvents, ...IdentityEvents, ...DormitoryEvents, ...GreenAreaEvents, ...MeterEvents, ...InspectionPlanEvents, ...AssetEvents, ...AttachmentEvents];
assertUniqueTypes(PLATFORM_EVENTS);
