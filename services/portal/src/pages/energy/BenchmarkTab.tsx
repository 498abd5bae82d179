import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { DatePicker, Descriptions, Empty, Segmented, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { ErrorView } from '../../api/ErrorView';
import { useI18n } from '../../i18n/I18n';
import { fetchComparison, METER_KINDS, MeterKind, previousMonth, recentMonth } from './api';

/** The school's own consumption per student and per m² against the median of schools of its type (the bureau's answer). */
export function BenchmarkTab() {
  const { t } = useI18n();
  const [kind, setKind] = useState<MeterKind>('electricity');
  const [month, setMonth] = useState(previousMonth(recentMonth()));
  const data = useQuery({ queryKey: ['energy', 'benchmark', kind, month], queryFn: ({ signal }) => fetchComparison({ kind, month }, signal) });
  if (data.error) return <ErrorView error={data.error} retry={() => void data.refetch()} />;
  const own = data.data?.schools[0];
  const ratio = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${Math.round(r * 100)}%`);
  const unit = data.data?.unit ?? '';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented value={kind} onChange={(v) => setKind(v as MeterKind)} options={METER_KINDS.map((k) => ({ value: k, label: t(`energy.kind.${k}`) }))} />
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(v) => v && setMonth(v.format('YYYY-MM'))} data-testid="benchmark-month" />
      </Space>
      {!own?.consumption ? (
        <Empty description={t('energy.benchmark.none')} />
      ) : (
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} data-testid="energy-benchmark">
          <Descriptions.Item label={t('energy.col.consumption')}>{`${own.consumption} ${unit}`}</Descriptions.Item>
          <Descriptions.Item label={t('energy.section.students')}>{own.students ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('energy.benchmark.perStudent')}>{own.perStudent ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={`${t('energy.benchmark.median')} · ${t('energy.benchmark.perStudent')}`}>{`${own.typeMedianPerStudent ?? '—'} (${ratio(own.ratioPerStudent)})`}</Descriptions.Item>
          <Descriptions.Item label={t('energy.benchmark.perM2')}>{own.perM2 ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={`${t('energy.benchmark.median')} · ${t('energy.benchmark.perM2')}`}>{`${own.typeMedianPerM2 ?? '—'} (${ratio(own.ratioPerM2)})`}</Descriptions.Item>
        </Descriptions>
      )}
      {own?.schoolType && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('energy.benchmark.note', { type: t(`schoolType.${own.schoolType}`) })}</Typography.Text>}
    </Space>
  );
}
