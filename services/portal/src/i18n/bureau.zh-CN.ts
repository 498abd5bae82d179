/** The bureau's facilities dashboard and its work-order section (other sections bring their own files). */
export const bureauZh = {
  'nav.facilities': '设施设备',
  'facilities.title': '设施设备看板',
  'facilities.from': '开始日期',
  'facilities.to': '结束日期',
  'facilities.schools': '学校数',
  'facilities.section.workOrders': '报修工单',
  'facilities.workOrdersNote': '时限达标：按时完工 {met} 件，超时 {missed} 件（按报修时生效的时限规则判定）。',
} as const;
