import { InspectionQueries } from '../application/inspection.queries';
import { InspectionScheduler } from '../application/inspection-scheduler';
import { InspectionWorkOrders } from '../application/inspection-work-orders';
import { InspectionPlansController } from './inspection-plans.controller';

/** 定期检查: its routes, reads, overdue scheduler and the failed-item → work-order process manager (one line each in the module). */
export const INSPECTION_CONTROLLERS = [InspectionPlansController];
export const INSPECTION_PROVIDERS = [InspectionQueries, InspectionScheduler, InspectionWorkOrders];
