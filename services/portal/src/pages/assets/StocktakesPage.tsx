import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Grid, Input, Space, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { get, newKey, post } from '../../api/client';
import { ErrorView } from '../../api/ErrorView';
import { Failure, formFailure } from '../../api/formErrors';
import { useSession } from '../../auth/useSession';
import { downloadXlsx, exportStamp } from '../../components/excel';
import { useFormat, useI18n } from '../../i18n/I18n';
import { AssetLocation, locationText } from './assetLedger';

export interface StocktakeSummary {
  stocktakeId: string;
  schoolId: string;
  status: 'open' | 'closed';
  title: string;
  location: AssetLocation;
  openedAt: string;
  closedAt?: string;
  expectedCount: number;
  markedCount: number;
  unlistedCount: number;
}
interface Values {
  building: string;
  floor?: string;
  room?: string;
  title?: string;
}

/** 资产盘点: the school's stocktakes (newest first) and, for an admin, a new one for a building, floor or room. */
export default function StocktakesPage() {
  const { t, lang } = useI18n();
  const f = useFormat();
  const navigate = useNavigate();
  const session = useSession();
  const phone = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<Failure>();
  const [busy, setBusy] = useState(false);
  const admin = session?.account.role === 'school-admin';
  const list = useQuery({ queryKey: ['stocktakes'], queryFn: ({ signal }) => get<{ items: StocktakeSummary[] }>('facilities', '/stocktakes', { limit: 100 }, signal) });

  const open = async ({ building, floor, room, title }: Values) => {
    setFailure(undefined);
    setBusy(true);
    try {
      const location = Object.fromEntries(Object.entries({ building, floor, room }).flatMap(([k, v]) => (v?.trim() ? [[k, v.trim()]] : [])));
      const opened = await post<{ stocktakeId: string }>('facilities', '/stocktakes', { location, ...(title?.trim() ? { title: title.trim() } : {}) }, { idempotencyKey: newKey() });
      navigate(`/stocktakes/${opened.stocktakeId}`);
    } catch (error) {
      setFailure(formFailure(error, form, ['building', 'floor', 'room', 'title'], lang));
    } finally {
      setBusy(false);
    }
  };

  const exportStocktakes = () =>
    downloadXlsx(`${t('stocktake.title')}-${exportStamp()}.xlsx`, t('stocktake.title'), [
      { header: t('stocktake.col.title'), value: (s: StocktakeSummary) => s.title, width: 24 },
      { header: t('assets.col.location'), value: (s) => locationText(s.location), width: 20 },
      { header: t('stocktake.col.status'), value: (s) => t(`stocktake.status.${s.status}`) },
      { header: t('stocktake.col.progress'), value: (s) => t('stocktake.progress', { marked: s.markedCount, expected: s.expectedCount }), width: 14 },
      { header: t('stocktake.col.openedAt'), value: (s) => f.dateTime(s.openedAt), width: 18 },
    ], list.data?.items ?? []);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      {admin && (
        <Card title={t('stocktake.new')} size="small" data-testid="stocktake-new">
          {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} />}
          <Form form={form} layout={phone ? 'vertical' : 'inline'} onFinish={(v) => void open(v)}>
            <Form.Item name="building" rules={[{ required: true, whitespace: true, message: t('stocktake.building') }]}>
              <Input placeholder={t('stocktake.building')} data-testid="stocktake-building" />
            </Form.Item>
            <Form.Item name="floor">
              <Input placeholder={t('stocktake.floor')} data-testid="stocktake-floor" />
            </Form.Item>
            <Form.Item name="room">
              <Input placeholder={t('stocktake.room')} data-testid="stocktake-room" />
            </Form.Item>
            <Form.Item name="title">
              <Input placeholder={t('stocktake.name')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="stocktake-open">
              {t('stocktake.open')}
            </Button>
          </Form>
        </Card>
      )}
      <Card
        title={t('stocktake.title')}
        extra={<Button onClick={() => void exportStocktakes()} disabled={!list.data?.items.length} data-testid="export-stocktakes">{t('export.excel')}</Button>}
        data-testid="stocktakes-page"
      >
        {list.error ? (
          <ErrorView error={list.error} retry={() => void list.refetch()} />
        ) : (
          <Table<StocktakeSummary>
            rowKey="stocktakeId"
            size={phone ? 'small' : 'middle'}
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t('stocktake.empty') }}
            columns={[
              { title: t('stocktake.col.title'), dataIndex: 'title', render: (v: string, s) => <Link to={`/stocktakes/${s.stocktakeId}`}>{v}</Link> },
              { title: t('assets.col.location'), key: 'l', render: (_: unknown, s) => locationText(s.location), responsive: ['md'] },
              { title: t('stocktake.col.status'), dataIndex: 'status', render: (s: 'open' | 'closed') => <Tag color={s === 'open' ? 'processing' : 'default'}>{t(`stocktake.status.${s}`)}</Tag> },
              { title: t('stocktake.col.progress'), key: 'p', render: (_: unknown, s) => t('stocktake.progress', { marked: s.markedCount, expected: s.expectedCount }) },
              { title: t('stocktake.col.openedAt'), dataIndex: 'openedAt', render: (v: string) => f.dateTime(v), responsive: ['md'] },
            ]}
            data-testid="stocktake-list"
          />
        )}
      </Card>
    </Space>
  );
}
