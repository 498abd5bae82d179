import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Space, Table } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ErrorView } from '../../api/ErrorView';
import { useSession } from '../../auth/useSession';
import { downloadXlsx, exportStamp } from '../../components/excel';
import { useFormat, useI18n } from '../../i18n/I18n';
import { fetchMeters, Meter } from './api';
import { InstallMeterModal, ReplaceMeterModal } from './MeterForms';

/** The school's meters with their last reading; the school admin installs and replaces them. */
export function MetersTab() {
  const { t } = useI18n();
  const f = useFormat();
  const navigate = useNavigate();
  const admin = useSession()?.account.role === 'school-admin';
  const [installing, setInstalling] = useState(false);
  const [replacing, setReplacing] = useState<Meter>();
  const meters = useQuery({ queryKey: ['energy', 'meters'], queryFn: ({ signal }) => fetchMeters(signal) });
  if (meters.error) return <ErrorView error={meters.error} retry={() => void meters.refetch()} />;
  const exportMeters = () =>
    downloadXlsx(`${t('energy.tab.meters')}-${exportStamp()}.xlsx`, t('energy.tab.meters'), [
      { header: t('energy.col.building'), value: (m: Meter) => m.building, width: 16 },
      { header: t('energy.col.kind'), value: (m) => t(`energy.kind.${m.kind}`) },
      { header: t('energy.col.serial'), value: (m) => m.serial ?? '', width: 16 },
      { header: t('energy.col.lastReading'), value: (m) => m.lastReading },
      { header: t('energy.col.unit'), value: (m) => m.unit },
      { header: t('energy.col.lastReadAt'), value: (m) => f.dateTime(m.lastReadAt), width: 18 },
      { header: t('energy.col.lastConsumption'), value: (m) => m.lastConsumption ?? '' },
      { header: t('energy.col.openFlags'), value: (m) => m.openFlags },
    ], meters.data ?? []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" onClick={() => navigate('/energy/reading')} data-testid="energy-record">
          {t('energy.record')}
        </Button>
        {admin && (
          <Button onClick={() => setInstalling(true)} data-testid="energy-install">
            {t('energy.install')}
          </Button>
        )}
        <Button onClick={() => void exportMeters()} disabled={!meters.data?.length} data-testid="energy-meters-export">
          {t('export.excel')}
        </Button>
      </Space>
      <Table<Meter>
        rowKey="meterId"
        size="small"
        loading={meters.isLoading}
        dataSource={meters.data}
        scroll={{ x: true }}
        pagination={false}
        locale={{ emptyText: t('energy.noMeters') }}
        data-testid="energy-meters"
        columns={[
          { title: t('energy.col.building'), dataIndex: 'building' },
          { title: t('energy.col.kind'), dataIndex: 'kind', render: (k: Meter['kind']) => t(`energy.kind.${k}`) },
          { title: t('energy.col.serial'), dataIndex: 'serial', render: (s?: string) => s ?? '—' },
          { title: t('energy.col.lastReading'), dataIndex: 'lastReading', align: 'right', render: (v: string, m) => `${v} ${m.unit}` },
          { title: t('energy.col.lastReadAt'), dataIndex: 'lastReadAt', render: (v: string) => f.dateTime(v) },
          { title: t('energy.col.lastConsumption'), dataIndex: 'lastConsumption', align: 'right', render: (v?: string) => v ?? '—' },
          { title: t('energy.col.openFlags'), dataIndex: 'openFlags', render: (n: number) => (n ? <Badge count={n} /> : '0') },
          ...(admin ? [{ title: t('energy.col.actions'), key: 'actions', render: (_: unknown, m: Meter) => <Button size="small" onClick={() => setReplacing(m)}>{t('energy.replace')}</Button> }] : []),
        ]}
      />
      <InstallMeterModal open={installing} onClose={() => setInstalling(false)} />
      <ReplaceMeterModal meter={replacing} onClose={() => setReplacing(undefined)} />
    </Space>
  );
}
