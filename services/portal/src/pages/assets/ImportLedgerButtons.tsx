import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { Link } from 'react-router-dom';
import { get, urlOf } from '../../api/client';
import { describeError } from '../../api/errors';
import { getSession } from '../../auth/session';
import { useSession } from '../../auth/useSession';
import { useI18n } from '../../i18n/I18n';

/** A file the service writes (the ledger export, the import template), fetched with the session's token and saved. */
export async function downloadFromService(path: string, fileName: string): Promise<void> {
  const token = getSession()?.accessToken;
  const response = await fetch(urlOf('facilities', path), { headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The ledger page's file and label actions: import, export with net values, QR labels, pending assets, stocktakes. */
export function ImportLedgerButtons() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const [exporting, setExporting] = useState(false);
  const admin = session?.account.role === 'school-admin';
  const school = admin || session?.account.role === 'school-staff';
  const pending = useQuery({ queryKey: ['assets', 'pending'], queryFn: ({ signal }) => get<{ items: unknown[] }>('facilities', '/assets/pending', undefined, signal), enabled: admin });
  const exportLedger = async () => {
    setExporting(true);
    try {
      await downloadFromService('/assets/export.xlsx', `校产台账-${new Date().toISOString().slice(0, 10)}.xlsx`);
    } catch (error) {
      message.error(describeError(error, lang).title);
    } finally {
      setExporting(false);
    }
  };
  return (
    <Space wrap size={4}>
      <Button loading={exporting} onClick={() => void exportLedger()} data-testid="ledger-export">
        {t('import.exportButton')}
      </Button>
      {admin && (
        <Link to="/assets/import">
          <Button data-testid="ledger-import">{t('import.button')}</Button>
        </Link>
      )}
      {admin && (
        <Link to="/assets/labels">
          <Button data-testid="ledger-labels">{t('import.labelsButton')}</Button>
        </Link>
      )}
      {school && (
        <Link to="/stocktakes">
          <Button data-testid="ledger-stocktakes">{t('nav.stocktakes')}</Button>
        </Link>
      )}
      {admin && (pending.data?.items.length ?? 0) > 0 && (
        <Link to="/assets/import#pending">
          <Button data-testid="ledger-pending">{t('import.pendingButton', { count: pending.data?.items.length ?? 0 })}</Button>
        </Link>
      )}
    </Space>
  );
}
