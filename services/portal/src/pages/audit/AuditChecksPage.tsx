import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Progress, Result, Select, Space, Table, Tag } from 'antd';
import { useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, newKey, post } from '../../api/client';
import { ErrorView } from '../../api/ErrorView';
import { useFormat, useI18n } from '../../i18n/I18n';
import { fetchProgress, fetchSources, sourceLabel } from './sources';

interface ChainBreak {
  streamId: string;
  reason: string;
  streamVersion?: number;
  globalPosition?: string;
  eventId?: string;
  detail: string;
}
interface Verification {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  breaks: ChainBreak[];
}
interface Rebuild {
  matches: boolean;
  figure: string;
  eventsApplied: number;
  liveEventsApplied: number;
  durationMs: number;
  differences: Record<string, unknown>[];
}
interface Run {
  id: number;
  kind: string;
  source: string;
  actor: string;
  ok: boolean;
  startedAt: string;
  finishedAt: string;
}

const FIGURES = ['work-order-figures', 'work-order-sla'];

/** Seconds since `since`, ticking while a run is under way. */
function useElapsed(since: number | undefined) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!since) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [since]);
  return since ? Math.max(0, Math.round((now - since) / 1000)) : 0;
}

/** The share done of a run the audit reports (GET /audit/progress/:id), polled while it is pending. */
function RunProgressBar({ progressId, pending, testId }: { progressId?: string; pending: boolean; testId: string }) {
  const { t } = useI18n();
  const progress = useQuery({
    queryKey: ['audit', 'progress', progressId],
    queryFn: ({ signal }) => fetchProgress(progressId ?? '', signal),
    enabled: !!progressId && pending,
    refetchInterval: 500,
    retry: true,
  });
  const p = progress.data;
  if (!pending || !p) return null;
  return (
    <div data-testid={testId}>
      <Progress percent={p.share === null ? 0 : Math.floor(p.share * 100)} status="active" />
      <span style={{ color: '#888', fontSize: 12 }}>{p.total === null ? t('auditor.progressUnknown', { done: p.done }) : t('auditor.progress', { done: p.done, total: p.total })}</span>
    </div>
  );
}

/** A fresh UUID per run, so the run can be followed (and found again after leaving the page: it is in the mutation's variables). */
const newProgressId = newKey;

/**
 * 校验与重放: a hash-chain verification and a replay compared with the bureau. Each is one long request; it runs
 * in the query client's mutation cache, so the user may leave the page and find the run (and its result) on return.
 */
export default function AuditChecksPage() {
  const { t } = useI18n();
  const f = useFormat();
  const client = useQueryClient();
  const runs = useQuery({ queryKey: ['audit', 'runs'], queryFn: ({ signal }) => get<Run[]>('audit', '/audit/runs', undefined, signal) });
  const done = () => void client.invalidateQueries({ queryKey: ['audit', 'runs'] });

  const verify = useMutation({
    mutationKey: ['audit', 'verify'],
    mutationFn: ({ source, progressId, ...scope }: { source: string; schoolId?: string; streamId?: string; progressId: string }) =>
      get<Verification>('audit', `/audit/${encodeURIComponent(source)}/verification`, { ...scope, progressId }),
    onSettled: done,
  });
  const rebuild = useMutation({
    mutationKey: ['audit', 'rebuild'],
    mutationFn: ({ figure, progressId }: { figure: string; progressId: string }) => post<Rebuild>('audit', `/audit/rebuilds/${figure}?progressId=${progressId}`),
    onSettled: done,
  });
  // The latest run of each kind, from the cache: still there after leaving and coming back.
  const sources = useQuery({ queryKey: ['audit', 'sources'], queryFn: ({ signal }) => fetchSources(signal), staleTime: 300_000 });
  const lastVerify = useMutationState({ filters: { mutationKey: ['audit', 'verify'] }, select: (m) => m.state }).at(-1);
  const lastRebuild = useMutationState({ filters: { mutationKey: ['audit', 'rebuild'] }, select: (m) => m.state }).at(-1);
  const verifyElapsed = useElapsed(lastVerify?.status === 'pending' ? lastVerify.submittedAt : undefined);
  const rebuildElapsed = useElapsed(lastRebuild?.status === 'pending' ? lastRebuild.submittedAt : undefined);
  const v = lastVerify?.status === 'success' ? (lastVerify.data as Verification) : undefined;
  const r = lastRebuild?.status === 'success' ? (lastRebuild.data as Rebuild) : undefined;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('audit.verify')}>
        <Form
          layout="inline"
          initialValues={{ source: 'facilities' }}
          onFinish={(s: { source: string; schoolId?: string; streamId?: string }) =>
            verify.mutate({ source: s.source, schoolId: s.schoolId?.trim() || undefined, streamId: s.streamId?.trim() || undefined, progressId: newProgressId() })
          }
          style={{ rowGap: 8 }}
        >
          <Form.Item name="source" label={t('audit.source')}>
            <Select style={{ width: 170 }} options={(sources.data ?? [{ name: 'facilities' }]).map((x) => ({ value: x.name, label: sourceLabel(x.name, t) }))} data-testid="verify-source" />
          </Form.Item>
          <Form.Item name="schoolId" label={t('audit.school')}>
            <Input allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="streamId" label={t('audit.stream')}>
            <Input allowClear style={{ width: 300 }} placeholder="WorkOrder-…" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={lastVerify?.status === 'pending'} data-testid="verify-start">
            {t('audit.verifyStart')}
          </Button>
        </Form>
        <div style={{ marginTop: 16 }} data-testid="verify-result">
          {lastVerify?.status === 'pending' && <Alert type="info" showIcon title={t('audit.running', { s: verifyElapsed })} />}
          <RunProgressBar progressId={(lastVerify?.variables as { progressId?: string } | undefined)?.progressId} pending={lastVerify?.status === 'pending'} testId="verify-progress" />
          {lastVerify?.status === 'error' && <ErrorView error={lastVerify.error} />}
          {v && (
            <>
              <Result status={v.ok ? 'success' : 'error'} title={v.ok ? t('audit.ok', { streams: v.streamsChecked, events: v.eventsChecked }) : t('audit.broken', { n: v.breaks.length })} />
              {!v.ok && (
                <Table<ChainBreak>
                  rowKey={(b) => `${b.streamId}-${b.streamVersion ?? ''}`}
                  size="small"
                  dataSource={v.breaks}
                  pagination={false}
                  rowClassName={() => 'audit-break'}
                  columns={[
                    { title: t('audit.col.stream'), dataIndex: 'streamId' },
                    { title: t('audit.col.version'), dataIndex: 'streamVersion' },
                    { title: t('audit.col.position'), dataIndex: 'globalPosition' },
                    { title: t('audit.col.reason'), dataIndex: 'reason', render: (x: string) => <Tag color="red">{x}</Tag> },
                    { title: t('audit.col.detail'), dataIndex: 'detail' },
                  ]}
                />
              )}
            </>
          )}
        </div>
      </Card>
      <Card title={t('audit.rebuild')}>
        <Form layout="inline" initialValues={{ figure: FIGURES[0] }} onFinish={(x: { figure: string }) => rebuild.mutate({ ...x, progressId: newProgressId() })}>
          <Form.Item name="figure" label={t('audit.figure')}>
            <Select style={{ width: 220 }} options={FIGURES.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={lastRebuild?.status === 'pending'} data-testid="rebuild-start">
            {t('audit.rebuildStart')}
          </Button>
        </Form>
        <div style={{ marginTop: 16 }} data-testid="rebuild-result">
          {lastRebuild?.status === 'pending' && <Alert type="info" showIcon title={t('audit.running', { s: rebuildElapsed })} />}
          <RunProgressBar progressId={(lastRebuild?.variables as { progressId?: string } | undefined)?.progressId} pending={lastRebuild?.status === 'pending'} testId="rebuild-progress" />
          {lastRebuild?.status === 'error' && <ErrorView error={lastRebuild.error} />}
          {r && (
            <>
              <Result status={r.matches ? 'success' : 'error'} title={r.matches ? t('audit.matches', { events: r.eventsApplied }) : t('audit.differs', { n: r.differences.length })} />
              {!r.matches && (
                <Table
                  rowKey={(d) => JSON.stringify(d)}
                  size="small"
                  dataSource={r.differences}
                  pagination={false}
                  columns={Object.keys(r.differences[0] ?? {}).map((k) => ({ title: k, dataIndex: k, render: (x: unknown) => <span style={{ color: '#cf1322' }}>{typeof x === 'object' ? JSON.stringify(x) : String(x)}</span> }))}
                />
              )}
            </>
          )}
        </div>
      </Card>
      <Card title={t('audit.runs')} size="small">
        {runs.error ? (
          <ErrorView error={runs.error} retry={() => void runs.refetch()} />
        ) : (
          <Table<Run>
            rowKey="id"
            size="small"
            loading={runs.isLoading}
            dataSource={runs.data ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="runs-table"
            columns={[
              { title: t('audit.col.kind'), dataIndex: 'kind' },
              { title: t('audit.col.actor'), dataIndex: 'actor' },
              { title: t('audit.col.ok'), dataIndex: 'ok', render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{t(ok ? 'audit.pass' : 'audit.fail')}</Tag> },
              { title: t('audit.col.started'), dataIndex: 'startedAt', render: (x: string) => f.dateTime(x) },
              { title: t('audit.col.finished'), dataIndex: 'finishedAt', render: (x: string) => f.dateTime(x) },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
