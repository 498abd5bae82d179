import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useI18n } from '../../i18n/I18n';
import { fetchAssets } from '../assets/assetLedger';

/**
 * 报修资产: an optional search over the school's own ledger (facilities scopes the list to the caller's school).
 * Only the asset id is sent: facilities reads the asset's category from its ledger (the report DTO has no category).
 */
export function AssetPicker({ value, onChange }: { value?: string; onChange?: (assetId: string | undefined) => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 300); // one request per pause in typing
    return () => clearTimeout(timer);
  }, [typed]);
  const assets = useQuery({
    queryKey: ['report-asset-picker', search],
    queryFn: ({ signal }) => fetchAssets({ q: search || undefined, limit: 20 }, signal),
    staleTime: 30_000,
  });
  const options = (assets.data?.items ?? [])
    .filter((a) => a.status !== 'disposed')
    .map((a) => ({ value: a.assetId, label: [a.name, a.model, a.serialNumber].filter(Boolean).join(' · ') }));
  return (
    <Select
      showSearch
      allowClear
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      onSearch={setTyped}
      filterOption={false}
      loading={assets.isFetching}
      options={options}
      placeholder={t('report.placeholder.asset')}
      data-testid="report-asset"
    />
  );
}
