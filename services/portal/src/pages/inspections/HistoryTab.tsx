import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, DatePicker, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorView } from '../../api/ErrorView';
import { downloadXlsx } from '../../components/excel';
import { useFormat, useI18n } from '../../i18n/I18n';
import { allPages, fetchInspections, INSPECTION_KINDS, Inspection, InspectionKind, ItemResult } from './api';

/** 检查记录 by kind, result and date, newest first; Excel export of everything the filters select. */
export function HistoryTab() {
  const { t } = useI18n();
  const f = useFormat();
  const [kind, setKind] = useState<InspectionKind>();
  const [result, setResult] = useState<ItemResult>();
  const [days, setDays] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query = {
    kind,
    result,
    from: days?.[0] ? `${days[0].format('YYYY-MM-DD')}T00:00:00+08:00` : undefined,
    to: days?.[1] ? `${days[1].add(1, 'day').format('YYYY-MM-DD')}T00:00:00+08:00` : undefined,
  };
  const list = useInfiniteQuery({
    queryKey: ['inspections', 'history', query],
    queryFn: ({ pageParam, signal }) => fetchInspections({ ...query, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
  if (list.error) return <ErrorView error={list.error} retry={() => void list.refetch()} />;
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const timeliness = (i: Inspection) => (i.onTime ? t('inspections.onTime') : t('inspections.lateDone'));

  const exportAll = async () =>
    downloadXlsx(`inspections-${new Date().toISOString().slice(0, 10)}.xlsx`, t('inspections.tab.history'), [
      { header: t('inspections.col.inspectedAt'), value: (i: Inspection) => f.dateTime(i.inspectedAt) },
      { header: t('inspections.col.plan'), value: (i) => i.planName },
      { header: t('inspections.col.kind'), value: (i) => t(`inspections.kind.${i.kind}`) },
      { header: t('inspections.col.target'), value: (i) => i.location ?? '' },
      { header: t('inspections.col.dueAt'), value: (i) => f.dateTime(i.dueAt) },
      { header: t('inspections.col.inspectedBy'), value: (i) => i.inspectedBy },
      { header: t('inspections.col.result'), value: (i) => t(i.result === 'fail' ? 'inspections.fail' : 'inspections.pass') },
      { header: t('inspections.col.failedItems'), value: (i) => i.failedItems },
      { header: t('inspections.col.onTime'), value: (i) => timeliness(i) },
      { header: t('inspections.lateEntry'), value: (i) => (i.late ? t('inspections.lateEntry') : '') },
      { header: t('inspections.field.note'), value: (i) => [i.note, ...i.results.filter((r) => r.note).map((r) => `${r.itemId}: ${r.note}`)].filter(Boolean).join('；') },
    ], await allPages(fetchInspections, query));

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select allowClear placeholder={t('inspections.filter.kind')} style={{ minWidth: 160 }} value={kind} onChange={setKind} options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`inspections.kind.${k}`) }))} />
        <Select allowClear placeholder={t('inspections.filter.result')} style={{ minWidth: 120 }} value={result} onChange={setResult} options={[{ value: 'pass', label: t('inspections.pass') }, { value: 'fail', label: t('inspections.fail') }]} data-testid="history-result" />
        <DatePicker.RangePicker value={days} onChange={(v) => setDays(v as [Dayjs | null, Dayjs | null] | null)} />
        <Button onClick={() => void exportAll()} disabled={!rows.length} data-testid="history-export">
          {t('inspections.export')}
        </Button>
      </Space>
      <Table<Inspection>
        rowKey="inspectionId"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        scroll={{ x: true }}
        pagination={false}
        locale={{ emptyText: t('inspections.noHistory') }}
        data-testid="inspections-history"
        columns={[
          { title: t('inspections.col.inspectedAt'), dataIndex: 'inspectedAt', render: (v: string) => f.dateTime(v) },
          { title: t('inspections.col.plan'), dataIndex: 'planName' },
          { title: t('inspections.col.kind'), dataIndex: 'kind', render: (k: InspectionKind) => t(`inspections.kind.${k}`) },
          { title: t('inspections.col.inspectedBy'), dataIndex: 'inspectedBy' },
          { title: t('inspections.col.result'), dataIndex: 'result', render: (r: ItemResult, i) => (r === 'fail' ? <Tag color="red">{`${t('inspections.fail')} ×${i.failedItems}`}</Tag> : <Tag color="green">{t('inspections.pass')}</Tag>) },
          { title: t('inspections.col.onTime'), key: 'onTime', render: (_: unknown, i) => <Space>{<Tag color={i.onTime ? 'green' : 'orange'}>{timeliness(i)}</Tag>}{i.late && <Tag>{t('inspections.lateEntry')}</Tag>}</Space> },
        ]}
      />
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('inspections.more')}
        </Button>
      )}
    </Space>
  );
}
