import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Segmented, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { ErrorView } from '../../../api/ErrorView';
import { Chart } from '../../../components/Chart';
import { downloadXlsx } from '../../../components/excel';
import { useI18n } from '../../../i18n/I18n';
import { EnergyComparison, fetchComparison, METER_KINDS, MeterKind, previousMonth, recentMonth } from '../../energy/api';
import type { FacilitiesSectionProps } from './types';

type Row = EnergyComparison['schools'][number];

/** Energy: each school per student and per m² against the median of its type, for one kind and month (the bureau's answer). */
export function EnergySection({ filters }: FacilitiesSectionProps) {
  const { t } = useI18n();
  const [kind, setKind] = useState<MeterKind>('electricity');
  const [month, setMonth] = useState(previousMonth(recentMonth()));
  const query = { kind, month, schoolType: filters.schoolType };
  const data = useQuery({ queryKey: ['bureau', 'energy', query], queryFn: ({ signal }) => fetchComparison(query, signal) });
  if (data.error) return <ErrorView error={data.error} retry={() => void data.refetch()} />;
  const rows = (data.data?.schools ?? []).filter((s) => s.consumption !== null);
  const names = (r: Row) => r.name ?? r.schoolId;
  const ratio = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
  const columns = [
    { header: t('energy.section.school'), value: (r: Row) => names(r) },
    { header: t('energy.section.type'), value: (r: Row) => (r.schoolType ? t(`schoolType.${r.schoolType}`) : '—') },
    { header: `${t('energy.col.consumption')} (${data.data?.unit ?? ''})`, value: (r: Row) => r.consumption },
    { header: t('energy.section.students'), value: (r: Row) => r.students },
    { header: t('energy.section.area'), value: (r: Row) => r.floorAreaM2 },
    { header: t('energy.benchmark.perStudent'), value: (r: Row) => r.perStudent },
    { header: `${t('energy.benchmark.median')} · ${t('energy.benchmark.perStudent')}`, value: (r: Row) => r.typeMedianPerStudent },
    { header: `${t('energy.benchmark.ratio')} · ${t('energy.benchmark.perStudent')}`, value: (r: Row) => ratio(r.ratioPerStudent) },
    { header: t('energy.benchmark.perM2'), value: (r: Row) => r.perM2 },
    { header: `${t('energy.benchmark.median')} · ${t('energy.benchmark.perM2')}`, value: (r: Row) => r.typeMedianPerM2 },
    { header: `${t('energy.benchmark.ratio')} · ${t('energy.benchmark.perM2')}`, value: (r: Row) => ratio(r.ratioPerM2) },
  ];
  return (
    <Card size="small" data-testid="facilities-energy">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Segmented value={kind} onChange={(v) => setKind(v as MeterKind)} options={METER_KINDS.map((k) => ({ value: k, label: t(`energy.kind.${k}`) }))} />
          <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(v) => v && setMonth(v.format('YYYY-MM'))} />
          <Button disabled={!rows.length} onClick={() => void downloadXlsx(`energy-${kind}-${month}.xlsx`, t('energy.section.title'), columns, rows)} data-testid="energy-export">
            {t('energy.export')}
          </Button>
        </Space>
        <Typography.Text strong>{`${t('energy.benchmark.perStudent')} (${data.data?.unit ?? ''})`}</Typography.Text>
        <Chart
          testId="energy-section-chart"
          option={{
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 48, right: 16, top: 16, bottom: 64 },
            xAxis: { type: 'category', data: rows.map(names), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
            yAxis: { type: 'value' },
            series: [
              { name: t('energy.benchmark.perStudent'), type: 'bar', data: rows.map((r) => Number(r.perStudent ?? 0)) },
              { name: t('energy.benchmark.median'), type: 'line', step: 'middle', data: rows.map((r) => Number(r.typeMedianPerStudent ?? 0)) },
            ],
          }}
        />
        <Table<Row>
          rowKey="schoolId"
          size="small"
          loading={data.isLoading}
          dataSource={rows}
          scroll={{ x: true }}
          pagination={false}
          data-testid="energy-section-table"
          columns={columns.map((c, i) => ({ key: String(i), title: c.header, render: (_: unknown, r: Row) => c.value(r) ?? '—' }))}
        />
      </Space>
    </Card>
  );
}
