import { Tag, Tooltip } from 'antd';
import { isOverdue, Priority, Status, WorkOrder } from '../../api/types';
import { useFormat, useI18n } from '../../i18n/I18n';

const STATUS_COLOR: Record<Status, string> = { reported: 'orange', assigned: 'blue', 'in-progress': 'geekblue', completed: 'purple', verified: 'green' };
const PRIORITY_COLOR: Record<Priority, string> = { low: 'default', normal: 'cyan', high: 'gold', urgent: 'red' };

export function StatusTag({ status }: { status: Status }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]} data-testid="status-tag">{t(`status.${status}`)}</Tag>;
}

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  return <Tag color={PRIORITY_COLOR[priority]}>{t(`priority.${priority}`)}</Tag>;
}

/** The deadline now running (派工 while reported, 完工 while dispatched or in progress), red and marked when passed. */
export function DeadlineMark({ order }: { order: WorkOrder }) {
  const { t } = useI18n();
  const f = useFormat();
  if (!order.sla || (order.status !== 'reported' && order.status !== 'assigned' && order.status !== 'in-progress')) return null;
  const response = order.status === 'reported';
  const due = response ? order.sla.responseDueAt : order.sla.completionDueAt;
  const text = t('repairs.dueAt', { what: t(response ? 'repairs.responseDue' : 'repairs.completionDue'), time: f.dateTime(due) });
  if (isOverdue(order)) {
    return (
      <Tooltip title={text}>
        <Tag color="red" data-testid="overdue-tag">
          {t('repairs.overdueTag')}
        </Tag>
      </Tooltip>
    );
  }
  return <span style={{ fontSize: 12, color: '#8c8c8c' }}>{text}</span>;
}
