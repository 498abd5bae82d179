import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Select, Space, Switch, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorView } from '../../api/ErrorView';
import { useSession } from '../../auth/useSession';
import { downloadXlsx } from '../../components/excel';
import { useFormat, useI18n } from '../../i18n/I18n';
import { fetchMeters, fetchReadings, Reading } from './api';
import { ResolveFlagModal } from './MeterForms';

/** Readings by meter and month, with consumption and jump flags; the school admin confirms or corrects a flag. */
export function ReadingsTab() {
  const { t } = useI18n();
  const f = useFormat();
  const admin = useSession()?.account.role === 'school-admin';
  const [meterId, setMeterId] = useState<string>();
  const [months, setMonths] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [flagged, setFlagged] = useState(false);
  const [resolving, setResolving] = useState<{ meterId: string; period: Reading; action: 'confirm' | 'correct' }>();
  const query = { meterId, from: months?.[0]?.format('YYYY-MM'), to: months?.[1]?.format('YYYY-MM'), flagged: flagged || undefined };
  const meters = useQuery({ queryKey: ['energy', 'meters'], queryFn: ({ signal }) => fetchMeters(signal) });
  const readings = useQuery({ queryKey: ['energy', 'readings', query], queryFn: ({ signal }) => fetchReadings(query, signal) });
  if (readings.error) return <ErrorView error={readings.error} retry={() => void readings.refetch()} />;
  const rows = readings.data?.items ?? [];

  const flag = (r: Reading) =>
    r.resolution ? <Tag>{t(r.resolution === 'confirmed' ? 'energy.confirmed' : 'energy.corrected')}</Tag> : r.flagged ? <Tag color="red">{t('energy.flagged')}</Tag> : '';
  const exportRows = () =>
    downloadXlsx(`readings-${new Date().toISOString().slice(0, 10)}.xlsx`, t('energy.tab.readings'), [
      { header: t('energy.col.building'), value: (r: Reading) => r.building },
      { header: t('energy.col.kind'), value: (r) => t(`energy.kind.${r.kind}`) },
      { header: t('energy.col.readAt'), value: (r) => f.dateTime(r.readAt) },
      { header: t('energy.col.month'), value: (r) => r.month },
      { header: t('energy.col.reading'), value: (r) => r.reading },
      { header: t('energy.col.consumption'), value: (r) => r.consumption },
      { header: t('energy.col.unit'), value: (r) => r.unit },
      { header: t('energy.col.daily'), value: (r) => r.daily },
      { header: t('energy.col.baseline'), value: (r) => r.baselineDaily ?? '' },
      { header: t('energy.col.flag'), value: (r) => (r.resolution ? t(r.resolution === 'confirmed' ? 'energy.confirmed' : 'energy.corrected') : r.flagged ? t('energy.flagged') : '') },
    ], rows);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select allowClear placeholder={t('energy.field.meter')} style={{ minWidth: 200 }} value={meterId} onChange={setMeterId}
          options={(meters.data ?? []).map((m) => ({ value: m.meterId, label: `${m.building} · ${t(`energy.kind.${m.kind}`)}` }))} data-testid="readings-meter" />
        <DatePicker.RangePicker picker="month" value={months} onChange={(v) => setMonths(v as [Dayjs | null, Dayjs | null] | null)} />
        <Space>
          <Switch checked={flagged} onChange={setFlagged} data-testid="readings-flagged" />
          {t('energy.field.flaggedOnly')}
        </Space>
        <Button onClick={() => void exportRows()} disabled={!rows.length} data-testid="readings-export">
          {t('energy.export')}
        </Button>
      </Space>
      <Table<Reading>
        rowKey="readingId"
        size="small"
        loading={readings.isLoading}
        dataSource={rows}
        scroll={{ x: true }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="energy-readings"
        columns={[
          { title: t('energy.col.building'), dataIndex: 'building' },
          { title: t('energy.col.kind'), dataIndex: 'kind', render: (k: Reading['kind']) => t(`energy.kind.${k}`) },
          { title: t('energy.col.readAt'), dataIndex: 'readAt', render: (v: string) => f.dateTime(v) },
          { title: t('energy.col.reading'), dataIndex: 'reading', align: 'right' },
          { title: t('energy.col.consumption'), dataIndex: 'consumption', align: 'right', render: (v: string, r) => `${v} ${r.unit}` },
          { title: t('energy.col.daily'), dataIndex: 'daily', align: 'right' },
          { title: t('energy.col.baseline'), dataIndex: 'baselineDaily', align: 'right', render: (v?: string) => v ?? '—' },
          { title: t('energy.col.flag'), key: 'flag', render: (_: unknown, r) => flag(r) },
          ...(admin
            ? [{
                title: t('energy.col.actions'),
                key: 'actions',
                render: (_: unknown, r: Reading) =>
                  r.flagged && !r.resolution ? (
                    <Space>
                      <Button size="small" onClick={() => setResolving({ meterId: r.meterId, period: r, action: 'confirm' })}>{t('energy.confirm')}</Button>
                      <Button size="small" onClick={() => setResolving({ meterId: r.meterId, period: r, action: 'correct' })} data-testid="flag-correct">{t('energy.correct')}</Button>
                    </Space>
                  ) : null,
              }]
            : []),
        ]}
      />
      <ResolveFlagModal target={resolving} onClose={() => setResolving(undefined)} />
    </Space>
  );
}
