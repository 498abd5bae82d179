/** The auditor pages' additions: sources, server-side filters, progress of long runs. */
export const auditorZh = {
  'auditor.recorded': '记录日期',
  'auditor.scanned': '本页已扫描 {n} 条事件，符合条件的记录可能还在后面：点击“加载更多”继续查找。',
  'auditor.source.facilities': '设施',
  'auditor.source.identity': '账号与学校',
  'auditor.progress': '已完成 {done} / {total}',
  'auditor.progressUnknown': '已处理 {done} 条，正在统计总数…',
} as const;
