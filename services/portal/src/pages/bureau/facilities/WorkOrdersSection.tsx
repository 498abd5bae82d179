import { useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { ErrorView } from '../../../api/ErrorView';
import { overall } from '../../../api/types';
import { KpiCards } from '../../../components/Kpi';
import { useFormat, useI18n } from '../../../i18n/I18n';
import { fetchDistrict, fetchDistrictSla } from '../figures';
import type { FacilitiesSectionProps } from './types';

/** Work orders: open, overdue and SLA compliance from the bureau's figures, which apply school type and dates themselves. */
export function WorkOrdersSection({ filters }: FacilitiesSectionProps) {
  const { t } = useI18n();
  const f = useFormat();
  const query = { from: filters.from, to: filters.to, schoolType: filters.schoolType };
  const district = useQuery({ queryKey: ['bureau', 'district', query], queryFn: ({ signal }) => fetchDistrict(signal, query), refetchInterval: 15_000 });
  const sla = useQuery({ queryKey: ['bureau', 'sla', query], queryFn: ({ signal }) => fetchDistrictSla(signal, query), refetchInterval: 15_000 });
  const error = district.error ?? sla.error;
  if (error) return <ErrorView error={error} retry={() => void Promise.all([district.refetch(), sla.refetch()])} />;

  const d = district.data;
  const completion = overall(sla.data, 'completion');
  const response = overall(sla.data, 'response');
  return (
    <Card size="small" data-testid="facilities-work-orders">
      <KpiCards
        items={[
          { key: 'fac-reported', title: t('kpi.reported'), value: d?.reported ?? '—' },
          { key: 'fac-open', title: t('kpi.open'), value: d?.open ?? '—' },
          { key: 'fac-overdue', title: t('kpi.overdue'), value: sla.data?.openOverdue ?? '—', danger: (sla.data?.openOverdue ?? 0) > 0 },
          { key: 'fac-sla', title: t('kpi.sla'), value: f.percent(completion.rate) },
          { key: 'fac-sla-response', title: t('kpi.slaResponse'), value: f.percent(response.rate) },
          { key: 'fac-schools', title: t('facilities.schools'), value: d?.schools ?? '—' },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('facilities.workOrdersNote', { met: completion.met, missed: completion.missed })}
      </Typography.Text>
    </Card>
  );
}
