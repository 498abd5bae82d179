import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Segmented, Space, Table, Typography } from 'antd';
import { ErrorView } from '../../api/ErrorView';
import { Chart } from '../../components/Chart';
import { useI18n } from '../../i18n/I18n';
import { Consumption, fetchConsumption, METER_KINDS, MeterKind } from './api';

const UNIT: Record<MeterKind, string> = { electricity: 'kWh', water: 'm³', gas: 'm³' };

/** Monthly consumption of one kind: a bar per month, stacked by building, and the same as a table. */
export function ConsumptionTab() {
  const { t } = useI18n();
  const [kind, setKind] = useState<MeterKind>('electricity');
  const data = useQuery({ queryKey: ['energy', 'consumption', kind], queryFn: ({ signal }) => fetchConsumption({ kind }, signal) });
  if (data.error) return <ErrorView error={data.error} retry={() => void data.refetch()} />;
  const rows = data.data?.byBuilding ?? [];
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const buildings = [...new Set(rows.map((r) => r.building))].sort();
  const value = (month: string, building: string) => Number(rows.find((r) => r.month === month && r.building === building)?.consumption ?? 0);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented value={kind} onChange={(v) => setKind(v as MeterKind)} options={METER_KINDS.map((k) => ({ value: k, label: t(`energy.kind.${k}`) }))} data-testid="consumption-kind" />
      <Typography.Text strong>{t('energy.chartTitle', { unit: UNIT[kind] })}</Typography.Text>
      <Chart
        testId="energy-consumption-chart"
        option={{
          tooltip: { trigger: 'axis' },
          legend: { bottom: 0 },
          grid: { left: 48, right: 16, top: 24, bottom: 48 },
          xAxis: { type: 'category', data: months },
          yAxis: { type: 'value', name: UNIT[kind] },
          series: buildings.map((b) => ({ name: b, type: 'bar', stack: 'total', data: months.map((m) => value(m, b)) })),
        }}
      />
      <Table<Consumption['school'][number]>
        rowKey={(r) => r.month}
        size="small"
        pagination={false}
        loading={data.isLoading}
        dataSource={data.data?.school ?? []}
        columns={[
          { title: t('energy.col.month'), dataIndex: 'month' },
          { title: t('energy.col.consumption'), dataIndex: 'consumption', align: 'right', render: (v: string, r) => `${v} ${r.unit}` },
        ]}
      />
    </Space>
  );
}
