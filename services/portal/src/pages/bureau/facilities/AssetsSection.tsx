import { Button, Card, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get } from '../../../api/client';
import { ErrorView } from '../../../api/ErrorView';
import { Chart } from '../../../components/Chart';
import { downloadXlsx } from '../../../components/excel';
import { KpiCards } from '../../../components/Kpi';
import { useI18n } from '../../../i18n/I18n';
import { categoryKey, tenThousandYuan, yuan } from '../../assets/assetLedger';
import type { FacilitiesSectionProps } from './types';

interface AssetValues {
  asOf: string;
  district: { schools: number; assets: number; originalValueFen: number; netValueFen: number };
  schools: { schoolId: string; assets: number; originalValueFen: number; netValueFen: number }[];
  rows: { schoolId: string; category: string; assets: number; originalValueFen: number; netValueFen: number }[];
}
interface Awaiting {
  schools: { schoolId: string; awaiting: number; awaitingOriginalValueFen: number }[];
}

/** Assets: count, original and net value per category and school (the asset-values figure, net at the to-day), and disposals awaiting the bureau. */
export function AssetsSection({ filters }: FacilitiesSectionProps) {
  const { t } = useI18n();
  const asOf = filters.to;
  const values = useQuery({ queryKey: ['bureau', 'assets', asOf], queryFn: ({ signal }) => get<AssetValues>('bureau', '/statistics/assets', { asOf }, signal), refetchInterval: 30_000 });
  const awaiting = useQuery({ queryKey: ['bureau', 'assets', 'awaiting'], queryFn: ({ signal }) => get<Awaiting>('bureau', '/statistics/assets/disposals-awaiting-bureau', undefined, signal), refetchInterval: 30_000 });
  const error = values.error ?? awaiting.error;
  if (error) return <ErrorView error={error} retry={() => void Promise.all([values.refetch(), awaiting.refetch()])} />;

  const keep = (schoolId: string) => !filters.schoolIds || filters.schoolIds.has(schoolId);
  const schoolName = (id: string) => filters.schools.find((s) => s.code === id)?.name ?? id;
  const rows = (values.data?.rows ?? []).filter((r) => keep(r.schoolId));
  const schools = (values.data?.schools ?? []).filter((s) => keep(s.schoolId));
  const pending = new Map((awaiting.data?.schools ?? []).filter((s) => keep(s.schoolId)).map((s) => [s.schoolId, s]));
  const byCategory = new Map<string, { original: number; net: number }>();
  for (const r of rows) {
    const c = byCategory.get(r.category) ?? { original: 0, net: 0 };
    byCategory.set(r.category, { original: c.original + r.originalValueFen, net: c.net + r.netValueFen });
  }
  const sum = (pick: (s: AssetValues['schools'][number]) => number) => schools.reduce((t0, s) => t0 + pick(s), 0);
  const awaitingCount = [...pending.values()].reduce((n, s) => n + s.awaiting, 0);
  const columns = [
    { header: t('assets.col.school'), value: (s: AssetValues['schools'][number]) => schoolName(s.schoolId) },
    { header: t('assets.section.assets'), value: (s: AssetValues['schools'][number]) => s.assets },
    { header: t('assets.col.price'), value: (s: AssetValues['schools'][number]) => yuan(s.originalValueFen) },
    { header: t('assets.col.netValue'), value: (s: AssetValues['schools'][number]) => yuan(s.netValueFen) },
    { header: t('assets.section.awaiting'), value: (s: AssetValues['schools'][number]) => pending.get(s.schoolId)?.awaiting ?? 0 },
  ];

  return (
    <Card size="small" data-testid="facilities-assets">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <KpiCards
          items={[
            { key: 'assets-count', title: t('assets.section.assets'), value: sum((s) => s.assets) },
            { key: 'assets-original', title: t('assets.section.original'), value: tenThousandYuan(sum((s) => s.originalValueFen)) },
            { key: 'assets-net', title: t('assets.section.net'), value: tenThousandYuan(sum((s) => s.netValueFen)) },
            { key: 'assets-awaiting', title: t('assets.section.awaiting'), value: awaitingCount, danger: awaitingCount > 0 },
          ]}
        />
        <Space wrap>
          <Typography.Text type="secondary">{t('assets.asOf', { asOf: values.data?.asOf ?? '—' })}</Typography.Text>
          <Link to="/asset-disposals">{t('assets.disposals.title')}</Link>
          <Button size="small" disabled={!schools.length} onClick={() => void downloadXlsx(`assets-${values.data?.asOf}.xlsx`, t('assets.section.bySchool'), columns, schools)} data-testid="assets-section-export">
            {t('assets.export')}
          </Button>
        </Space>
        <Typography.Text strong>{t('assets.section.byCategory')}</Typography.Text>
        <Chart
          testId="assets-section-chart"
          option={{
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 56, right: 16, top: 16, bottom: 72 },
            xAxis: { type: 'category', data: [...byCategory.keys()].map((c) => t(categoryKey(c))), axisLabel: { interval: 0, rotate: byCategory.size > 5 ? 30 : 0 } },
            yAxis: { type: 'value' },
            series: [
              { name: t('assets.section.original'), type: 'bar', data: [...byCategory.values()].map((v) => tenThousandYuan(v.original)) },
              { name: t('assets.section.net'), type: 'bar', data: [...byCategory.values()].map((v) => tenThousandYuan(v.net)) },
            ],
          }}
        />
        <Table
          rowKey="schoolId"
          size="small"
          loading={values.isLoading}
          dataSource={schools}
          pagination={false}
          scroll={{ x: true }}
          data-testid="assets-section-table"
          columns={columns.map((c, i) => ({ key: String(i), title: c.header, render: (_: unknown, s: AssetValues['schools'][number]) => c.value(s) }))}
        />
      </Space>
    </Card>
  );
}
