import type { exportsZh } from './exports.zh-CN';

export const exportsEn: Record<keyof typeof exportsZh, string> = {
  'export.excel': 'Export to Excel',
  'export.exporting': 'Exporting…',
  'export.done': 'Exported {file}: {n} rows',
  'export.capped': 'Too many rows: only the first {cap} were exported; narrow the filters and export the rest in parts',
  'export.cappedNote': 'The first {cap} rows only (the export limit)',
  'export.failed': 'The export failed: {reason}',
  'workOrders.sheet': 'Work orders',
  'workOrders.col.id': 'Work order no.',
  'workOrders.col.completedAt': 'Completed',
  'workOrders.exportNote': 'Under the filters at the time of export: {n} rows, exported {time}',
  'dorm.sheet': 'Dormitory buildings',
};
