import { useState } from 'react';
import { Button, Card, Descriptions, Rate, Skeleton, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { get } from '../../api/client';
import { ErrorView } from '../../api/ErrorView';
import { isOverdue, WorkOrder } from '../../api/types';
import { useSession } from '../../auth/useSession';
import { useFormat, useI18n } from '../../i18n/I18n';
import { DeadlineMark, PriorityTag, StatusTag } from './labels';
import { RepairTimeline } from './RepairTimeline';
import { CostSheet } from './CostSheet';
import { RepairActionDialog } from './RepairActionDialog';
import { actionsFor, RepairAction } from './repairActions';

export default function RepairDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const f = useFormat();
  const session = useSession();
  const navigate = useNavigate();
  const order = useQuery({ queryKey: ['work-order', id], queryFn: ({ signal }) => get<WorkOrder>('facilities', `/work-orders/${encodeURIComponent(id)}`, undefined, signal) });
  const [open, setOpen] = useState<RepairAction>();

  if (order.isLoading) return <Card><Skeleton active /></Card>;
  if (order.error || !order.data) return <Card><ErrorView page error={order.error} retry={() => void order.refetch()} /></Card>;
  const o = order.data;
  const actions = session ? actionsFor(o, session.account) : [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Button size="small" onClick={() => navigate(-1)}>
              {t('app.back')}
            </Button>
            <span data-testid="detail-title">{o.title}</span>
            <StatusTag status={o.status} />
            <PriorityTag priority={o.priority} />
            {isOverdue(o) && <Tag color="red">{t('repairs.overdueTag')}</Tag>}
            {o.repeat && <Tag color="volcano" data-testid="repeat-tag">{t('detail.repeat')}</Tag>}
          </Space>
        }
      >
        {actions.length > 0 && (
          <Space wrap style={{ marginBottom: 16 }} data-testid="detail-actions">
            {actions.map((a) => (
              <Button key={a} type={a === 'reject' ? 'default' : 'primary'} danger={a === 'reject'} onClick={() => setOpen(a)} data-testid={`action-${a}`}>
                {t(a === 'reject' ? 'action.reopen' : `action.${a}`)}
              </Button>
            ))}
          </Space>
        )}
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('report.field.location')}>{o.location}</Descriptions.Item>
          <Descriptions.Item label={t('report.field.category')}>{t(`category.${o.category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.reportedBy')}>{o.reportedBy}</Descriptions.Item>
          <Descriptions.Item label={t('detail.reportedAt')}>{f.dateTime(o.reportedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.repairer')}>
            <span data-testid="detail-repairer">{repairerText(o)}</span>
          </Descriptions.Item>
          {o.startedAt && <Descriptions.Item label={t('detail.startedAt')}>{f.dateTime(o.startedAt)}</Descriptions.Item>}
          <Descriptions.Item label={t('repairs.col.due')}>
            <DeadlineMark order={o} />
          </Descriptions.Item>
          {o.sla && (
            <>
              <Descriptions.Item label={t('detail.responseDue')}>
                {f.dateTime(o.sla.responseDueAt)} {o.sla.respondedAt && Date.parse(o.sla.respondedAt) <= Date.parse(o.sla.responseDueAt) && <Tag color="green">{t('detail.met')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('detail.completionDue')}>{f.dateTime(o.sla.completionDueAt)}</Descriptions.Item>
            </>
          )}
          {o.description && <Descriptions.Item label={t('report.field.description')}>{o.description}</Descriptions.Item>}
          {o.completionNote && <Descriptions.Item label={t('detail.completionNote')}>{o.completionNote}</Descriptions.Item>}
          {o.rating !== undefined && (
            <Descriptions.Item label={t('detail.rating')}>
              <Rate disabled value={o.rating} />
            </Descriptions.Item>
          )}
          {o.rejections > 0 && <Descriptions.Item label={t('detail.lastRejection')}>{o.lastRejectionReason}</Descriptions.Item>}
          {o.repeat && <Descriptions.Item label={t('detail.repeat')}>{t('detail.repeatOf', { time: f.dateTime(o.repeat.previousCompletedAt) })}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {o.costs && (
        <Card size="small" title={t('costs.title')}>
          <CostSheet costs={o.costs} />
        </Card>
      )}
      <RepairTimeline workOrderId={o.workOrderId} schoolId={o.schoolId} status={o.status} />
      {open && <RepairActionDialog action={open} order={o} lang={lang} onClose={() => setOpen(undefined)} />}
    </Space>
  );
}

/** 张师傅 (tech.zhang), or 蓝天水电 · 王经理 138****8000 (masked by the service), or the free-text repairer of older orders. */
function repairerText(o: WorkOrder): string {
  const r = o.repairer;
  if (!r) return o.assignee ?? '—';
  return r.kind === 'technician' ? `${r.name} (${r.accountId})` : `${r.company} · ${r.contact} ${r.phone}`;
}
