import { assertUniqueTypes, EventDefinition } from './define-event';
import { WorkOrderEvents } from './facilities/work-order-events';
import { ReportLinkEvents } from './facilities/report-link-events';
import { IdentityEvents } from './identity';

/**
 * Every event record of the platform, one group per aggregate. The registry is built from
 * this list and refuses a type name defined twice (food safety and safety both inspect).
 */
export const PLATFORM_EVENTS: readonly EventDefinition[] = [...WorkOrderEvents, ...ReportLinkEvents, ...IdentityEvents];
assertUniqueTypes(PLATFORM_EVENTS);
