import { Card, Tabs } from 'antd';
import { useI18n } from '../../i18n/I18n';
import { BenchmarkTab } from './BenchmarkTab';
import { ConsumptionTab } from './ConsumptionTab';
import { MetersTab } from './MetersTab';
import { ReadingsTab } from './ReadingsTab';

/** 能源管理 of a school: its meters, their readings, monthly consumption, and how it compares with schools of its type. */
export default function EnergyPage() {
  const { t } = useI18n();
  return (
    <Card title={t('energy.title')} data-testid="energy-page">
      <Tabs
        destroyOnHidden
        items={[
          { key: 'meters', label: t('energy.tab.meters'), children: <MetersTab /> },
          { key: 'readings', label: t('energy.tab.readings'), children: <ReadingsTab /> },
          { key: 'consumption', label: t('energy.tab.consumption'), children: <ConsumptionTab /> },
          { key: 'benchmark', label: t('energy.tab.benchmark'), children: <BenchmarkTab /> },
        ]}
      />
    </Card>
  );
}
