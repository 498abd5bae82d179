import { useState } from 'react';
import { App, Button } from 'antd';
import { get } from '../../api/client';
import { isOverdue, WorkOrder, WorkOrderPage } from '../../api/types';
import { downloadXlsx, EXPORT_ROW_CAP, exportStamp, readAllPages, SheetColumn } from '../../components/excel';
import { useFormat, useI18n } from '../../i18n/I18n';
import { fenToYuan } from './money';

/**
 * 导出 Excel of the work-order list: every order under the filters shown (all pages, not only those loaded), read
 * again page by page up to the export cap, with the columns of the table; readOnly (the bureau) adds the school.
 */
export function ExportWorkOrdersButton({ filters, readOnly }: { filters: Record<string, string | undefined>; readOnly: boolean }) {
  const { t } = useI18n();
  const f = useFormat();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);

  const deadline = (o: WorkOrder) => {
    if (!o.sla || (o.status !== 'reported' && o.status !== 'assigned' && o.status !== 'in-progress')) return '';
    if (isOverdue(o)) return t('repairs.overdueTag');
    const response = o.status === 'reported';
    return t('repairs.dueAt', { what: t(response ? 'repairs.responseDue' : 'repairs.completionDue'), time: f.dateTime(response ? o.sla.responseDueAt : o.sla.completionDueAt) });
  };
  const columns: SheetColumn<WorkOrder>[] = [
    { header: t('workOrders.col.id'), value: (o) => o.workOrderId, width: 38 },
    { header: t('repairs.col.title'), value: (o) => o.title, width: 32 },
    { header: t('repairs.col.location'), value: (o) => o.location, width: 20 },
    ...(readOnly ? [{ header: t('repairs.col.school'), value: (o: WorkOrder) => o.schoolId, width: 14 }] : []),
    { header: t('repairs.category'), value: (o) => t(`category.${o.category}`) },
    { header: t('repairs.priority'), value: (o) => t(`priority.${o.priority}`) },
    { header: t('repairs.status'), value: (o) => t(`status.${o.status}`) },
    // As the table shows it: the technician's name or the contractor's company (the contractor's phone stays out).
    { header: t('repairs.col.assignee'), value: (o) => (o.repairer ? (o.repairer.kind === 'technician' ? o.repairer.name : o.repairer.company) : (o.assignee ?? '')), width: 16 },
    { header: t('costs.total'), value: (o) => (o.costs ? fenToYuan(o.costs.totalFen) : '') }, // yuan as text: exact
    { header: t('repairs.col.reportedAt'), value: (o) => f.dateTime(o.reportedAt), width: 18 },
    { header: t('repairs.col.due'), value: deadline, width: 24 },
    { header: t('workOrders.col.completedAt'), value: (o) => (o.completedAt ? f.dateTime(o.completedAt) : ''), width: 18 },
  ];

  const run = async () => {
    setExporting(true);
    try {
      const { rows, capped } = await readAllPages((cursor) => get<WorkOrderPage>('facilities', '/work-orders', { ...filters, limit: 200, cursor }));
      const file = `${t('workOrders.sheet')}${filters.schoolId ? `-${filters.schoolId}` : ''}-${exportStamp()}.xlsx`;
      const note = capped ? t('export.cappedNote', { cap: EXPORT_ROW_CAP }) : t('workOrders.exportNote', { n: rows.length, time: f.dateTime(new Date().toISOString()) });
      await downloadXlsx(file, t('workOrders.sheet'), columns, rows, note);
      if (capped) message.warning(t('export.capped', { cap: EXPORT_ROW_CAP }));
      else message.success(t('export.done', { file, n: rows.length }));
    } catch (err) {
      message.error(t('export.failed', { reason: (err as Error).message }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button onClick={() => void run()} loading={exporting} data-testid="export-work-orders">
      {exporting ? t('export.exporting') : t('export.excel')}
    </Button>
  );
}
