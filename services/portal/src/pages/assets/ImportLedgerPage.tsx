import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { Link } from 'react-router-dom';
import { get, newKey, post } from '../../api/client';
import { describeError, fieldMessage } from '../../api/errors';
import { ErrorView } from '../../api/ErrorView';
import { useSession } from '../../auth/useSession';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { downloadFromService } from './ImportLedgerButtons';
import { ASSET_CATEGORY_CODES, categoryKey, FUNDING_SOURCES, yuan } from './assetLedger';

interface Reason {
  field?: string;
  code: string;
  message: string;
  messageZh: string;
}
interface ReportRow {
  row: number;
  name?: string;
  serialNumber?: string;
  status: 'accepted' | 'refused' | 'duplicate';
  assetId?: string;
  alreadyImported?: boolean;
  reasons: Reason[];
}
interface ImportReport {
  fileName: string;
  total: number;
  accepted: number;
  refused: number;
  duplicates: number;
  rows: ReportRow[];
  position?: string;
}
interface Pending {
  pendingAssetId: string;
  receiptId: string;
  unit: number;
  units: number;
  name: string;
  category?: string;
  model?: string;
  unitPriceFen: number;
  supplier: string;
  fundingSource?: string;
  acceptedAt: string;
}

const MAX_BYTES = 2 * 1024 * 1024;
const STATUS_COLOR = { accepted: 'green', refused: 'red', duplicate: 'orange' } as const;

/** Base64 of a file, in the browser (FileReader's data URL without its prefix). */
const base64Of = (file: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/**
 * 台账导入: the template, one .xlsx/.csv at a time, and the service's report row by row (accepted, refused and why
 * per field, duplicates by serial). Below, 待入账: equipment procurement accepted, registered here one unit at a time.
 */
export default function ImportLedgerPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [report, setReport] = useState<ImportReport>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const reasonText = (r: Reason) => fieldMessage({ field: r.field ?? '', constraint: r.code, message: r.message, messageZh: r.messageZh }, lang);

  const upload = async (file: File) => {
    setFailure(undefined);
    if (!/\.(xlsx|csv)$/i.test(file.name)) return setFailure(t('import.wrongType'));
    if (file.size > MAX_BYTES) return setFailure(t('import.tooLarge'));
    setBusy(true);
    try {
      const answer = await post<ImportReport>('facilities', '/assets/imports', { fileName: file.name, contentBase64: await base64Of(file) }, { idempotencyKey: newKey() });
      setReport(answer);
      await client.invalidateQueries({ queryKey: ['assets'] });
    } catch (error) {
      const { title, detail } = describeError(error, lang);
      setFailure([title, detail].filter(Boolean).join('：'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={t('import.title')}
        extra={
          <Button onClick={() => void downloadFromService('/assets/imports/template.xlsx', '校产台账导入模板.xlsx').catch((e: unknown) => message.error(describeError(e, lang).title))} data-testid="import-template">
            {t('import.template')}
          </Button>
        }
        data-testid="import-page"
      >
        <Typography.Paragraph type="secondary">{t('import.hint')}</Typography.Paragraph>
        <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(file) => (void upload(file), false)}>
          <Button type="primary" loading={busy} data-testid="import-choose">
            {t('import.choose')}
          </Button>
        </Upload>
        {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 12 }} data-testid="import-failure" />}
        {report && (
          <div style={{ marginTop: 16 }} data-testid="import-report">
            <Alert type={report.refused + report.duplicates > 0 ? 'warning' : 'success'} showIcon title={`${report.fileName}：${t('import.summary', { total: report.total, accepted: report.accepted, refused: report.refused, duplicates: report.duplicates })}`} style={{ marginBottom: 12 }} />
            <Table<ReportRow>
              rowKey="row"
              size="small"
              dataSource={report.rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: true }}
              columns={[
                { title: t('import.col.row'), dataIndex: 'row', width: 64 },
                { title: t('import.col.name'), dataIndex: 'name', render: (v: string | undefined, r) => (r.assetId && r.status === 'accepted' ? <Link to={`/assets/${r.assetId}`}>{v}</Link> : (v ?? '—')) },
                { title: t('import.col.serial'), dataIndex: 'serialNumber', render: (v?: string) => v ?? '—', responsive: ['md'] },
                {
                  title: t('import.col.status'),
                  dataIndex: 'status',
                  render: (s: ReportRow['status'], r) => (
                    <>
                      <Tag color={STATUS_COLOR[s]}>{t(`import.status.${s}` as MessageKey)}</Tag>
                      {r.alreadyImported && <Typography.Text type="secondary">{t('import.already')}</Typography.Text>}
                    </>
                  ),
                },
                { title: t('import.col.reasons'), key: 'reasons', render: (_: unknown, r) => r.reasons.map((reason, i) => <div key={i}>{reasonText(reason)}</div>) },
              ]}
              data-testid="import-rows"
            />
            <Link to="/assets" state={{ position: report.position }}>
              <Button style={{ marginTop: 12 }}>{t('import.toLedger')}</Button>
            </Link>
          </div>
        )}
      </Card>
      <PendingAssetsCard />
    </Space>
  );
}

function PendingAssetsCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const client = useQueryClient();
  const [open, setOpen] = useState<string>();
  const [form] = Form.useForm();
  const pending = useQuery({ queryKey: ['assets', 'pending'], queryFn: ({ signal }) => get<{ items: Pending[] }>('facilities', '/assets/pending', undefined, signal), enabled: Boolean(session?.account.schoolId) });

  const register = async (item: Pending, values: { building: string; floor?: string; room?: string; serialNumber?: string; category?: string; fundingSource?: string }) => {
    const { building, floor, room, ...rest } = values;
    try {
      await post('facilities', `/assets/pending/${item.pendingAssetId}/register`, stripBlank({ ...rest, location: stripBlank({ building, floor, room }) }), { idempotencyKey: newKey() });
      message.success(t('pending.registered'));
      setOpen(undefined);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['assets'] });
    } catch (error) {
      message.error(describeError(error, lang).title);
    }
  };

  return (
    <Card title={t('pending.title')} id="pending" data-testid="pending-assets">
      {pending.error ? (
        <ErrorView error={pending.error} retry={() => void pending.refetch()} />
      ) : (
        <Table<Pending>
          rowKey="pendingAssetId"
          size="small"
          loading={pending.isLoading}
          dataSource={pending.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('pending.empty') }}
          scroll={{ x: true }}
          expandable={{
            expandedRowKeys: open ? [open] : [],
            showExpandColumn: false,
            expandedRowRender: (item) => (
              <Form form={form} layout="inline" onFinish={(v) => void register(item, v)} initialValues={{ category: item.category, fundingSource: item.fundingSource }}>
                <Form.Item name="building" rules={[{ required: true, message: t('assets.building') }]}>
                  <Input placeholder={t('assets.building')} style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name="floor">
                  <Input placeholder={t('stocktake.floor')} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name="room">
                  <Input placeholder={t('stocktake.room')} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name="serialNumber">
                  <Input placeholder={t('assets.col.serial')} style={{ width: 130 }} />
                </Form.Item>
                {!item.category && (
                  <Form.Item name="category" rules={[{ required: true, message: t('assets.col.category') }]}>
                    <Select placeholder={t('assets.col.category')} style={{ width: 180 }} showSearch optionFilterProp="label" options={ASSET_CATEGORY_CODES.map((c) => ({ value: c, label: `${c} ${t(categoryKey(c))}` }))} />
                  </Form.Item>
                )}
                {!item.fundingSource && (
                  <Form.Item name="fundingSource" rules={[{ required: true, message: t('assets.col.funding') }]}>
                    <Select placeholder={t('assets.col.funding')} style={{ width: 120 }} options={FUNDING_SOURCES.map((f) => ({ value: f, label: t(`assets.funding.${f}` as MessageKey) }))} />
                  </Form.Item>
                )}
                <Button type="primary" htmlType="submit">
                  {t('pending.register')}
                </Button>
              </Form>
            ),
          }}
          columns={[
            { title: t('assets.col.name'), dataIndex: 'name', render: (v: string, p) => `${v}${p.model ? ` · ${p.model}` : ''}` },
            { title: t('pending.receipt'), key: 'unit', render: (_: unknown, p) => t('pending.unit', { unit: p.unit, units: p.units }), responsive: ['md'] },
            { title: t('assets.col.price'), dataIndex: 'unitPriceFen', align: 'right' as const, render: (v: number) => yuan(v) },
            { title: '', key: 'act', render: (_: unknown, p) => <Button size="small" onClick={() => setOpen(open === p.pendingAssetId ? undefined : p.pendingAssetId)}>{t('pending.register')}</Button> },
          ]}
        />
      )}
    </Card>
  );
}

const stripBlank = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));
