import { useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Row, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ErrorView } from '../../api/ErrorView';
import { overall, SCHOOL_TYPES, SchoolFigures, SchoolType, SlaFigures } from '../../api/types';
import { Chart } from '../../components/Chart';
import { downloadXlsx, SheetColumn } from '../../components/excel';
import { KpiCards } from '../../components/Kpi';
import { useFormat, useI18n } from '../../i18n/I18n';
import { fetchByMonth, fetchDistrict, fetchDistrictSla, fetchSchoolRegister, fetchSchools, FigureFilters, monthOf } from './figures';

interface Row extends SchoolFigures {
  name: string;
  type?: SchoolType;
  mttcHours: number | null;
  openOverdue: number;
  completionRate: number | null;
  responseRate: number | null;
}

/** The bureau's district dashboard: KPI cards, trend and comparison charts, the schools' table with Excel, drill-down. */
export default function DashboardPage() {
  const { t } = useI18n();
  const f = useFormat();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  // The date range goes to the bureau (repairs reported in those Beijing days); the school type is applied to the table here.
  const dates: FigureFilters = { from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
  const district = useQuery({ queryKey: ['bureau', 'district', dates], queryFn: ({ signal }) => fetchDistrict(signal, dates), refetchInterval: 15_000 });
  const schools = useQuery({ queryKey: ['bureau', 'schools', dates], queryFn: ({ signal }) => fetchSchools(signal, dates), refetchInterval: 15_000 });
  const sla = useQuery({ queryKey: ['bureau', 'sla', dates], queryFn: ({ signal }) => fetchDistrictSla(signal, dates), refetchInterval: 15_000 });
  const trend = useQuery({ queryKey: ['bureau', 'by-month', dates], queryFn: ({ signal }) => fetchByMonth(signal, dates), refetchInterval: 60_000 });
  // Names and types from identity; without them (identity down) the table still shows the codes.
  const register = useQuery({ queryKey: ['identity', 'schools'], queryFn: ({ signal }) => fetchSchoolRegister(signal), staleTime: 300_000, retry: false });
  const [exporting, setExporting] = useState(false);
  const [type, setType] = useState<SchoolType>();

  const rows: Row[] = useMemo(() => {
    const slaOf = new Map((sla.data?.schools ?? []).map((s) => [s.schoolId, s as SlaFigures]));
    const schoolOf = new Map((register.data ?? []).map((s) => [s.code, s]));
    return (schools.data ?? []).map((s) => ({
      ...s,
      name: schoolOf.get(s.schoolId)?.name ?? s.schoolId,
      type: schoolOf.get(s.schoolId)?.type,
      mttcHours: f.hours(s.meanTimeToCompleteMs),
      openOverdue: slaOf.get(s.schoolId)?.openOverdue ?? 0,
      completionRate: overall(slaOf.get(s.schoolId), 'completion').rate,
      responseRate: overall(slaOf.get(s.schoolId), 'response').rate,
    }));
  }, [schools.data, sla.data, register.data, f]);
  const shown = type ? rows.filter((r) => r.type === type) : rows;
  // The months of the schools shown (the bureau sums per school and month; a type keeps its schools' rows).
  const months = useMemo(() => {
    if (!trend.data || !type) return trend.data?.months ?? [];
    const kept = new Set(shown.map((r) => r.schoolId));
    const sums = new Map<string, { month: string; reported: number; completed: number }>();
    for (const s of trend.data.schools.filter((x) => kept.has(x.schoolId))) {
      const m = sums.get(s.month) ?? { month: s.month, reported: 0, completed: 0 };
      m.reported += s.reported;
      m.completed += s.completed;
      sums.set(s.month, m);
    }
    return [...sums.values()].sort((a, b) => a.month.localeCompare(b.month));
  }, [trend.data, type, shown]);

  const error = district.error ?? schools.error ?? sla.error;
  if (error) return <Card><ErrorView page error={error} retry={() => void Promise.all([district.refetch(), schools.refetch(), sla.refetch()])} /></Card>;

  const d = district.data;
  const thisMonth = monthOf(new Date().toISOString());
  const completedThisMonth = months.find((m) => m.month === thisMonth)?.completed ?? 0;
  const compliance = overall(sla.data, 'completion');
  const lastEventAt = d?.projection.lastEventAt;

  const columns: (SheetColumn<Row> & { key: keyof Row })[] = [
    { key: 'schoolId', header: t('dash.col.school'), value: (r) => r.schoolId },
    { key: 'name', header: t('dash.col.name'), value: (r) => r.name },
    { key: 'type', header: t('dash.col.type'), value: (r) => (r.type ? t(`schoolType.${r.type}`) : '') },
    { key: 'reported', header: t('dash.col.reported'), value: (r) => r.reported },
    { key: 'open', header: t('dash.col.open'), value: (r) => r.open },
    { key: 'completed', header: t('dash.col.completed'), value: (r) => r.completed },
    { key: 'verified', header: t('dash.col.verified'), value: (r) => r.verified },
    { key: 'mttcHours', header: t('dash.col.mttc'), value: (r) => r.mttcHours },
    { key: 'openOverdue', header: t('dash.col.overdue'), value: (r) => r.openOverdue },
    { key: 'completionRate', header: t('dash.col.slaCompletion'), value: (r) => f.percent(r.completionRate) },
    { key: 'responseRate', header: t('dash.col.slaResponse'), value: (r) => f.percent(r.responseRate) },
  ];

  const exportExcel = async () => {
    setExporting(true);
    try {
      const stamp = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
      const file = `${t('dash.sheet')}-${stamp}.xlsx`;
      await downloadXlsx(file, t('dash.sheet'), columns, shown, lastEventAt ? t('dash.freshness', { time: f.dateTime(lastEventAt) }) : undefined);
      message.success(t('dash.exported', { file }));
    } finally {
      setExporting(false);
    }
  };

  const sorter = (key: keyof Row) => (a: Row, b: Row) => {
    const x = a[key] ?? -1;
    const y = b[key] ?? -1;
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('dash.title')}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary" data-testid="freshness">
            {lastEventAt ? t('dash.freshness', { time: f.dateTime(lastEventAt) }) : t('dash.freshnessNone')}
          </Typography.Text>
          {d && <Typography.Text type="secondary">· {t('dash.eventsApplied', { n: d.projection.eventsApplied })}</Typography.Text>}
          <Button size="small" onClick={() => void Promise.all([district.refetch(), schools.refetch(), sla.refetch(), trend.refetch()])} data-testid="dash-refresh">
            {t('app.refresh')}
          </Button>
        </Space>
      </div>
      <KpiCards
        items={[
          { key: 'open', title: t('kpi.open'), value: d?.open ?? '—' },
          { key: 'overdue', title: t('kpi.overdue'), value: sla.data?.openOverdue ?? '—', danger: (sla.data?.openOverdue ?? 0) > 0 },
          { key: 'completed-month', title: t('kpi.completedThisMonth'), value: trend.data ? completedThisMonth : '—' },
          { key: 'verified', title: t('kpi.verified'), value: d?.verified ?? '—' },
          { key: 'mttc', title: t('kpi.mttc'), value: f.hours(d?.meanTimeToCompleteMs) ?? '—', suffix: d?.meanTimeToCompleteMs != null ? 'h' : undefined },
          { key: 'sla', title: t('kpi.sla'), value: f.percent(compliance.rate) },
        ]}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dash.trend')}>
            {trend.error ? (
              <ErrorView error={trend.error} />
            ) : (
              <Chart
                testId="trend-chart"
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { data: [t('dash.series.reported'), t('dash.series.completed')] },
                  xAxis: { type: 'category', data: months.map((m) => m.month) },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: [
                    { name: t('dash.series.reported'), type: 'line', data: months.map((m) => m.reported) },
                    { name: t('dash.series.completed'), type: 'line', data: months.map((m) => m.completed) },
                  ],
                }}
              />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('dash.trendNote')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dash.compare')}>
            <Chart
              testId="compare-chart"
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: [t('dash.col.open'), t('dash.col.completed'), t('dash.col.verified')] },
                xAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { rotate: shown.length > 6 ? 30 : 0 } },
                yAxis: { type: 'value', minInterval: 1 },
                series: (['open', 'completed', 'verified'] as const).map((k) => ({ name: t(`dash.col.${k}`), type: 'bar', data: shown.map((r) => r[k]) })),
              }}
            />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('dash.schools')}
        extra={
          <Space wrap>
            <Select allowClear placeholder={t('dash.filterType')} value={type} onChange={setType} style={{ width: 140 }} options={SCHOOL_TYPES.map((x) => ({ value: x, label: t(`schoolType.${x}`) }))} data-testid="filter-school-type" />
            <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} placeholder={[t('facilities.from'), t('facilities.to')]} data-testid="filter-date-range" />
            <Button onClick={() => void exportExcel()} loading={exporting} disabled={!shown.length} data-testid="export-excel">
              {exporting ? t('dash.exporting') : t('dash.export')}
            </Button>
          </Space>
        }
      >
        <Table<Row>
          rowKey="schoolId"
          size="small"
          loading={schools.isLoading}
          dataSource={shown}
          scroll={{ x: 1100 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="schools-table"
          columns={[
            ...columns.map((c) => ({
              key: c.key,
              title: c.header,
              dataIndex: c.key,
              sorter: sorter(c.key),
              render: (_: unknown, r: Row) => c.value(r) ?? '—',
            })),
            {
              key: 'drill',
              title: '',
              render: (_: unknown, r: Row) => (
                <Button size="small" type="link" onClick={() => navigate(`/work-orders?schoolId=${encodeURIComponent(r.schoolId)}`)} data-testid={`drill-${r.schoolId}`}>
                  {t('dash.drill')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
