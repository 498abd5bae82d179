import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Typography } from 'antd';
import { ErrorView } from '../../../api/ErrorView';
import { Chart } from '../../../components/Chart';
import { downloadXlsx } from '../../../components/excel';
import { useFormat, useI18n } from '../../../i18n/I18n';
import { fetchComplianceFigure, fieldPrefix, INSPECTION_KINDS, InspectionKind } from '../../inspections/api';
import type { FacilitiesSectionProps } from './types';

interface Counts {
  onTime: number;
  late: number;
  missed: number;
}
interface SchoolRow extends Counts {
  schoolId: string;
  name: string;
  rate: number | null;
}

const countsOf = (group: Record<string, string | number>, kinds: readonly InspectionKind[]): Counts =>
  kinds.reduce(
    (c, k) => ({ onTime: c.onTime + Number(group[`${fieldPrefix(k)}OnTime`] ?? 0), late: c.late + Number(group[`${fieldPrefix(k)}Late`] ?? 0), missed: c.missed + Number(group[`${fieldPrefix(k)}Missed`] ?? 0) }),
    { onTime: 0, late: 0, missed: 0 },
  );
const rateOf = (c: Counts) => (c.onTime + c.late + c.missed === 0 ? null : c.onTime / (c.onTime + c.late + c.missed));

/** Inspection compliance (the bureau's figure inspection-compliance): by kind over the schools shown, and per school. */
export function InspectionsSection({ filters }: FacilitiesSectionProps) {
  const { t } = useI18n();
  const f = useFormat();
  const figure = useQuery({ queryKey: ['bureau', 'inspection-compliance'], queryFn: ({ signal }) => fetchComplianceFigure(signal) });
  if (figure.error) return <ErrorView error={figure.error} retry={() => void figure.refetch()} />;
  const names = new Map(filters.schools.map((s) => [s.code, s.name]));
  const groups = (figure.data?.groups ?? []).filter((g) => !filters.schoolIds || filters.schoolIds.has(String(g['schoolId'])));
  const byKind = INSPECTION_KINDS.map((k) => ({ kind: k, ...groups.map((g) => countsOf(g, [k])).reduce((a, c) => ({ onTime: a.onTime + c.onTime, late: a.late + c.late, missed: a.missed + c.missed }), { onTime: 0, late: 0, missed: 0 }) }));
  const rows: SchoolRow[] = groups.map((g) => {
    const c = countsOf(g, INSPECTION_KINDS);
    return { schoolId: String(g['schoolId']), name: names.get(String(g['schoolId'])) ?? String(g['schoolId']), ...c, rate: rateOf(c) };
  });
  const columns = [
    { header: t('inspections.section.school'), value: (r: SchoolRow) => r.name },
    { header: t('inspections.section.onTime'), value: (r: SchoolRow) => r.onTime },
    { header: t('inspections.section.late'), value: (r: SchoolRow) => r.late },
    { header: t('inspections.section.missed'), value: (r: SchoolRow) => r.missed },
    { header: t('inspections.section.rate'), value: (r: SchoolRow) => f.percent(r.rate) },
  ];
  return (
    <Card size="small" data-testid="facilities-inspections">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text type="secondary">{t('inspections.section.note')}</Typography.Text>
          <Button disabled={!rows.length} onClick={() => void downloadXlsx('inspection-compliance.xlsx', t('facilities.section.inspections'), columns, rows)} data-testid="inspections-section-export">
            {t('inspections.export')}
          </Button>
        </Space>
        <Chart
          testId="inspections-section-chart"
          option={{
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 48, right: 16, top: 16, bottom: 72 },
            xAxis: { type: 'category', data: byKind.map((k) => t(`inspections.kind.${k.kind}`)), axisLabel: { interval: 0, rotate: 30 } },
            yAxis: { type: 'value' },
            series: [
              { name: t('inspections.section.onTime'), type: 'bar', stack: 'due', data: byKind.map((k) => k.onTime) },
              { name: t('inspections.section.late'), type: 'bar', stack: 'due', data: byKind.map((k) => k.late) },
              { name: t('inspections.section.missed'), type: 'bar', stack: 'due', data: byKind.map((k) => k.missed) },
            ],
          }}
        />
        <Table<SchoolRow>
          rowKey="schoolId"
          size="small"
          loading={figure.isLoading}
          dataSource={rows}
          scroll={{ x: true }}
          pagination={false}
          data-testid="inspections-section-table"
          columns={columns.map((c, i) => ({ key: String(i), title: c.header, render: (_: unknown, r: SchoolRow) => c.value(r) }))}
        />
      </Space>
    </Card>
  );
}
