import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Grid, Input, Select, Space, Spin, Table, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { get } from '../../api/client';
import { ErrorView } from '../../api/ErrorView';
import { CATEGORIES, PRIORITIES, STATUSES, WorkOrder, WorkOrderPage } from '../../api/types';
import { useSession } from '../../auth/useSession';
import { useFormat, useI18n } from '../../i18n/I18n';
import { fenToYuan } from './money';
import { DeadlineMark, PriorityTag, StatusTag } from './labels';
import { ExportWorkOrdersButton } from './WorkOrderExport';

/**
 * 报修 list: filters, search, cursor paging. After the user's own report the first page is read with the
 * command's position (`consistentWith`), so the new repair is in it at once (read-your-writes).
 * readOnly: the bureau's view of every school (or one, `?schoolId=`), without actions. Both export the filtered list to Excel.
 */
export default function RepairsPage({ readOnly = false }: { readOnly?: boolean }) {
  const { t } = useI18n();
  const f = useFormat();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const position = (location.state as { position?: string } | null)?.position;
  const [q, setQ] = useState(params.get('q') ?? '');

  const filters = useMemo(
    () => ({
      status: params.get('status') ?? undefined,
      category: params.get('category') ?? undefined,
      priority: params.get('priority') ?? undefined,
      overdue: params.get('overdue') === 'true' ? 'true' : undefined,
      q: params.get('q') ?? undefined,
      sort: params.get('sort') ?? 'reportedAt',
      schoolId: readOnly ? (params.get('schoolId') ?? undefined) : undefined,
    }),
    [params, readOnly],
  );
  const setFilter = (name: string, value?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const list = useInfiniteQuery({
    queryKey: ['work-orders', filters, position],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      get<WorkOrderPage>('facilities', '/work-orders', { ...filters, limit: 20, cursor: pageParam, consistentWith: pageParam ? undefined : position }, signal),
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (o: WorkOrder) => navigate(`/repairs/${o.workOrderId}`);

  const filterBar = (
    <Space wrap style={{ marginBottom: 12 }} data-testid="repair-filters">
      <Input.Search
        allowClear
        placeholder={t('repairs.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => setFilter('q', v.trim() || undefined)}
        style={{ width: phone ? '100%' : 240 }}
        data-testid="repair-search"
      />
      <Select allowClear placeholder={t('repairs.status')} value={filters.status} onChange={(v) => setFilter('status', v)} style={{ width: 120 }} options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} data-testid="filter-status" />
      <Select allowClear placeholder={t('repairs.category')} value={filters.category} onChange={(v) => setFilter('category', v)} style={{ width: 130 }} options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
      <Select allowClear placeholder={t('repairs.priority')} value={filters.priority} onChange={(v) => setFilter('priority', v)} style={{ width: 110 }} options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
      <Select value={filters.sort} onChange={(v) => setFilter('sort', v === 'reportedAt' ? undefined : v)} style={{ width: 130 }} options={(['reportedAt', 'priority', 'status'] as const).map((s) => ({ value: s, label: t(`repairs.sort.${s}`) }))} />
      <Checkbox checked={filters.overdue === 'true'} onChange={(e) => setFilter('overdue', e.target.checked ? 'true' : undefined)} data-testid="filter-overdue">
        {t('repairs.overdue')}
      </Checkbox>
      {readOnly && <Input allowClear placeholder={t('repairs.col.school')} defaultValue={filters.schoolId} onPressEnter={(e) => setFilter('schoolId', (e.target as HTMLInputElement).value.trim() || undefined)} style={{ width: 140 }} />}
    </Space>
  );

  const more = list.hasNextPage ? (
    <div style={{ textAlign: 'center', marginTop: 12 }}>
      <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="repairs-more">
        {t('repairs.more')}
      </Button>
    </div>
  ) : items.length > 0 ? (
    <div style={{ textAlign: 'center', marginTop: 12, color: '#bfbfbf' }}>{t('repairs.noMore')}</div>
  ) : null;

  return (
    <Card
      title={readOnly && filters.schoolId ? t('dash.schoolOrders', { school: filters.schoolId }) : t(readOnly ? 'nav.workOrders' : 'repairs.title')}
      extra={
        <Space wrap>
          <ExportWorkOrdersButton filters={filters} readOnly={readOnly} />
          {!readOnly && session && <Link to="/repairs/new"><Button type="primary" data-testid="new-repair">{t('repairs.new')}</Button></Link>}
        </Space>
      }
      styles={{ body: { padding: phone ? 12 : 24 } }}
    >
      {readOnly && <Alert type="info" showIcon title={t('repairs.readOnly')} style={{ marginBottom: 12 }} />}
      {filterBar}
      {list.error ? (
        <ErrorView error={list.error} retry={() => void list.refetch()} />
      ) : phone ? (
        <div data-testid="repair-list">
          {list.isLoading ? (
            <Spin style={{ display: 'block', margin: 24 }} />
          ) : items.length === 0 ? (
            <Empty description={t('repairs.empty')} />
          ) : (
            items.map((o) => (
              <div key={o.workOrderId} onClick={() => open(o)} style={{ cursor: 'pointer', padding: '12px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="repair-item">
                <Space wrap size={4}>
                  <Typography.Text strong>{o.title}</Typography.Text>
                  <StatusTag status={o.status} />
                  <PriorityTag priority={o.priority} />
                </Space>
                <div style={{ color: '#8c8c8c' }}>
                  {o.location} · {f.dateTime(o.reportedAt)}
                </div>
                <DeadlineMark order={o} />
              </div>
            ))
          )}
        </div>
      ) : (
        <Table<WorkOrder>
          rowKey="workOrderId"
          loading={list.isLoading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: <Empty description={t('repairs.empty')} /> }}
          onRow={(o) => ({ onClick: () => open(o), style: { cursor: 'pointer' }, 'data-testid': 'repair-item' }) as React.HTMLAttributes<HTMLElement>}
          data-testid="repair-list"
          columns={[
            { title: t('repairs.col.title'), dataIndex: 'title', render: (v: string, o) => <Link to={`/repairs/${o.workOrderId}`}>{v}</Link> },
            { title: t('repairs.col.location'), dataIndex: 'location' },
            ...(readOnly ? [{ title: t('repairs.col.school'), dataIndex: 'schoolId' }] : []),
            { title: t('repairs.category'), dataIndex: 'category', render: (c: WorkOrder['category']) => t(`category.${c}`) },
            { title: t('repairs.priority'), dataIndex: 'priority', render: (p: WorkOrder['priority']) => <PriorityTag priority={p} /> },
            { title: t('repairs.status'), dataIndex: 'status', render: (s: WorkOrder['status']) => <StatusTag status={s} /> },
            { title: t('repairs.col.assignee'), key: 'repairer', render: (_: unknown, o) => (o.repairer ? (o.repairer.kind === 'technician' ? o.repairer.name : o.repairer.company) : (o.assignee ?? '—')) },
            { title: t('costs.total'), key: 'cost', align: 'right' as const, render: (_: unknown, o) => (o.costs ? fenToYuan(o.costs.totalFen) : '—') },
            { title: t('repairs.col.reportedAt'), dataIndex: 'reportedAt', render: (v: string) => f.dateTime(v) },
            { title: t('repairs.col.due'), key: 'due', render: (_: unknown, o) => <DeadlineMark order={o} /> },
          ]}
        />
      )}
      {more}
    </Card>
  );
}
