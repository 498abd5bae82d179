import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Drawer, Form, Image, Input, Modal, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { get, urlOf } from '../../api/client';
import { getSession } from '../../auth/session';
import { ErrorView } from '../../api/ErrorView';
import { HistoryLine } from '../../api/types';
import { useFormat, useI18n } from '../../i18n/I18n';
import { fetchSources, sourceLabel } from './sources';
import { AuditPhoto, photoOf } from './auditPhotos';

interface Scope {
  source: string;
  schoolId?: string;
  streamId?: string;
  actor?: string;
  types?: string[];
  range?: [Dayjs | null, Dayjs | null] | null;
}
type HistoryPage = { items: HistoryLine[]; next: string; scanned?: number; complete?: boolean };

const PAGE = 200;
const actorOf = (line: HistoryLine) => (typeof line.actor === 'string' ? line.actor : (line.actor?.name ? `${line.actor.name} (${line.actor.id})` : (line.actor?.id ?? '')));

/**
 * 事件历史: the audit's history in commit order, filtered by the service — source (the audit's sources), school, stream,
 * actor, event types and time range (recorded, Beijing days); details with payload, metadata and both hashes; the
 * selection exports as an evidence file (events and hashes, JSON). With actor/type/time filters the service scans a
 * bounded window per page: a page may hold fewer lines, and "more" continues the scan.
 */
export default function AuditHistoryPage() {
  const { t } = useI18n();
  const f = useFormat();
  const [form] = Form.useForm<Scope>();
  const [scope, setScope] = useState<Scope>({ source: 'facilities' });
  const [detail, setDetail] = useState<HistoryLine>();
  const [photo, setPhoto] = useState<AuditPhoto>();
  const sources = useQuery({ queryKey: ['audit', 'sources'], queryFn: ({ signal }) => fetchSources(signal), staleTime: 300_000 });
  const chosenSource = Form.useWatch('source', form) ?? scope.source;
  const eventTypes = sources.data?.find((s) => s.name === chosenSource)?.eventTypes ?? [];

  const query = {
    schoolId: scope.schoolId,
    streamId: scope.streamId,
    actor: scope.actor,
    type: scope.types?.length ? scope.types.join(',') : undefined,
    from: scope.range?.[0]?.format('YYYY-MM-DD'),
    to: scope.range?.[1]?.format('YYYY-MM-DD'),
  };
  const history = useInfiniteQuery({
    queryKey: ['audit', 'history', scope.source, query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => get<HistoryPage>('audit', `/audit/${scope.source}/events`, { ...query, after: pageParam, limit: PAGE }, signal),
    getNextPageParam: (last) => (last.complete === false || (last.complete === undefined && last.items.length === PAGE) ? last.next : undefined),
  });
  const lines = useMemo(() => history.data?.pages.flatMap((p) => p.items) ?? [], [history.data]);
  const lastPage = history.data?.pages.at(-1);

  const exportEvidence = () => {
    const evidence = {
      kind: 'houqin-audit-evidence',
      exportedAt: new Date().toISOString(),
      source: scope.source,
      filters: query,
      events: lines,
    };
    const url = URL.createObjectURL(new Blob([JSON.stringify(evidence, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `audit-evidence-${scope.source}-${Date.now()}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <Card title={t('audit.history')} extra={<Button onClick={exportEvidence} disabled={!lines.length} data-testid="export-evidence">{t('audit.exportEvidence')}</Button>}>
      <Form<Scope>
        form={form}
        layout="inline"
        initialValues={scope}
        onFinish={(v) => setScope({ ...v, schoolId: v.schoolId?.trim() || undefined, streamId: v.streamId?.trim() || undefined, actor: v.actor?.trim() || undefined })}
        style={{ rowGap: 8, marginBottom: 12 }}
      >
        <Form.Item name="source" label={t('audit.source')}>
          <Select style={{ width: 150 }} options={(sources.data ?? [{ name: 'facilities' }]).map((s) => ({ value: s.name, label: sourceLabel(s.name, t) }))} data-testid="audit-source" />
        </Form.Item>
        <Form.Item name="schoolId" label={t('audit.school')}>
          <Input allowClear style={{ width: 140 }} data-testid="audit-school" />
        </Form.Item>
        <Form.Item name="streamId" label={t('audit.stream')}>
          <Input allowClear style={{ width: 300 }} placeholder="WorkOrder-…" data-testid="audit-stream" />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear style={{ width: 140 }} data-testid="audit-actor" />
        </Form.Item>
        <Form.Item name="types" label={t('audit.type')}>
          <Select mode="multiple" allowClear style={{ minWidth: 240 }} maxTagCount="responsive" options={eventTypes.map((v) => ({ value: v, label: v }))} data-testid="audit-type" />
        </Form.Item>
        <Form.Item name="range" label={t('auditor.recorded')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-search">
          {t('audit.search')}
        </Button>
      </Form>
      {lastPage?.complete === false && (
        <Alert type="info" title={t('auditor.scanned', { n: lastPage.scanned ?? 0 })} style={{ marginBottom: 12 }} data-testid="audit-scan-note" />
      )}
      {history.error ? (
        <ErrorView error={history.error} retry={() => void history.refetch()} />
      ) : (
        <Table<HistoryLine>
          rowKey="position"
          size="small"
          loading={history.isLoading}
          dataSource={lines}
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          onRow={(l) => ({ onClick: () => setDetail(l), style: { cursor: 'pointer' } })}
          data-testid="history-table"
          columns={[
            { title: t('audit.col.position'), dataIndex: 'position', width: 80 },
            { title: t('audit.col.occurredAt'), key: 'occurredAt', render: (_: unknown, l) => f.dateTime(l.occurredAt ?? l.recordedAt) },
            { title: t('audit.col.type'), dataIndex: 'type' },
            { title: t('audit.col.stream'), dataIndex: 'streamId', ellipsis: true },
            { title: t('audit.col.version'), dataIndex: 'streamVersion', width: 70 },
            { title: t('audit.col.actor'), key: 'actor', render: (_: unknown, l) => actorOf(l) },
            { title: t('audit.col.school'), dataIndex: 'schoolId' },
            {
              title: t('photo.title'),
              key: 'photo',
              render: (_: unknown, l) => {
                const p = scope.source === 'facilities' ? photoOf(l, lines) : undefined;
                if (!p) return null;
                if (p.removed) return <Tag data-testid={`photo-gone-${p.attachmentId}`}>{t('photo.gone')}</Tag>;
                return (
                  <Button
                    size="small"
                    type="link"
                    onClick={(e) => {
                      e.stopPropagation();
                      setPhoto(p);
                    }}
                    data-testid={`photo-view-${p.attachmentId}`}
                  >
                    {t('photo.view')}
                  </Button>
                );
              },
            },
          ]}
        />
      )}
      {history.hasNextPage && (
        <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage} style={{ marginTop: 12 }}>
          {t('audit.more')}
        </Button>
      )}
      {photo && <AuditPhotoModal photo={photo} onClose={() => setPhoto(undefined)} />}
      <Drawer open={!!detail} onClose={() => setDetail(undefined)} title={t('audit.details')} size={640} data-testid="event-detail">
        {detail && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('audit.col.type')}>{detail.type} v{detail.schemaVersion}</Descriptions.Item>
              <Descriptions.Item label={t('audit.col.stream')}>{detail.streamId} #{detail.streamVersion}</Descriptions.Item>
              <Descriptions.Item label={t('audit.col.recordedAt')}>{f.dateTime(detail.recordedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('audit.hash')}>
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="event-hash">
                  {detail.hash}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('audit.prevHash')}>
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {detail.prevHash}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{t('audit.payload')}</Typography.Title>
            <pre style={{ background: '#fafafa', padding: 12, overflow: 'auto' }} data-testid="event-payload">{JSON.stringify(detail.payload, null, 2)}</pre>
            <Typography.Title level={5}>{t('audit.metadata')}</Typography.Title>
            <pre style={{ background: '#fafafa', padding: 12, overflow: 'auto' }}>{JSON.stringify({ actor: detail.actor, occurredAt: detail.occurredAt, correlationId: detail.correlationId, schoolId: detail.schoolId, position: detail.position }, null, 2)}</pre>
          </Space>
        )}
      </Drawer>
    </Card>
  );
}

/**
 * 查看照片 for an auditor: the bytes fetched with the session's token (an <img src> cannot send it, as the repair pages'
 * thumbnails), shown from an object URL released on close; a photo removed since answers 410 and shows 已删除.
 */
function AuditPhotoModal({ photo, onClose }: { photo: AuditPhoto; onClose(): void }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<{ src?: string; gone?: boolean; failed?: boolean }>({});
  useEffect(() => {
    const controller = new AbortController();
    const token = getSession()?.accessToken;
    let objectUrl: string | undefined;
    const load = async () => {
      const answer = await fetch(urlOf('facilities', `/attachments/${encodeURIComponent(photo.attachmentId)}`), {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        signal: controller.signal,
        credentials: 'same-origin',
      });
      if (answer.status === 410) return setShown({ gone: true });
      if (!answer.ok) return setShown({ failed: true });
      objectUrl = URL.createObjectURL(await answer.blob());
      setShown({ src: objectUrl });
    };
    load().catch((err: Error) => err.name === 'AbortError' || setShown({ failed: true }));
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [photo.attachmentId]);

  return (
    <Modal open title={t('photo.viewTitle', { name: photo.fileName })} footer={null} onCancel={onClose} width={720} data-testid="audit-photo">
      {shown.gone ? (
        <Alert type="warning" showIcon title={t('photo.gone')} description={t('photo.goneDetail')} data-testid="audit-photo-gone" />
      ) : shown.failed ? (
        <Alert type="error" showIcon title={t('photo.loadFailed')} />
      ) : shown.src ? (
        <Image src={shown.src} alt={photo.fileName} style={{ maxWidth: '100%' }} preview={false} data-testid="audit-photo-image" />
      ) : (
        <Skeleton.Image active />
      )}
    </Modal>
  );
}
