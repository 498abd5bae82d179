import { useState } from 'react';
import { Button, Card, Empty, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ErrorView } from '../../api/ErrorView';
import { downloadXlsx } from '../../components/excel';
import { useFormat, useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { Action, ActionModal, ASSET_ACTIONS } from './AssetDetailPage';
import { Asset, categoryKey, fetchAssets, yuan } from './assetLedger';

/** 教育局: the disposals the school heads approved that await the bureau, across schools; approve or reject each. */
export default function DisposalApprovalsPage() {
  const { t } = useI18n();
  const f = useFormat();
  const [open, setOpen] = useState<{ asset: Asset; action: Action }>();
  const list = useQuery({ queryKey: ['assets', 'awaiting-bureau'], queryFn: ({ signal }) => fetchAssets({ disposalStage: 'awaiting-bureau', sort: 'price', limit: 200 }, signal) });
  const rows = list.data?.items ?? [];
  const columns = [
    { header: t('assets.col.school'), value: (a: Asset) => a.schoolId },
    { header: t('assets.col.name'), value: (a: Asset) => a.name },
    { header: t('assets.col.category'), value: (a: Asset) => t(categoryKey(a.category)) },
    { header: t('assets.col.purchaseDate'), value: (a: Asset) => a.purchaseDate },
    { header: t('assets.col.price'), value: (a: Asset) => yuan(a.priceFen) },
    { header: t('assets.col.netValue'), value: (a: Asset) => yuan(a.netBookValueFen) },
    { header: t('assets.field.method'), value: (a: Asset) => (a.disposal ? t(`assets.method.${a.disposal.method}` as MessageKey) : '') },
    { header: t('assets.disposals.reason'), value: (a: Asset) => a.disposal?.reason ?? '' },
  ];

  return (
    <Card
      title={t('assets.disposals.title')}
      extra={
        <Button disabled={!rows.length} onClick={() => void downloadXlsx('disposals-awaiting-bureau.xlsx', t('assets.disposals.title'), columns, rows)} data-testid="disposals-export">
          {t('assets.export')}
        </Button>
      }
      data-testid="disposal-approvals"
    >
      {list.error ? (
        <ErrorView error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Table<Asset>
          rowKey="assetId"
          size="small"
          loading={list.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: <Empty description={t('assets.disposals.empty')} /> }}
          columns={[
            ...columns.map((c, i) => ({ key: String(i), title: c.header, render: (_: unknown, a: Asset) => (i === 1 ? <Link to={`/assets/${a.assetId}`}>{a.name}</Link> : c.value(a)) })),
            { key: 'requested', title: t('assets.col.requestedAt'), render: (_: unknown, a: Asset) => f.dateTime(a.disposal?.requestedAt) },
            {
              key: 'actions',
              title: '',
              render: (_: unknown, a: Asset) => (
                <Space>
                  <Button size="small" type="primary" onClick={() => setOpen({ asset: a, action: ASSET_ACTIONS.approve })} data-testid="disposal-approve">
                    {t('assets.action.approve')}
                  </Button>
                  <Button size="small" danger onClick={() => setOpen({ asset: a, action: ASSET_ACTIONS.reject })} data-testid="disposal-reject">
                    {t('assets.action.reject')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      {open && <ActionModal asset={open.asset} action={open.action} onClose={() => setOpen(undefined)} />}
    </Card>
  );
}
