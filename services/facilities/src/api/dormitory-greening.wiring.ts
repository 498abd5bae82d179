import { DormitoryBeds } from '../application/dormitory-beds';
import { DormitoryCheckWorkOrders } from '../application/dormitory-check-work-orders';
import { DormitoryChecks } from '../application/dormitory-checks';
import { DormitoryQueries } from '../application/dormitory.queries';
import { GreenAreaQueries } from '../application/green-area.queries';
import { DormitoriesController } from './dormitories.controller';
import { GreenAreasController } from './green-areas.controller';

/** 宿舍 (with the failed-check → work-order process manager) and 绿化档案: their controllers and providers, spread into the module with one line each. */
export const DORMITORY_GREENING_CONTROLLERS = [DormitoriesController, GreenAreasController];
export const DORMITORY_GREENING_PROVIDERS = [DormitoryBeds, DormitoryChecks, DormitoryCheckWorkOrders, DormitoryQueries, GreenAreaQueries];
