import { Card, Tabs } from 'antd';
import { useI18n } from '../../i18n/I18n';
import { HistoryTab } from './HistoryTab';
import { DueTab, PlansTab } from './PlanLists';

/** 定期检查 of a school: today's and overdue inspections, the plans, and the history. */
export default function InspectionsPage() {
  const { t } = useI18n();
  return (
    <Card title={t('inspections.title')} data-testid="inspections-page">
      <Tabs
        destroyOnHidden
        items={[
          { key: 'due', label: t('inspections.tab.due'), children: <DueTab /> },
          { key: 'plans', label: t('inspections.tab.plans'), children: <PlansTab /> },
          { key: 'history', label: t('inspections.tab.history'), children: <HistoryTab /> },
        ]}
      />
    </Card>
  );
}
