import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { get } from '../../api/client';
import { ErrorView } from '../../api/ErrorView';
import { HistoryLine } from '../../api/types';
import { useFormat, useI18n } from '../../i18n/I18n';

interface Scope {
  source: string;
  schoolId?: string;
  streamId?: string;
}

const actorOf = (line: HistoryLine) => (typeof line.actor === 'string' ? line.actor : (line.actor?.id ?? ''));

/**
 * 事件历史: the audit's history in commit order, by school and stream (the service's filters), then by
 * actor, event type and time range over the lines loaded; details with payload, metadata and both hashes;
 * the selection exports as an evidence file (events and hashes, JSON).
 */
export default function AuditHistoryPage() {
  const { t } = useI18n();
  const f = useFormat();
  const [scope, setScope] = useState<Scope>({ source: 'facilities' });
  const [local, setLocal] = useState<{ actor?: string; type?: string; range?: [Dayjs | null, Dayjs | null] | null }>({});
  const [detail, setDetail] = useState<HistoryLine>();

  const history = useInfiniteQuery({
    queryKey: ['audit', 'history', scope],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      get<{ items: HistoryLine[]; next: string }>('audit', `/audit/${scope.source}/events`, { schoolId: scope.schoolId, streamId: scope.streamId, after: pageParam, limit: 200 }, signal),
    getNextPageParam: (last) => (last.items.length === 200 ? last.next : undefined),
  });
  const all = useMemo(() => history.data?.pages.flatMap((p) => p.items) ?? [], [history.data]);
  const types = useMemo(() => [...new Set(all.map((l) => l.type))].sort(), [all]);
  const lines = all.filter((l) => {
    if (local.actor && !actorOf(l).includes(local.actor)) return false;
    if (local.type && l.type !== local.type) return false;
    const [from, to] = local.range ?? [];
    const at = Date.parse(l.occurredAt ?? l.recordedAt);
    if (from && at < from.startOf('day').valueOf()) return false;
    if (to && at > to.endOf('day').valueOf()) return false;
    return true;
  });

  const exportEvidence = () => {
    const evidence = {
      kind: 'houqin-audit-evidence',
      exportedAt: new Date().toISOString(),
      scope,
      filters: { actor: local.actor, type: local.type, from: local.range?.[0]?.toISOString(), to: local.range?.[1]?.toISOString() },
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
      <Form
        layout="inline"
        initialValues={scope}
        onFinish={(v: Scope) => setScope({ source: v.source, schoolId: v.schoolId?.trim() || undefined, streamId: v.streamId?.trim() || undefined })}
        style={{ rowGap: 8, marginBottom: 12 }}
      >
        <Form.Item name="source" label={t('audit.source')}>
          <Select style={{ width: 130 }} options={[{ value: 'facilities', label: 'facilities 设施' }]} />
        </Form.Item>
        <Form.Item name="schoolId" label={t('audit.school')}>
          <Input allowClear style={{ width: 140 }} data-testid="audit-school" />
        </Form.Item>
        <Form.Item name="streamId" label={t('audit.stream')}>
          <Input allowClear style={{ width: 300 }} placeholder="WorkOrder-…" data-testid="audit-stream" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-search">
          {t('audit.search')}
        </Button>
      </Form>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input allowClear placeholder={t('audit.actor')} style={{ width: 140 }} onChange={(e) => setLocal({ ...local, actor: e.target.value || undefined })} data-testid="audit-actor" />
        <Select allowClear placeholder={t('audit.type')} style={{ width: 240 }} options={types.map((v) => ({ value: v, label: v }))} onChange={(v) => setLocal({ ...local, type: v })} data-testid="audit-type" />
        <DatePicker.RangePicker onChange={(range) => setLocal({ ...local, range })} />
      </Space>
      <Alert type="info" title={t('audit.filterLocal')} style={{ marginBottom: 12 }} />
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
          ]}
        />
      )}
      {history.hasNextPage && (
        <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage} style={{ marginTop: 12 }}>
          {t('audit.more')}
        </Button>
      )}
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
