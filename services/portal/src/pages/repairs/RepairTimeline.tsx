import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import { ErrorView } from '../../api/ErrorView';
import { useSession } from '../../auth/useSession';
import { AuthorizedImage } from '../../components/AuthorizedImage';
import { useFormat, useI18n } from '../../i18n/I18n';
import { MessageKey, MESSAGES } from '../../i18n/messages';
import { WorkOrder } from '../../api/types';
import { mayRemovePhoto } from './photoRemoval';
import { PhotoUpload, RemovePhotoButton } from './PhotoUpload';

/** GET /api/facilities/work-orders/:id/history */
export interface WorkOrderHistory {
  workOrderId: string;
  version: number;
  events: {
    eventId: string;
    type: string;
    occurredAt: string;
    recordedAt: string;
    actor: { id: string; role: string; name?: string };
    summary: { en: string; zh: string };
    attachmentId?: string;
  }[];
  attachments: { attachmentId: string; fileName: string; contentType: string; size: number; sha256: string; uploadedBy: string; uploadedAt: string; url: string }[];
}

const COLORS: Record<string, string> = {
  WorkOrderReported: 'blue',
  WorkOrderAssigned: 'blue',
  WorkOrderCompleted: 'purple',
  WorkOrderVerified: 'green',
  WorkOrderCompletionRejected: 'orange',
  WorkOrderResponseOverdue: 'red',
  WorkOrderCompletionOverdue: 'red',
  AttachmentUploaded: 'gray',
  AttachmentRemoved: 'gray',
};

/** More than this after it happened: recorded late (补录), both times shown. */
const LATE_MS = 60_000;

/**
 * 处理记录: the repair's timeline from its events (who, what, when), its photos as thumbnails, and — for the school's
 * own accounts — a button to add one, and 删除 on the photos they may remove (their own; any, for a school admin) until
 * the repair is verified. `<RepairTimeline workOrderId={o.workOrderId} schoolId={o.schoolId} status={o.status} />`
 */
export function RepairTimeline({ workOrderId, schoolId, status }: { workOrderId: string; schoolId: string; status?: WorkOrder['status'] }) {
  const { t, lang } = useI18n();
  const f = useFormat();
  const session = useSession();
  const history = useQuery({
    queryKey: ['work-order-history', workOrderId],
    queryFn: ({ signal }) => get<WorkOrderHistory>('facilities', `/work-orders/${encodeURIComponent(workOrderId)}/history`, undefined, signal),
  });
  const me = session?.account;
  const mayAttach = !!me && (me.role === 'school-staff' || me.role === 'school-admin') && me.schoolId === schoolId;
  const h = history.data;

  return (
    <Card title={t('detail.timeline')} size="small" data-testid="repair-timeline">
      {history.error ? (
        <ErrorView error={history.error} retry={() => void history.refetch()} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Timeline
            data-testid="timeline"
            items={(h?.events ?? []).map((e) => ({
              color: COLORS[e.type] ?? 'gray',
              content: (
                <div data-testid={`timeline-${e.type}`}>
                  <Typography.Text>{lang === 'zh-CN' ? e.summary.zh : e.summary.en}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.actor.name ?? e.actor.id} · {`role.${e.actor.role}` in MESSAGES[lang] ? t(`role.${e.actor.role}` as MessageKey) : e.actor.role} · {f.dateTime(e.occurredAt)}
                    {Math.abs(Date.parse(e.recordedAt) - Date.parse(e.occurredAt)) > LATE_MS && <Tag style={{ marginLeft: 6 }}>{t('timeline.recordedAt', { time: f.dateTime(e.recordedAt) })}</Tag>}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
          <div>
            <Typography.Text strong>{t('photo.title')}</Typography.Text>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }} data-testid="photos">
              {h?.attachments.length ? (
                h.attachments.map((a) => (
                  <div key={a.attachmentId} style={{ display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
                    <AuthorizedImage service="facilities" path={a.url} alt={a.fileName} testId={`photo-${a.attachmentId}`} />
                    {status && mayRemovePhoto(me, a, { schoolId, status }) && <RemovePhotoButton attachmentId={a.attachmentId} fileName={a.fileName} />}
                  </div>
                ))
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('photo.none')} />
              )}
            </div>
          </div>
          {mayAttach && h && <PhotoUpload workOrderId={workOrderId} count={h.attachments.length} />}
        </Space>
      )}
    </Card>
  );
}
