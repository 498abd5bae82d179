/**
 * The bureau's facilities dashboard (设施设备): one tab per section of `facilities/sections.tsx`, each given the shared
 * filters (school type, business-date range, identity's register and the school codes the type keeps). To add a section,
 * write a component taking `FacilitiesSectionProps` (facilities/types.ts) in its own file, put its title in your own
 * i18n file, and append one line `{ key, titleKey, Component }` to FACILITIES_SECTIONS — nothing here changes. A section
 * shows its own loading and errors (ErrorView), so one failing service does not blank the others.
 */
import { useMemo, useState } from 'react';
import { Card, DatePicker, Select, Space, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { SCHOOL_TYPES, SchoolType } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { fetchSchoolRegister } from './figures';
import { FACILITIES_SECTIONS } from './facilities/sections';
import type { FacilitiesFilters } from './facilities/types';

export default function FacilitiesDashboardPage() {
  const { t } = useI18n();
  const [schoolType, setSchoolType] = useState<SchoolType>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const register = useQuery({ queryKey: ['identity', 'schools'], queryFn: ({ signal }) => fetchSchoolRegister(signal), staleTime: 300_000, retry: false });

  const filters: FacilitiesFilters = useMemo(() => {
    const schools = register.data ?? [];
    return {
      schoolType,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
      schools,
      schoolIds: schoolType ? new Set(schools.filter((s) => s.type === schoolType).map((s) => s.code)) : undefined,
    };
  }, [schoolType, range, register.data]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('facilities.title')}
        </Typography.Title>
        <Space wrap>
          <Select allowClear placeholder={t('dash.filterType')} value={schoolType} onChange={setSchoolType} style={{ width: 140 }} options={SCHOOL_TYPES.map((x) => ({ value: x, label: t(`schoolType.${x}`) }))} data-testid="facilities-school-type" />
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} placeholder={[t('facilities.from'), t('facilities.to')]} data-testid="facilities-date-range" />
        </Space>
      </div>
      <Card size="small">
        <Tabs
          items={FACILITIES_SECTIONS.map((s) => ({
            key: s.key,
            label: t(s.titleKey),
            children: (
              <div data-testid={`section-${s.key}`}>
                <s.Component filters={filters} />
              </div>
            ),
          }))}
          data-testid="facilities-sections"
        />
      </Card>
    </Space>
  );
}
