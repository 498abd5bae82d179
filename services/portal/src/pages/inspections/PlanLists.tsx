import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { App, Button, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ErrorView } from '../../api/ErrorView';
import { useSession } from '../../auth/useSession';
import { downloadXlsx, EXPORT_ROW_CAP, exportStamp, readAllPages } from '../../components/excel';
import { useFormat, useI18n } from '../../i18n/I18n';
import { endOfBeijingToday, fetchPlans, INSPECTION_KINDS, InspectionKind, InspectionPlan } from './api';
import { PlanFormModal, RetirePlanModal } from './PlanForm';

/** Due state of a plan by the browser's clock (the service's overdue filter uses its own). */
function dueState(plan: InspectionPlan) {
  if (plan.status === 'retired') return { key: 'inspections.retired', color: undefined } as const;
  const due = Date.parse(plan.nextDueAt);
  if (due < Date.now()) return { key: 'inspections.overdue', color: 'red' } as const;
  if (due < Date.parse(endOfBeijingToday())) return { key: 'inspections.dueToday', color: 'orange' } as const;
  return { key: 'inspections.upcoming', color: 'green' } as const;
}

function DueTag({ plan }: { plan: InspectionPlan }) {
  const { t } = useI18n();
  const { key, color } = dueState(plan);
  return <Tag color={color}>{t(key)}</Tag>;
}

function usePlans(query: Record<string, string | boolean | undefined>) {
  return useInfiniteQuery({
    queryKey: ['inspections', 'plans', query],
    queryFn: ({ pageParam, signal }) => fetchPlans({ ...query, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
}

function PlanTable({ query, admin, testId, empty, sheet }: { query: Record<string, string | boolean | undefined>; admin: boolean; testId: string; empty: string; sheet: string }) {
  const { t } = useI18n();
  const f = useFormat();
  const navigate = useNavigate();
  const [retiring, setRetiring] = useState<InspectionPlan>();
  const [editing, setEditing] = useState<InspectionPlan>();
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();
  const plans = usePlans(query);
  if (plans.error) return <ErrorView error={plans.error} retry={() => void plans.refetch()} />;
  const rows = plans.data?.pages.flatMap((p) => p.items) ?? [];
  const target = (p: InspectionPlan) => [p.target.location, p.target.assetCategory].filter(Boolean).join(' · ') || p.target.assetId || '—';
  // Every plan under the query (not only the pages loaded), with the columns of the table.
  const exportPlans = async () => {
    setExporting(true);
    try {
      const { rows: all, capped } = await readAllPages((cursor) => fetchPlans({ ...query, cursor, limit: 200 }));
      await downloadXlsx(`${sheet}-${exportStamp()}.xlsx`, sheet, [
        { header: t('inspections.col.name'), value: (p: InspectionPlan) => p.name, width: 24 },
        { header: t('inspections.col.kind'), value: (p) => t(`inspections.kind.${p.kind}`) },
        { header: t('inspections.col.target'), value: target, width: 24 },
        { header: t('inspections.col.interval'), value: (p) => t('inspections.days', { n: p.intervalDays }) },
        { header: t('inspections.col.responsible'), value: (p) => p.responsiblePerson },
        { header: t('inspections.col.nextDue'), value: (p) => (p.status === 'active' ? f.dateTime(p.nextDueAt) : ''), width: 18 },
        { header: t('inspections.col.lastInspected'), value: (p) => (p.lastInspectedAt ? f.dateTime(p.lastInspectedAt) : ''), width: 18 },
        { header: t('inspections.col.status'), value: (p) => t(dueState(p).key) },
      ], all, capped ? t('export.cappedNote', { cap: EXPORT_ROW_CAP }) : undefined);
      if (capped) message.warning(t('export.capped', { cap: EXPORT_ROW_CAP }));
    } catch (err) {
      message.error(t('export.failed', { reason: (err as Error).message }));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={() => void exportPlans()} loading={exporting} disabled={!rows.length} data-testid={`${testId}-export`}>
        {t('export.excel')}
      </Button>
      <Table<InspectionPlan>
        rowKey="planId"
        size="small"
        loading={plans.isLoading}
        dataSource={rows}
        scroll={{ x: true }}
        pagination={false}
        locale={{ emptyText: empty }}
        data-testid={testId}
        columns={[
          { title: t('inspections.col.name'), dataIndex: 'name' },
          { title: t('inspections.col.kind'), dataIndex: 'kind', render: (k: InspectionKind) => t(`inspections.kind.${k}`) },
          { title: t('inspections.col.target'), key: 'target', render: (_: unknown, p) => target(p) },
          { title: t('inspections.col.interval'), dataIndex: 'intervalDays', render: (n: number) => t('inspections.days', { n }) },
          { title: t('inspections.col.responsible'), dataIndex: 'responsiblePerson' },
          { title: t('inspections.col.nextDue'), dataIndex: 'nextDueAt', render: (v: string, p) => (p.status === 'active' ? f.dateTime(v) : '—') },
          { title: t('inspections.col.lastInspected'), dataIndex: 'lastInspectedAt', render: (v?: string) => f.dateTime(v) },
          { title: t('inspections.col.status'), key: 'due', render: (_: unknown, p) => <DueTag plan={p} /> },
          {
            title: t('inspections.col.actions'),
            key: 'actions',
            render: (_: unknown, p) =>
              p.status === 'active' && (
                <Space>
                  <Button size="small" type="primary" onClick={() => navigate(`/inspections/${p.planId}/record`)} data-testid="inspection-record">
                    {t('inspections.record')}
                  </Button>
                  {admin && (
                    <Button size="small" onClick={() => setEditing(p)} data-testid="inspection-edit-plan">
                      {t('inspections.edit')}
                    </Button>
                  )}
                  {admin && (
                    <Button size="small" danger onClick={() => setRetiring(p)}>
                      {t('inspections.retire')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {plans.hasNextPage && (
        <Button onClick={() => void plans.fetchNextPage()} loading={plans.isFetchingNextPage}>
          {t('inspections.more')}
        </Button>
      )}
      <RetirePlanModal plan={retiring} onClose={() => setRetiring(undefined)} />
      <PlanFormModal open={Boolean(editing)} plan={editing} onClose={() => setEditing(undefined)} />
    </Space>
  );
}

/** 今日待检与逾期: active plans due by the end of today (Beijing), overdue first. */
export function DueTab() {
  const { t } = useI18n();
  const admin = useSession()?.account.role === 'school-admin';
  return <PlanTable query={{ status: 'active', dueBefore: endOfBeijingToday(), sort: 'nextDue', order: 'asc' }} admin={admin} testId="inspections-due" empty={t('inspections.noDue')} sheet={t('inspections.tab.due')} />;
}

/** Every plan with filters; the school admin creates and retires plans. */
export function PlansTab() {
  const { t } = useI18n();
  const admin = useSession()?.account.role === 'school-admin';
  const [kind, setKind] = useState<InspectionKind>();
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState<string>();
  const [creating, setCreating] = useState(false);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {admin && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="inspection-new-plan">
            {t('inspections.newPlan')}
          </Button>
        )}
        <Select allowClear placeholder={t('inspections.filter.kind')} style={{ minWidth: 160 }} value={kind} onChange={setKind} options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`inspections.kind.${k}`) }))} />
        <Space>
          <Switch checked={overdue} onChange={setOverdue} data-testid="inspections-overdue" />
          {t('inspections.filter.overdue')}
        </Space>
        <Input.Search allowClear placeholder={t('inspections.search')} onSearch={(v) => setQ(v || undefined)} style={{ width: 240 }} />
      </Space>
      <PlanTable query={{ kind, overdue: overdue || undefined, q, sort: 'nextDue', order: 'asc' }} admin={admin} testId="inspections-plans" empty={t('inspections.noPlans')} sheet={t('inspections.tab.plans')} />
      <PlanFormModal open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
