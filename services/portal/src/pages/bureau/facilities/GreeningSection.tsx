import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Typography } from 'antd';
import { get } from '../../../api/client';
import { ErrorView } from '../../../api/ErrorView';
import { KpiCards } from '../../../components/Kpi';
import { downloadXlsx } from '../../../components/excel';
import { useI18n } from '../../../i18n/I18n';
import type { FacilitiesSectionProps } from './types';

const FIELDS = ['areas', 'areaHundredths', 'trees', 'notableTrees', 'careRecords', 'pestControls', 'lateCareRecords'] as const;
type Row = { schoolId: string; name: string } & Record<(typeof FIELDS)[number], number>;

/** 12050 → "120.50": m² kept exact as integer hundredths by the figure, shown as text. */
const m2Text = (hundredths: number) => `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;

/** 绿化: per school green area, trees and care records from the bureau's `greening` figure; the type filter applies. */
export function GreeningSection({ filters }: FacilitiesSectionProps) {
  const { t } = useI18n();
  const figure = useQuery({
    queryKey: ['bureau', 'figure', 'greening'],
    queryFn: ({ signal }) => get<{ groups: ({ schoolId: string } & Record<string, number>)[] }>('bureau', '/statistics/figures/greening', undefined, signal),
    refetchInterval: 30_000,
  });
  if (figure.error) return <ErrorView error={figure.error} retry={() => void figure.refetch()} />;
  const names = new Map(filters.schools.map((s) => [s.code, s.name]));
  const rows: Row[] = (figure.data?.groups ?? [])
    .filter((g) => (g['areas'] > 0 || g['careRecords'] > 0) && (!filters.schoolIds || filters.schoolIds.has(g.schoolId)))
    .map((g) => ({ ...(Object.fromEntries(FIELDS.map((k) => [k, Number(g[k] ?? 0)])) as Record<(typeof FIELDS)[number], number>), schoolId: g.schoolId, name: names.get(g.schoolId) ?? g.schoolId }));
  const total = (k: (typeof FIELDS)[number]) => rows.reduce((n, r) => n + r[k], 0);
  const columns = [
    { header: t('greening.col.school'), value: (r: Row) => r.name, width: 24 },
    { header: t('greening.col.areas'), value: (r: Row) => r.areas },
    { header: t('greening.col.area'), value: (r: Row) => m2Text(r.areaHundredths) },
    { header: t('greening.col.trees'), value: (r: Row) => r.trees },
    { header: t('greening.col.notable'), value: (r: Row) => r.notableTrees },
    { header: t('greening.col.care'), value: (r: Row) => r.careRecords },
    { header: t('greening.col.pest'), value: (r: Row) => r.pestControls },
    { header: t('greening.col.late'), value: (r: Row) => r.lateCareRecords },
  ];
  return (
    <Card size="small" data-testid="facilities-greening">
      <KpiCards
        items={[
          { key: 'greening-schools', title: t('greening.kpi.schools'), value: rows.filter((r) => r.areas > 0).length },
          { key: 'greening-area', title: t('greening.col.area'), value: m2Text(total('areaHundredths')) },
          { key: 'greening-trees', title: t('greening.col.trees'), value: total('trees') },
          { key: 'greening-care', title: t('greening.col.care'), value: total('careRecords') },
        ]}
      />
      <Space style={{ margin: '12px 0' }} wrap>
        <Button disabled={!rows.length} onClick={() => void downloadXlsx(`${t('greening.title')}.xlsx`, t('greening.title'), columns, rows)} data-testid="greening-section-export">
          {t('greening.export')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('greening.note')}</Typography.Text>
      </Space>
      <Table<Row>
        size="small"
        rowKey="schoolId"
        loading={figure.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        data-testid="greening-section-table"
        columns={columns.map((c, i) => ({ key: String(i), title: c.header, render: (_: unknown, r: Row) => c.value(r) }))}
      />
    </Card>
  );
}
