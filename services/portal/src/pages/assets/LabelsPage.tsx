import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Grid, Input, Popconfirm, Row, Space, Table, Typography } from 'antd';
import QRCode from 'qrcode';
import { newKey, post } from '../../api/client';
import { ErrorView } from '../../api/ErrorView';
import { describeError } from '../../api/errors';
import { useSession } from '../../auth/useSession';
import { useI18n } from '../../i18n/I18n';
import { Asset, fetchAssets, locationText } from './assetLedger';

interface Label {
  linkId: string;
  assetId: string;
  path: string;
  status: 'active' | 'revoked';
  asset: { name: string; categoryZh?: string; locationText: string };
}

/** The asset's short number printed on its label (the start of its id: what staff type at a stocktake). */
export const assetCode = (assetId: string) => assetId.slice(0, 8).toUpperCase();

/**
 * 打印标签: pick assets, make their QR report links (an asset with an active one keeps it), print an A4 sheet of
 * 3 × 7 labels with the QR code, name, number, place and school. A label torn off or misused is revoked here.
 */
export default function LabelsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const phone = !Grid.useBreakpoint().md;
  const [building, setBuilding] = useState<string>();
  const [picked, setPicked] = useState<string[]>([]);
  const [labels, setLabels] = useState<Label[]>([]);
  const [schoolName, setSchoolName] = useState<string>();
  const [busy, setBusy] = useState(false);
  const assets = useQuery({ queryKey: ['assets', 'labels', building], queryFn: ({ signal }) => fetchAssets({ building, limit: 200 }, signal) });
  const school = schoolName ?? session?.account.schoolId ?? '';

  const generate = async () => {
    setBusy(true);
    try {
      const sheet = await post<{ school: { name: string }; labels: Label[] }>('facilities', '/report-links/label-sheet', { assetIds: picked }, { idempotencyKey: newKey() });
      setLabels(sheet.labels);
      setSchoolName(sheet.school.name);
    } catch (error) {
      message.error(describeError(error, lang).title);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (label: Label) => {
    try {
      await post('facilities', `/report-links/${label.linkId}/revoke`, {}, { idempotencyKey: newKey() });
      setLabels((all) => all.map((l) => (l.linkId === label.linkId ? { ...l, status: 'revoked' } : l)));
      message.success(t('labels.revoked'));
    } catch (error) {
      message.error(describeError(error, lang).title);
    }
  };

  return (
    <Row gutter={16}>
      <style>{PRINT_CSS}</style>
      <Col xs={24} lg={9} className="no-print">
        <Card title={t('labels.pick')} size="small" data-testid="labels-pick">
          <Input.Search allowClear placeholder={t('labels.filter')} onSearch={(v) => setBuilding(v.trim() || undefined)} style={{ marginBottom: 8 }} />
          {assets.error ? (
            <ErrorView error={assets.error} retry={() => void assets.refetch()} />
          ) : (
            <Table<Asset>
              rowKey="assetId"
              size="small"
              loading={assets.isLoading}
              dataSource={(assets.data?.items ?? []).filter((a) => a.ledgerStatus !== 'disposed')}
              pagination={{ pageSize: phone ? 10 : 15, size: 'small' }}
              rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked((keys as string[]).slice(0, 200)) }}
              columns={[
                { title: t('assets.col.name'), dataIndex: 'name' },
                { title: t('assets.col.location'), key: 'l', render: (_: unknown, a) => locationText(a.location) },
              ]}
              data-testid="labels-assets"
            />
          )}
          <Button type="primary" block disabled={picked.length === 0} loading={busy} onClick={() => void generate()} data-testid="labels-generate">
            {t('labels.generate', { count: picked.length })}
          </Button>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
            {t('labels.hint')}
          </Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        <Card
          className="label-card"
          title={<span className="no-print">{t('labels.title')}</span>}
          size="small"
          extra={
            <Button className="no-print" disabled={labels.length === 0} onClick={() => window.print()} data-testid="labels-print">
              {t('labels.print')}
            </Button>
          }
        >
          {labels.length === 0 ? (
            <Empty description={t('labels.empty')} />
          ) : (
            <div className="label-sheet" data-testid="label-sheet">
              {labels.map((label) => (
                <LabelCell key={label.linkId} label={label} school={school} onRevoke={() => void revoke(label)} />
              ))}
            </div>
          )}
        </Card>
      </Col>
    </Row>
  );
}

function LabelCell({ label, school, onRevoke }: { label: Label; school: string; onRevoke: () => void }) {
  const { t } = useI18n();
  const url = `${window.location.origin}${label.path}`;
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    void QRCode.toDataURL(url, { margin: 1, width: 240, errorCorrectionLevel: 'M' }).then(setQr);
  }, [url]);
  const revoked = label.status === 'revoked';
  return (
    <div className="label" style={revoked ? { opacity: 0.35 } : undefined} data-testid="label" data-path={label.path}>
      {qr && <img src={qr} alt={t('labels.scan')} />}
      <div className="label-text">
        <div className="label-name">{label.asset.name}</div>
        <div>No. {assetCode(label.assetId)}</div>
        <div>{label.asset.locationText}</div>
        <div>{school}</div>
        <div className="label-scan">{t('labels.scan')}</div>
        <Space className="no-print" size={4}>
          <a href={label.path} target="_blank" rel="noreferrer">
            {t('labels.open')}
          </a>
          {!revoked && (
            <Popconfirm title={t('labels.revokeConfirm')} onConfirm={onRevoke}>
              <a data-testid="label-revoke">{t('labels.revoke')}</a>
            </Popconfirm>
          )}
        </Space>
      </div>
    </div>
  );
}

/** A4: 3 columns × 7 rows of 70 × 42.4 mm (the common label stock); only the sheet is printed. */
const PRINT_CSS = `
.label-sheet { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 8px; }
.label { display: flex; gap: 6px; align-items: center; border: 1px dashed #bbb; padding: 6px; height: 150px; overflow: hidden; break-inside: avoid; }
.label img { width: 110px; height: 110px; flex: none; }
.label-text { font-size: 12px; line-height: 1.35; min-width: 0; }
.label-name { font-weight: 600; font-size: 13px; }
.label-scan { color: #1677ff; }
@media print {
  @page { size: A4; margin: 0; }
  body * { visibility: hidden; }
  .label-sheet, .label-sheet * { visibility: visible; }
  .no-print { display: none !important; }
  .label-sheet { position: absolute; left: 0; top: 0; width: 210mm; display: grid; grid-template-columns: repeat(3, 70mm); grid-auto-rows: 42.4mm; gap: 0; }
  .label { height: 42.4mm; border: none; padding: 2mm; }
  .label img { width: 32mm; height: 32mm; }
  .label-text { font-size: 8pt; }
}
`;
