import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { get } from '../../../api/client';
import { ErrorView } from '../../../api/ErrorView';
import { Chart } from '../../../components/Chart';
import { downloadWorkbook, sheetOf } from '../../../components/excel';
import { useFormat, useI18n } from '../../../i18n/I18n';
import { ASSET_CATEGORY_CODES, categoryKey } from '../../assets/assetLedger';
import { fenToYuan } from '../../repairs/money';
import type { FacilitiesSectionProps } from './types';

/** The sums of the bureau's repair-costs figure (libs/statistics repair-cost-figures.ts): money in whole fen. */
interface CostSums {
  reports: number;
  repeats: number;
  costedOrders: number;
  partsFen: number;
  labourFen: number;
  costFen: number;
  repeatRate: number | null;
}
interface RepairCostAnswer extends CostSums {
  bySchool: (CostSums & { schoolId: string })[];
  byAssetCategory: (CostSums & { assetCategory: string })[];
}
/** Per school, the cost per asset category (fen), summed from the figure's `<school>|<category>|<asset>` groups. */
type CategoryCosts = Map<string, number>;
type SchoolRow = CostSums & { schoolId: string; name: string; categories: CategoryCosts };

function costsBySchoolAndCategory(groups: { schoolCategoryAsset: string; costFen: number }[]): Map<string, CategoryCosts> {
  const out = new Map<string, CategoryCosts>();
  for (const g of groups) {
    const [schoolId, category] = g.schoolCategoryAsset.split('|');
    const costs = out.get(schoolId) ?? new Map<string, number>();
    costs.set(category, (costs.get(category) ?? 0) + Number(g.costFen));
    out.set(schoolId, costs);
  }
  return out;
}
type CategoryRow = CostSums & { assetCategory: string };

const KNOWN_CATEGORIES: readonly string[] = ASSET_CATEGORY_CODES;

/** 维修费用与返修率: per school reports, repeat rate and exact costs (yuan from fen), and the district's cost per asset category. */
export function RepairCostsSection({ filters }: FacilitiesSectionProps) {
  const { t } = useI18n();
  const f = useFormat();
  const answer = useQuery({
    queryKey: ['bureau', 'statistics', 'repairs'],
    queryFn: ({ signal }) => get<RepairCostAnswer>('bureau', '/statistics/repairs', undefined, signal),
    refetchInterval: 30_000,
  });
  // The per-school category split is only in the figure's groups; without them the rows just do not expand.
  const figure = useQuery({
    queryKey: ['bureau', 'figure', 'repair-costs'],
    queryFn: ({ signal }) => get<{ groups: { schoolCategoryAsset: string; costFen: number }[] }>('bureau', '/statistics/figures/repair-costs', undefined, signal),
    refetchInterval: 30_000,
  });
  if (answer.error) return <ErrorView error={answer.error} retry={() => void answer.refetch()} />;
  const names = new Map(filters.schools.map((s) => [s.code, s.name]));
  const split = costsBySchoolAndCategory(figure.data?.groups ?? []);
  const schools: SchoolRow[] = (answer.data?.bySchool ?? [])
    .filter((s) => !filters.schoolIds || filters.schoolIds.has(s.schoolId))
    .map((s) => ({ ...s, name: names.get(s.schoolId) ?? s.schoolId, categories: split.get(s.schoolId) ?? new Map<string, number>() }));
  const categories: CategoryRow[] = answer.data?.byAssetCategory ?? [];
  const categoryName = (code: string) => (code === 'unlinked' ? t('repairCosts.unlinked') : KNOWN_CATEGORIES.includes(code) ? t(categoryKey(code)) : code);

  const costedCategories = (r: SchoolRow) => [...r.categories].filter(([, fen]) => fen > 0).map(([code, fen]) => ({ code, label: `${categoryName(code)} ${fenToYuan(fen)}` }));
  const categoryText = (r: SchoolRow) => costedCategories(r).map((c) => c.label).join('; ');
  const schoolColumns = [
    { header: t('repairCosts.col.school'), value: (r: SchoolRow) => r.name, width: 24 },
    { header: t('repairCosts.col.reports'), value: (r: SchoolRow) => r.reports },
    { header: t('repairCosts.col.repeats'), value: (r: SchoolRow) => r.repeats },
    { header: t('repairCosts.col.repeatRate'), value: (r: SchoolRow) => f.percent(r.repeatRate) },
    { header: t('repairCosts.col.costed'), value: (r: SchoolRow) => r.costedOrders },
    { header: t('repairCosts.col.parts'), value: (r: SchoolRow) => fenToYuan(r.partsFen) },
    { header: t('repairCosts.col.labour'), value: (r: SchoolRow) => fenToYuan(r.labourFen) },
    { header: t('repairCosts.col.cost'), value: (r: SchoolRow) => fenToYuan(r.costFen) },
  ];
  const exportColumns = [...schoolColumns, { header: t('repairCosts.col.perCategory'), value: categoryText, width: 48 }];
  const categoryColumns = [
    { header: t('repairCosts.col.category'), value: (r: CategoryRow) => categoryName(r.assetCategory), width: 24 },
    { header: t('repairCosts.col.reports'), value: (r: CategoryRow) => r.reports },
    { header: t('repairCosts.col.repeatRate'), value: (r: CategoryRow) => f.percent(r.repeatRate) },
    { header: t('repairCosts.col.cost'), value: (r: CategoryRow) => fenToYuan(r.costFen) },
  ];
  // Yuan as text keeps the export exact; the chart alone takes a number (display only). Both tables, a sheet each.
  const exportRows = () =>
    downloadWorkbook(`${t('repairCosts.title')}.xlsx`, [
      sheetOf(t('repairCosts.title'), exportColumns, schools, t('repairCosts.note')),
      sheetOf(t('repairCosts.byCategory'), categoryColumns, categories, t('repairCosts.note')),
    ]);

  return (
    <Card size="small" data-testid="facilities-repair-costs">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Button disabled={!schools.length && !categories.length} onClick={() => void exportRows()} data-testid="repair-costs-export">{t('repairCosts.export')}</Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('repairCosts.note')}</Typography.Text>
        </Space>
        <Typography.Text strong>{t('repairCosts.chart')}</Typography.Text>
        <Chart
          testId="repair-costs-chart"
          option={{
            tooltip: { trigger: 'axis' },
            grid: { left: 64, right: 16, top: 16, bottom: 48 },
            xAxis: { type: 'category', data: schools.map((s) => s.name), axisLabel: { interval: 0, rotate: schools.length > 6 ? 30 : 0 } },
            yAxis: { type: 'value' },
            series: [{ name: t('repairCosts.col.cost'), type: 'bar', data: schools.map((s) => Number(fenToYuan(s.costFen))) }],
          }}
        />
        <Table<SchoolRow>
          size="small"
          rowKey="schoolId"
          loading={answer.isLoading}
          dataSource={schools}
          pagination={false}
          scroll={{ x: true }}
          data-testid="repair-costs-table"
          expandable={{
            rowExpandable: (r) => costedCategories(r).length > 0,
            expandedRowRender: (r) => (
              <Space wrap data-testid="repair-costs-school-categories">
                <Typography.Text strong>{t('repairCosts.col.perCategory')}</Typography.Text>
                {costedCategories(r).map((c) => <Tag key={c.code}>{c.label}</Tag>)}
              </Space>
            ),
          }}
          columns={schoolColumns.map((c, i) => ({ key: String(i), title: c.header, render: (_: unknown, r: SchoolRow) => c.value(r) }))}
        />
        <Typography.Text strong>{t('repairCosts.byCategory')}</Typography.Text>
        <Table<CategoryRow>
          size="small"
          rowKey="assetCategory"
          loading={answer.isLoading}
          dataSource={categories}
          pagination={false}
          scroll={{ x: true }}
          data-testid="repair-costs-categories"
          columns={categoryColumns.map((c, i) => ({ key: String(i), title: c.header, render: (_: unknown, r: CategoryRow) => c.value(r) }))}
        />
      </Space>
    </Card>
  );
}
