/** Excel exports of the lists that had none (work orders, dormitories, inspection plans, meters, stocktakes). */
export const exportsZh = {
  'export.excel': '导出 Excel',
  'export.exporting': '正在导出…',
  'export.done': '已导出 {file}，共 {n} 条',
  'export.capped': '记录较多，只导出了前 {cap} 条；请缩小筛选范围后分批导出',
  'export.cappedNote': '仅含前 {cap} 条记录（已达导出上限）',
  'export.failed': '导出失败：{reason}',
  'workOrders.sheet': '报修工单',
  'workOrders.col.id': '工单编号',
  'workOrders.col.completedAt': '完工时间',
  'workOrders.exportNote': '按导出时的筛选条件，共 {n} 条，导出于 {time}',
  'dorm.sheet': '宿舍楼',
} as const;
