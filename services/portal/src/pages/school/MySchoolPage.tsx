import { Card, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import { ErrorView } from '../../api/ErrorView';
import { overall, PRIORITIES, SchoolFigures, SlaFigures } from '../../api/types';
import { KpiCards } from '../../components/Kpi';
import { useSession } from '../../auth/useSession';
import { useFormat, useI18n } from '../../i18n/I18n';

interface SlaRow {
  priority: string;
  reported?: number;
  response?: { rate: number | null };
  completion?: { rate: number | null };
}

/** 本校统计: the bureau's figures for the user's own school only (the bureau refuses any other). */
export default function MySchoolPage() {
  const { t } = useI18n();
  const f = useFormat();
  const schoolId = useSession()?.account.schoolId ?? '';
  const figures = useQuery({ queryKey: ['bureau', 'school', schoolId], queryFn: ({ signal }) => get<SchoolFigures>('bureau', `/statistics/work-orders/schools/${encodeURIComponent(schoolId)}`, undefined, signal) });
  const sla = useQuery({ queryKey: ['bureau', 'school-sla', schoolId], queryFn: ({ signal }) => get<SlaFigures>('bureau', `/statistics/work-orders/sla/schools/${encodeURIComponent(schoolId)}`, undefined, signal) });
  const error = figures.error ?? sla.error;
  if (error) return <Card><ErrorView page error={error} retry={() => void Promise.all([figures.refetch(), sla.refetch()])} /></Card>;
  const d = figures.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('school.title')} · {schoolId}
      </Typography.Title>
      <KpiCards
        items={[
          { key: 'reported', title: t('kpi.reported'), value: d?.reported ?? '—' },
          { key: 'open', title: t('kpi.open'), value: d?.open ?? '—' },
          { key: 'overdue', title: t('kpi.overdue'), value: sla.data?.openOverdue ?? '—', danger: (sla.data?.openOverdue ?? 0) > 0 },
          { key: 'verified', title: t('kpi.verified'), value: d?.verified ?? '—' },
          { key: 'mttc', title: t('kpi.mttc'), value: f.hours(d?.meanTimeToCompleteMs) ?? '—', suffix: d?.meanTimeToCompleteMs != null ? 'h' : undefined },
          { key: 'sla', title: t('kpi.sla'), value: f.percent(overall(sla.data, 'completion').rate) },
        ]}
      />
      <Card size="small" title={t('kpi.sla')}>
        <Table<SlaRow>
          rowKey="priority"
          size="small"
          pagination={false}
          loading={sla.isLoading}
          dataSource={PRIORITIES.map((p) => ({ priority: p, ...sla.data?.byPriority[p] }) as SlaRow)}
          columns={[
            { title: t('repairs.priority'), dataIndex: 'priority', render: (p: (typeof PRIORITIES)[number]) => t(`priority.${p}`) },
            { title: t('kpi.reported'), dataIndex: 'reported' },
            { title: t('kpi.slaResponse'), key: 'r', render: (_: unknown, r) => f.percent(r.response?.rate) },
            { title: t('dash.col.slaCompletion'), key: 'c', render: (_: unknown, r) => f.percent(r.completion?.rate) },
          ]}
        />
        <Typography.Text type="secondary">
          {t('kpi.lateEntries')}: {sla.data?.lateEntries ?? '—'}
        </Typography.Text>
      </Card>
    </Space>
  );
}
