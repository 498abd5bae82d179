import type { bureauZh } from './bureau.zh-CN';

export const bureauEn: Record<keyof typeof bureauZh, string> = {
  'nav.facilities': 'Facilities',
  'facilities.title': 'Facilities dashboard',
  'facilities.from': 'From',
  'facilities.to': 'To',
  'facilities.schools': 'Schools',
  'facilities.section.workOrders': 'Work orders',
  'facilities.workOrdersNote': 'SLA: {met} completed in time, {missed} late (judged by the SLA rule in force when reported).',
};
