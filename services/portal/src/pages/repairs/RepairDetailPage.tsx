import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Rate, Skeleton, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { get } from '../../api/client';
import { ErrorView } from '../../api/ErrorView';
import { Failure, formFailure } from '../../api/formErrors';
import { isOverdue, WorkOrder } from '../../api/types';
import { Account } from '../../auth/session';
import { useSession } from '../../auth/useSession';
import { useFormat, useI18n } from '../../i18n/I18n';
import { DeadlineMark, PriorityTag, StatusTag } from './labels';
import { RepairTimeline } from './RepairTimeline';
import { useCommand } from './useCommand';

type Action = 'assign' | 'complete' | 'verify' | 'reject';

/** The actions the services would accept from this account (they decide; this only offers). See docs/architecture.md, Access rules. */
export function actionsFor(order: WorkOrder, me: Account): Action[] {
  const school = me.role === 'school-staff' || me.role === 'school-admin';
  if (!school || me.schoolId !== order.schoolId) return [];
  const admin = me.role === 'school-admin';
  switch (order.status) {
    case 'reported':
      return admin ? ['assign'] : [];
    case 'assigned':
      return [...(admin ? (['assign'] as const) : []), ...(admin || order.assignee === me.id ? (['complete'] as const) : [])];
    case 'completed': {
      const reporterCompleted = order.completedBy === order.reportedBy;
      const mayJudge = order.completedBy !== me.id && (order.reportedBy === me.id || (admin && reporterCompleted));
      return mayJudge ? ['verify', 'reject'] : [];
    }
    default:
      return [];
  }
}

export default function RepairDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const f = useFormat();
  const session = useSession();
  const navigate = useNavigate();
  const order = useQuery({ queryKey: ['work-order', id], queryFn: ({ signal }) => get<WorkOrder>('facilities', `/work-orders/${encodeURIComponent(id)}`, undefined, signal) });
  const [open, setOpen] = useState<Action>();

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
          </Space>
        }
      >
        {actions.length > 0 && (
          <Space wrap style={{ marginBottom: 16 }} data-testid="detail-actions">
            {actions.map((a) => (
              <Button key={a} type={a === 'reject' ? 'default' : 'primary'} danger={a === 'reject'} onClick={() => setOpen(a)} data-testid={`action-${a}`}>
                {t(`action.${a}`)}
              </Button>
            ))}
          </Space>
        )}
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('report.field.location')}>{o.location}</Descriptions.Item>
          <Descriptions.Item label={t('report.field.category')}>{t(`category.${o.category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.reportedBy')}>{o.reportedBy}</Descriptions.Item>
          <Descriptions.Item label={t('detail.reportedAt')}>{f.dateTime(o.reportedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.assignee')}>{o.assignee ?? '—'}</Descriptions.Item>
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
        </Descriptions>
      </Card>
      <RepairTimeline workOrderId={o.workOrderId} schoolId={o.schoolId} />
      {open && <ActionDialog action={open} order={o} lang={lang} onClose={() => setOpen(undefined)} />}
    </Space>
  );
}

function ActionDialog({ action, order, onClose, lang }: { action: Action; order: WorkOrder; onClose(): void; lang: 'zh-CN' | 'en' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [failure, setFailure] = useState<Failure>();
  const command = useCommand<Record<string, unknown>>(() => `/work-orders/${order.workOrderId}/${action}`, order.version);
  const fields = { assign: ['assignee'], complete: ['note'], verify: ['rating', 'comment'], reject: ['reason'] }[action];

  const submit = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    setFailure(undefined);
    try {
      await command.mutateAsync(values);
      message.success(t('action.done'));
      onClose();
    } catch (err) {
      setFailure(formFailure(err, form, fields, lang));
    }
  };

  return (
    <Modal open title={t(`action.${action}`)} onOk={() => void submit()} onCancel={onClose} okText={t('action.ok')} cancelText={t('action.cancel')} confirmLoading={command.isPending} okButtonProps={{ 'data-testid': 'action-ok' } as Record<string, string>}>
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form form={form} layout="vertical" initialValues={action === 'verify' ? { rating: 5 } : {}}>
        {action === 'assign' && (
          <Form.Item name="assignee" label={t('action.assignee')} rules={[{ required: true, whitespace: true, message: t('action.assigneeRequired') }, { max: 64 }]}>
            <Input maxLength={64} data-testid="action-assignee" />
          </Form.Item>
        )}
        {action === 'complete' && (
          <Form.Item name="note" label={t('action.note')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="action-note" />
          </Form.Item>
        )}
        {action === 'verify' && (
          <>
            <Form.Item name="rating" label={t('action.rating')}>
              <Rate data-testid="action-rating" />
            </Form.Item>
            <Form.Item name="comment" label={t('action.comment')} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
        {action === 'reject' && (
          <Form.Item name="reason" label={t('action.reason')} rules={[{ required: true, whitespace: true, message: t('action.reasonRequired') }, { max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="action-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
