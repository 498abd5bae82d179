import { useQuery } from '@tanstack/react-query';
import { Button, Card, Progress, Space, Table, Typography } from 'antd';
import { get } from '../../../api/client';
import { ErrorView } from '../../../api/ErrorView';
import { KpiCards } from '../../../components/Kpi';
import { downloadXlsx } from '../../../components/excel';
import { useFormat, useI18n } from '../../../i18n/I18n';
import { occupancyColour } from '../../dormitories/api';
import type { FacilitiesSectionProps } from './types';

const FIELDS = ['buildings', 'rooms', 'beds', 'occupied', 'maleBeds', 'maleOccupied', 'femaleBeds', 'femaleOccupied', 'mixedBeds', 'mixedOccupied'] as const;
type Row = { schoolId: string; name: string } & Record<(typeof FIELDS)[number], number>;

const share = (occupied: number, beds: number) => (beds === 0 ? null : occupied / beds);

/** 宿舍入住率: occupancy per boarding school from the bureau's `dormitory-occupancy` figure (counts only, no student); the type filter applies. */
export function DormitoriesSection({ filters }: FacilitiesSectionProps) {
  const { t } = useI18n();
  const f = useFormat();
  const figure = useQuery({
    queryKey: ['bureau', 'figure', 'dormitory-occupancy'],
    queryFn: ({ signal }) => get<{ groups: ({ schoolId: string } & Record<string, number>)[] }>('bureau', '/statistics/figures/dormitory-occupancy', undefined, signal),
    refetchInterval: 30_000,
  });
  if (figure.error) return <ErrorView error={figure.error} retry={() => void figure.refetch()} />;
  const names = new Map(filters.schools.map((s) => [s.code, s.name]));
  const rows: Row[] = (figure.data?.groups ?? [])
    .filter((g) => g['beds'] > 0 && (!filters.schoolIds || filters.schoolIds.has(g.schoolId)))
    .map((g) => ({ ...(Object.fromEntries(FIELDS.map((k) => [k, Number(g[k] ?? 0)])) as Record<(typeof FIELDS)[number], number>), schoolId: g.schoolId, name: names.get(g.schoolId) ?? g.schoolId }));
  const total = (k: (typeof FIELDS)[number]) => rows.reduce((n, r) => n + r[k], 0);
  const byGender = (g: 'male' | 'female' | 'mixed') => f.percent(share(total(`${g}Occupied`), total(`${g}Beds`)));
  const exportRows = () =>
    downloadXlsx(`${t('dorm.section')}.xlsx`, t('dorm.section'), [
      { header: t('dorm.col.school'), value: (r: Row) => r.name, width: 24 },
      { header: t('dorm.col.buildings'), value: (r) => r.buildings },
      { header: t('dorm.col.beds'), value: (r) => r.beds },
      { header: t('dorm.col.occupied'), value: (r) => r.occupied },
      { header: t('dorm.col.occupancy'), value: (r) => f.percent(share(r.occupied, r.beds)) },
      { header: t('dorm.gender.male'), value: (r) => `${r.maleOccupied}/${r.maleBeds}` },
      { header: t('dorm.gender.female'), value: (r) => `${r.femaleOccupied}/${r.femaleBeds}` },
      { header: t('dorm.gender.mixed'), value: (r) => `${r.mixedOccupied}/${r.mixedBeds}` },
    ], rows);
  return (
    <Card size="small" data-testid="facilities-dormitories">
      <KpiCards
        items={[
          { key: 'dorm-schools', title: t('dorm.kpi.schools'), value: rows.length },
          { key: 'dorm-beds', title: t('dorm.col.beds'), value: total('beds') },
          { key: 'dorm-occupied', title: t('dorm.col.occupied'), value: total('occupied') },
          { key: 'dorm-share', title: t('dorm.col.occupancy'), value: f.percent(share(total('occupied'), total('beds'))) },
          { key: 'dorm-male', title: t('dorm.kpi.male'), value: byGender('male') },
          { key: 'dorm-female', title: t('dorm.kpi.female'), value: byGender('female') },
        ]}
      />
      <Space style={{ margin: '12px 0' }}>
        <Button onClick={() => void exportRows()} data-testid="dorm-section-export">{t('dorm.export')}</Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('dorm.sectionNote')}</Typography.Text>
      </Space>
      <Table<Row>
        size="small"
        rowKey="schoolId"
        loading={figure.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('dorm.col.school'), dataIndex: 'name' },
          { title: t('dorm.col.buildings'), dataIndex: 'buildings' },
          { title: t('dorm.col.beds'), dataIndex: 'beds' },
          { title: t('dorm.col.occupied'), dataIndex: 'occupied' },
          {
            title: t('dorm.col.occupancy'),
            key: 'share',
            render: (_: unknown, r) => <Progress size="small" percent={Math.round((share(r.occupied, r.beds) ?? 0) * 100)} strokeColor={occupancyColour(share(r.occupied, r.beds))} style={{ minWidth: 120 }} />,
          },
          { title: t('dorm.gender.male'), key: 'male', render: (_: unknown, r) => `${r.maleOccupied}/${r.maleBeds}` },
          { title: t('dorm.gender.female'), key: 'female', render: (_: unknown, r) => `${r.femaleOccupied}/${r.femaleBeds}` },
          { title: t('dorm.gender.mixed'), key: 'mixed', render: (_: unknown, r) => `${r.mixedOccupied}/${r.mixedBeds}` },
        ]}
      />
    </Card>
  );
}
