import { ReactNode, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Statistic, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { ErrorView } from '../../api/ErrorView';
import { Failure, formFailure } from '../../api/formErrors';
import { useSession } from '../../auth/useSession';
import { useFormat, useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { Asset, AssetDetail, BUREAU_THRESHOLD_FEN, categoryKey, DISPOSAL_METHODS, fenOf, fetchAsset, locationText, useAssetCommand, yuan, YUAN_PATTERN } from './assetLedger';
import { LedgerStatusTag } from './AssetsPage';

type FieldKind = 'text' | 'textarea' | 'date' | 'yuan' | 'method' | 'check';
interface Field {
  name: string;
  label: MessageKey;
  kind: FieldKind;
  required?: boolean;
}
export interface Action {
  key: string;
  label: MessageKey;
  path: string;
  fields: Field[];
  danger?: boolean;
}

export const ASSET_ACTIONS = {
  move: { key: 'move', label: 'assets.action.move', path: 'move', fields: [{ name: 'building', label: 'assets.field.building', kind: 'text', required: true }, { name: 'floor', label: 'assets.field.floor', kind: 'text' }, { name: 'room', label: 'assets.field.room', kind: 'text' }, { name: 'custodian', label: 'assets.field.custodian', kind: 'text' }] },
  lend: { key: 'lend', label: 'assets.action.lend', path: 'lend', fields: [{ name: 'borrower', label: 'assets.field.borrower', kind: 'text', required: true }, { name: 'dueBackOn', label: 'assets.field.dueBackOn', kind: 'date', required: true }] },
  giveBack: { key: 'return', label: 'assets.action.return', path: 'return', fields: [] },
  maintain: { key: 'maintenance', label: 'assets.action.maintain', path: 'maintenance', fields: [{ name: 'what', label: 'assets.field.what', kind: 'textarea', required: true }, { name: 'costFen', label: 'assets.field.cost', kind: 'yuan', required: true }, { name: 'performedBy', label: 'assets.field.performedBy', kind: 'text', required: true }, { name: 'damageRepaired', label: 'assets.field.damageRepaired', kind: 'check' }] },
  request: { key: 'disposal', label: 'assets.action.requestDisposal', path: 'disposal', danger: true, fields: [{ name: 'method', label: 'assets.field.method', kind: 'method', required: true }, { name: 'reason', label: 'assets.field.reason', kind: 'textarea', required: true }] },
  approve: { key: 'approve', label: 'assets.action.approve', path: 'disposal/approve', fields: [{ name: 'comment', label: 'assets.field.comment', kind: 'textarea' }] },
  reject: { key: 'reject', label: 'assets.action.reject', path: 'disposal/reject', danger: true, fields: [{ name: 'reason', label: 'assets.field.reason', kind: 'textarea', required: true }] },
  dispose: { key: 'dispose', label: 'assets.action.dispose', path: 'dispose', danger: true, fields: [{ name: 'residualValueFen', label: 'assets.field.residual', kind: 'yuan', required: true }, { name: 'disposedOn', label: 'assets.field.disposedOn', kind: 'date', required: true }] },
} satisfies Record<string, Action>;
const A = ASSET_ACTIONS;

/** What the viewer may do with the asset now: the services decide again; this only offers. */
export function actionsFor(asset: AssetDetail, role?: string): Action[] {
  if (asset.status === 'disposed' || !role) return [];
  const school = role === 'school-staff' || role === 'school-admin';
  const stage = asset.disposal?.stage;
  const out: Action[] = [];
  if (school && asset.status === 'in-use') out.push(A.move);
  if (school && asset.status === 'in-use' && !asset.damage && !stage) out.push(A.lend);
  if (school && asset.status === 'lent') out.push(A.giveBack);
  if (school) out.push(A.maintain);
  if (role === 'school-admin' && !stage && asset.status !== 'lent') out.push(A.request);
  if ((role === 'school-admin' && stage === 'requested') || (role === 'bureau-official' && stage === 'awaiting-bureau')) out.push(A.approve, A.reject);
  if (role === 'school-admin' && stage === 'approved') out.push(A.dispose);
  return out;
}

/** One command form in a modal; a 400's messages beside the fields. */
export function ActionModal({ asset, action, onClose }: { asset: Asset; action: Action; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [failure, setFailure] = useState<Failure>();
  const command = useAssetCommand<Record<string, unknown>>(() => `/assets/${asset.assetId}/${action.path}`);
  const submit = async (values: Record<string, unknown>) => {
    setFailure(undefined);
    const body: Record<string, unknown> = {};
    for (const f of action.fields) {
      const v = values[f.name];
      body[f.name] = f.kind === 'date' ? (v as Dayjs | undefined)?.format('YYYY-MM-DD') : f.kind === 'yuan' && typeof v === 'string' ? fenOf(v) : v;
    }
    const sent = action.key === 'move' ? { location: { building: body['building'], floor: body['floor'] || undefined, room: body['room'] || undefined }, custodian: body['custodian'] } : body;
    try {
      await command.mutateAsync(sent);
      message.success(t('assets.action.done'));
      onClose();
    } catch (err) {
      setFailure(formFailure(err, form, action.fields.map((f) => f.name), lang));
    }
  };
  const input = (f: Field): ReactNode => {
    const testId = `asset-field-${f.name}`;
    if (f.kind === 'textarea') return <Input.TextArea rows={3} data-testid={testId} />;
    if (f.kind === 'date') return <DatePicker style={{ width: '100%' }} data-testid={testId} />;
    if (f.kind === 'yuan') return <Input prefix="¥" inputMode="decimal" data-testid={testId} />;
    if (f.kind === 'method') return <Select options={DISPOSAL_METHODS.map((m) => ({ value: m, label: t(`assets.method.${m}` as MessageKey) }))} data-testid={testId} />;
    if (f.kind === 'check') return <Checkbox data-testid={testId}>{t(f.label)}</Checkbox>;
    return <Input data-testid={testId} />;
  };
  const threshold = yuan(BUREAU_THRESHOLD_FEN);
  return (
    <Modal open title={t(action.label)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={command.isPending} okButtonProps={{ danger: action.danger, ...({ 'data-testid': 'asset-action-ok' } as Record<`data-${string}`, string>) }} destroyOnHidden>
      {action.key === 'disposal' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(asset.priceFen >= BUREAU_THRESHOLD_FEN ? 'assets.disposal.bureauRequired' : 'assets.disposal.schoolOnly', { threshold })} />
      )}
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        {action.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.kind === 'check' ? undefined : t(f.label)}
            valuePropName={f.kind === 'check' ? 'checked' : 'value'}
            rules={[...(f.required ? [{ required: true, message: t('assets.required', { field: t(f.label) }) }] : []), ...(f.kind === 'yuan' ? [{ pattern: YUAN_PATTERN, message: t('assets.priceInvalid') }] : [])]}
          >
            {input(f)}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** 资产详情: the asset, its depreciation (today and on a chosen day), the actions of the viewer's role, and its history. */
export default function AssetDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const f = useFormat();
  const session = useSession();
  const [at, setAt] = useState<string>();
  const [action, setAction] = useState<Action>();
  const detail = useQuery({ queryKey: ['assets', 'detail', id, at], queryFn: ({ signal }) => fetchAsset(id, at, signal) });
  if (detail.error) return <ErrorView error={detail.error} retry={() => void detail.refetch()} />;
  const a = detail.data;
  if (!a) return <Card loading />;
  const value = a.bookValueToday;
  const actions = actionsFor(a, session?.account.role);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="asset-detail">
      <Card
        title={
          <Space wrap>
            {a.name}
            <LedgerStatusTag status={a.ledgerStatus} />
          </Space>
        }
        extra={
          <Space wrap>
            {actions.map((x) => (
              <Button key={x.key} danger={x.danger} onClick={() => setAction(x)} data-testid={`asset-action-${x.key}`}>
                {t(x.label)}
              </Button>
            ))}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('assets.col.category')}>{`${a.category} ${t(categoryKey(a.category))}`}</Descriptions.Item>
          <Descriptions.Item label={t('assets.col.model')}>{a.model ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('assets.col.serial')}>{a.serialNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('assets.col.location')}>{locationText(a.location)}</Descriptions.Item>
          <Descriptions.Item label={t('assets.col.custodian')}>{a.custodian ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('assets.col.funding')}>{t(`assets.funding.${a.fundingSource}` as MessageKey)}</Descriptions.Item>
          <Descriptions.Item label={t('assets.col.purchaseDate')}>{a.purchaseDate}</Descriptions.Item>
          <Descriptions.Item label={t('assets.col.price')}>{yuan(a.priceFen)}</Descriptions.Item>
          <Descriptions.Item label={t('assets.field.warrantyEndsOn')}>{a.warrantyEndsOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('assets.col.school')}>{a.schoolId}</Descriptions.Item>
          {a.loan && <Descriptions.Item label={t('assets.status.lent')}>{t('assets.detail.loan', { borrower: a.loan.borrower, due: a.loan.dueBackOn })}</Descriptions.Item>}
          {a.damage && <Descriptions.Item label={t('assets.status.damaged')}>{t('assets.detail.damage', { note: a.damage.note })}</Descriptions.Item>}
          {a.disposal && (
            <Descriptions.Item label={t('assets.status.disposal-requested')}>
              <span data-testid="asset-disposal-stage">{`${t(`assets.stage.${a.disposal.stage}` as MessageKey)} · ${t(`assets.method.${a.disposal.method}` as MessageKey)} · ${a.disposal.reason}`}</span>
            </Descriptions.Item>
          )}
          {a.disposedOn && <Descriptions.Item label={t('assets.status.disposed')}>{`${a.disposedOn} · ${t('assets.field.residual')} ${yuan(a.residualValueFen)}`}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('assets.detail.depreciation')} size="small" data-testid="asset-depreciation">
        {a.usefulLifeYears ? (
          <Space wrap size="large">
            <Statistic title={t('assets.col.life')} value={a.usefulLifeYears} suffix={t('assets.years')} />
            <Statistic title={t('assets.detail.monthsCharged')} value={value.monthsCharged} />
            <Statistic title={t('assets.detail.accumulated')} value={yuan(value.accumulatedFen)} />
            <Statistic title={t('assets.detail.netToday')} value={yuan(value.netBookValueFen)} data-testid="asset-net-today" />
            <Space orientation="vertical" size={4}>
              <Typography.Text type="secondary">{t('assets.detail.netAt')}</Typography.Text>
              <DatePicker onChange={(d) => setAt(d ? d.format('YYYY-MM-DD') : undefined)} data-testid="asset-net-at" />
              {a.bookValueAt && <Typography.Text strong>{`${a.bookValueAt.on}: ¥${yuan(a.bookValueAt.netBookValueFen)}`}</Typography.Text>}
            </Space>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('assets.detail.notDepreciated')}</Typography.Text>
        )}
      </Card>
      <Card title={t('assets.detail.history')} size="small">
        <Timeline
          items={a.history.map((h) => ({
            key: h.version,
            content: (
              <div data-testid="asset-history-item">
                <Typography.Text strong>{t(`assets.event.${h.type}` as MessageKey)}</Typography.Text>
                <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                  {f.dateTime(h.occurredAt)} · {h.actor.name ?? h.actor.id}
                  {typeof h.data['reason'] === 'string' ? ` · ${h.data['reason']}` : ''}
                  {typeof h.data['what'] === 'string' ? ` · ${h.data['what']}` : ''}
                  {h.type === 'AssetMoved' ? ` · ${locationText(h.data['location'] as AssetDetail['location'])}` : ''}
                </div>
              </div>
            ),
          }))}
        />
      </Card>
      {action && <ActionModal asset={a} action={action} onClose={() => setAction(undefined)} />}
    </Space>
  );
}
