import { useMemo, useState } from 'react';
import { Button, Card, Empty, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorView } from '../../api/ErrorView';
import { useSession } from '../../auth/useSession';
import { downloadXlsx } from '../../components/excel';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { Asset, ASSET_CATEGORY_CODES, ASSET_SORTS, categoryKey, fetchAssets, LEDGER_STATUSES, LedgerStatus, locationText, yuan } from './assetLedger';
import { ImportLedgerButtons } from './ImportLedgerButtons';

const STATUS_COLOR: Record<LedgerStatus, string> = { 'in-use': 'green', lent: 'blue', missing: 'red', damaged: 'orange', 'disposal-requested': 'gold', disposed: 'default' };

export function LedgerStatusTag({ status }: { status: LedgerStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`assets.status.${status}` as MessageKey)}</Tag>;
}

/**
 * 资产台账: the ledger from the `asset-list` read model, with filters, search and cursor paging; net book values as of
 * today (the service's clock). After the user's own registration the first page waits for it (read-your-writes).
 * The bureau (and auditors) see every school, or one (`?schoolId=`), without actions. Excel: the rows shown.
 */
export default function AssetsPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const position = (location.state as { position?: string } | null)?.position;
  const [q, setQ] = useState(params.get('q') ?? '');
  const schoolAccount = session?.account.role === 'school-staff' || session?.account.role === 'school-admin';

  const filters = useMemo(
    () => ({
      status: params.get('status') ?? undefined,
      category: params.get('category') ?? undefined,
      building: params.get('building') ?? undefined,
      custodian: params.get('custodian') ?? undefined,
      q: params.get('q') ?? undefined,
      sort: params.get('sort') ?? 'registeredAt',
      schoolId: schoolAccount ? undefined : (params.get('schoolId') ?? undefined),
    }),
    [params, schoolAccount],
  );
  const setFilter = (name: string, value?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const list = useInfiniteQuery({
    queryKey: ['assets', 'list', filters, position],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => fetchAssets({ ...filters, limit: 30, cursor: pageParam, consistentWith: pageParam ? undefined : position }, signal),
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const asOf = list.data?.pages[0]?.asOf ?? '';

  const exportRows = () =>
    downloadXlsx<Asset>(
      `assets-${asOf}.xlsx`,
      t('assets.title'),
      [
        { header: t('assets.col.name'), value: (a) => a.name, width: 24 },
        { header: t('assets.col.category'), value: (a) => `${a.category} ${t(categoryKey(a.category))}`, width: 24 },
        { header: t('assets.col.model'), value: (a) => a.model ?? '' },
        { header: t('assets.col.serial'), value: (a) => a.serialNumber ?? '' },
        { header: t('assets.col.location'), value: (a) => locationText(a.location), width: 20 },
        { header: t('assets.col.custodian'), value: (a) => a.custodian ?? '' },
        { header: t('assets.col.status'), value: (a) => t(`assets.status.${a.ledgerStatus}` as MessageKey) },
        { header: t('assets.col.purchaseDate'), value: (a) => a.purchaseDate, width: 12 },
        { header: t('assets.col.price'), value: (a) => a.priceFen / 100, width: 14 },
        { header: t('assets.col.netValue'), value: (a) => a.netBookValueFen / 100, width: 14 },
        ...(schoolAccount ? [] : [{ header: t('assets.col.school'), value: (a: Asset) => a.schoolId }]),
      ],
      items,
      t('assets.exportNote', { count: items.length, asOf }),
    );

  const filterBar = (
    <Space wrap style={{ marginBottom: 12 }} data-testid="asset-filters">
      <Input.Search allowClear placeholder={t('assets.search')} value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => setFilter('q', v.trim() || undefined)} style={{ width: phone ? '100%' : 220 }} data-testid="asset-search" />
      <Select allowClear placeholder={t('assets.col.status')} value={filters.status} onChange={(v) => setFilter('status', v)} style={{ width: 130 }} options={LEDGER_STATUSES.map((s) => ({ value: s, label: t(`assets.status.${s}` as MessageKey) }))} data-testid="asset-filter-status" />
      <Select allowClear showSearch optionFilterProp="label" placeholder={t('assets.col.category')} value={filters.category} onChange={(v) => setFilter('category', v)} style={{ width: 180 }} options={ASSET_CATEGORY_CODES.map((c) => ({ value: c, label: `${c} ${t(categoryKey(c))}` }))} data-testid="asset-filter-category" />
      <Input allowClear placeholder={t('assets.building')} defaultValue={filters.building} onPressEnter={(e) => setFilter('building', (e.target as HTMLInputElement).value.trim() || undefined)} style={{ width: 120 }} data-testid="asset-filter-building" />
      <Input allowClear placeholder={t('assets.custodian')} defaultValue={filters.custodian} onPressEnter={(e) => setFilter('custodian', (e.target as HTMLInputElement).value.trim() || undefined)} style={{ width: 120 }} />
      <Select value={filters.sort} onChange={(v) => setFilter('sort', v === 'registeredAt' ? undefined : v)} style={{ width: 130 }} options={ASSET_SORTS.map((s) => ({ value: s, label: t(`assets.sort.${s}` as MessageKey) }))} />
      {!schoolAccount && <Input allowClear placeholder={t('assets.col.school')} defaultValue={filters.schoolId} onPressEnter={(e) => setFilter('schoolId', (e.target as HTMLInputElement).value.trim() || undefined)} style={{ width: 140 }} />}
    </Space>
  );

  return (
    <Card
      title={t('assets.title')}
      extra={
        <Space wrap>
          <ImportLedgerButtons />
          <Button onClick={() => void exportRows()} disabled={items.length === 0} data-testid="asset-export">
            {t('assets.export')}
          </Button>
          {schoolAccount && (
            <Link to="/assets/new">
              <Button type="primary" data-testid="new-asset">
                {t('assets.new')}
              </Button>
            </Link>
          )}
        </Space>
      }
      styles={{ body: { padding: phone ? 12 : 24 } }}
      data-testid="assets-page"
    >
      {filterBar}
      {asOf && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('assets.asOf', { asOf })}
        </Typography.Paragraph>
      )}
      {list.error ? (
        <ErrorView error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Table<Asset>
          rowKey="assetId"
          size={phone ? 'small' : 'middle'}
          loading={list.isLoading}
          dataSource={items}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: <Empty description={t('assets.empty')} /> }}
          onRow={(a) => ({ onClick: () => navigate(`/assets/${a.assetId}`), style: { cursor: 'pointer' }, 'data-testid': 'asset-item' }) as React.HTMLAttributes<HTMLElement>}
          data-testid="asset-list"
          columns={[
            { title: t('assets.col.name'), dataIndex: 'name', render: (v: string, a) => <Link to={`/assets/${a.assetId}`}>{v}</Link> },
            { title: t('assets.col.category'), dataIndex: 'category', render: (c: string) => t(categoryKey(c)), responsive: ['md'] },
            { title: t('assets.col.model'), dataIndex: 'model', render: (v?: string) => v ?? '—', responsive: ['lg'] },
            { title: t('assets.col.serial'), dataIndex: 'serialNumber', render: (v?: string) => v ?? '—', responsive: ['lg'] },
            { title: t('assets.col.location'), key: 'location', render: (_: unknown, a) => locationText(a.location), responsive: ['md'] },
            { title: t('assets.col.custodian'), dataIndex: 'custodian', render: (v?: string) => v ?? '—', responsive: ['lg'] },
            ...(schoolAccount ? [] : [{ title: t('assets.col.school'), dataIndex: 'schoolId' }]),
            { title: t('assets.col.status'), dataIndex: 'ledgerStatus', render: (s: LedgerStatus) => <LedgerStatusTag status={s} /> },
            { title: t('assets.col.price'), dataIndex: 'priceFen', align: 'right' as const, render: (v: number) => yuan(v) },
            { title: t('assets.col.netValue'), dataIndex: 'netBookValueFen', align: 'right' as const, render: (v: number) => yuan(v), responsive: ['sm'] },
          ]}
        />
      )}
      {list.hasNextPage ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="assets-more">
            {t('assets.more')}
          </Button>
        </div>
      ) : items.length > 0 ? (
        <div style={{ textAlign: 'center', marginTop: 12, color: '#bfbfbf' }}>{t('assets.noMore')}</div>
      ) : null}
    </Card>
  );
}
