import { WorkOrderStatus } from './state';

export const STATUS_ZH: Record<WorkOrderStatus, string> = {
  none: '不存在',
  reported: '待派单',
  assigned: '已派工',
  'in-progress': '维修中',
  completed: '待验收',
  verified: '已验收',
};
