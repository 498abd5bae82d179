import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Grid, Input, Modal, Row, Segmented, Space, Statistic, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { get, newKey, post } from '../../api/client';
import { describeError } from '../../api/errors';
import { ErrorView } from '../../api/ErrorView';
import { useSession } from '../../auth/useSession';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { AssetLocation, locationText } from './assetLedger';
import { assetCode } from './LabelsPage';

type Finding = 'found' | 'missing' | 'damaged';
interface Expected {
  assetId: string;
  name: string;
  serialNumber?: string;
  location: AssetLocation;
  ledgerStatus: string;
}
interface Difference {
  kind: 'missing' | 'damaged' | 'found-again' | 'found-elsewhere' | 'not-in-ledger';
  assetId?: string;
  name: string;
  note?: string;
}
interface Stocktake {
  stocktakeId: string;
  status: 'open' | 'closed';
  title: string;
  location: AssetLocation;
  expected: Expected[];
  marks: Record<string, { finding: Finding; note?: string }>;
  unlisted: { entryId: string; assetId?: string; name: string; foundLocation: AssetLocation; note?: string }[];
  summary?: Record<'expected' | 'found' | 'missing' | 'damaged' | 'unmarkedCountedMissing' | 'foundElsewhere' | 'notInLedger', number>;
  differences?: Difference[];
  version: number;
}
interface Applied {
  assetId: string;
  name: string;
  kind: Difference['kind'];
  outcome: 'recorded' | 'unchanged' | 'refused';
}

/** A test id on an antd button given through props (its type has no data-* index). */
const testId = (id: string) => ({ 'data-testid': id }) as Record<string, string>;
const ROW: React.CSSProperties = { padding: '8px 0', borderBottom: '1px solid #f0f0f0' };
const FINDING_COLOR: Record<Finding, string> = { found: 'green', missing: 'red', damaged: 'orange' };

/**
 * 盘点 on a phone: every listed asset with three buttons (在位 / 盘亏 / 损坏, damage with a note), a search, what was
 * found but not listed, and closing (the differences recorded on each asset; unmarked ones counted missing only if
 * the closer says so). A closed stocktake shows its summary and differences.
 */
export default function StocktakePage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const phone = !Grid.useBreakpoint().md;
  const [q, setQ] = useState('');
  const [damage, setDamage] = useState<Expected>();
  const [note, setNote] = useState('');
  const [closing, setClosing] = useState(false);
  const [unmarkedAsMissing, setUnmarkedAsMissing] = useState(false);
  const [applied, setApplied] = useState<Applied[]>();
  const [unlistedForm] = Form.useForm<{ assetCode?: string; description?: string; room?: string }>();
  const stocktake = useQuery({ queryKey: ['stocktake', id], queryFn: ({ signal }) => get<Stocktake>('facilities', `/stocktakes/${id}`, undefined, signal) });
  const s = stocktake.data;
  const admin = session?.account.role === 'school-admin';

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (s?.expected ?? []).filter((a) => !needle || a.name.toLowerCase().includes(needle) || (a.serialNumber ?? '').toLowerCase().includes(needle) || assetCode(a.assetId).toLowerCase().includes(needle));
  }, [s, q]);
  const unmarked = (s?.expected ?? []).filter((a) => !s?.marks[a.assetId]).length;

  const send = async (path: string, body: object) => {
    try {
      await post('facilities', path, body, { idempotencyKey: newKey() });
      await stocktake.refetch();
      return true;
    } catch (error) {
      const { title, detail } = describeError(error, lang);
      message.error([title, detail].filter(Boolean).join('：'));
      return false;
    }
  };
  const mark = (asset: Expected, finding: Finding) => {
    if (finding === 'damaged') {
      setNote(s?.marks[asset.assetId]?.note ?? '');
      return setDamage(asset);
    }
    void send(`/stocktakes/${id}/items/${asset.assetId}`, { finding });
  };
  const addUnlisted = async (v: { assetCode?: string; description?: string; room?: string }) => {
    const code = v.assetCode?.trim();
    // A whole id, or the 8-character number printed on the label, of an asset the ledger list knows.
    const assetId = code && code.length > 8 ? code : code ? await findAssetByCode(code) : undefined;
    if (code && !assetId) return message.error(t('stocktake.unlistedAsset'));
    const body = Object.fromEntries(Object.entries({ assetId, description: v.description?.trim(), room: v.room?.trim() }).filter(([, x]) => x));
    if (await send(`/stocktakes/${id}/unlisted`, body)) unlistedForm.resetFields();
  };
  const close = async () => {
    try {
      const answer = await post<{ applied: Applied[] }>('facilities', `/stocktakes/${id}/close`, { unmarkedAsMissing }, { idempotencyKey: newKey() });
      setApplied(answer.applied);
      setClosing(false);
      await stocktake.refetch();
    } catch (error) {
      const { title, detail } = describeError(error, lang);
      message.error([title, detail].filter(Boolean).join('：'));
    }
  };

  if (stocktake.error) return <ErrorView error={stocktake.error} retry={() => void stocktake.refetch()} page />;
  if (!s) return <Card loading />;
  const open = s.status === 'open';
  const summary = s.summary;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="stocktake-page">
      <Card
        size="small"
        title={s.title}
        extra={<Tag color={open ? 'processing' : 'default'} data-testid="stocktake-status">{t(`stocktake.status.${s.status}`)}</Tag>}
      >
        <Typography.Text type="secondary">{locationText(s.location)}</Typography.Text>
        <div>{t('stocktake.progress', { marked: s.expected.length - unmarked, expected: s.expected.length })}</div>
      </Card>

      {summary && (
        <Card size="small" title={t('stocktake.summary')} data-testid="stocktake-summary">
          <Row gutter={8}>
            {(['expected', 'found', 'missing', 'damaged', 'foundElsewhere', 'notInLedger'] as const).map((k) => (
              <Col xs={8} md={4} key={k}>
                <Statistic title={t(`stocktake.sum.${k}` as MessageKey)} value={summary[k]} />
              </Col>
            ))}
          </Row>
          {(s.differences ?? []).map((d, i) => {
            const outcome = applied?.find((a) => a.assetId === d.assetId && a.kind === d.kind)?.outcome;
            return (
              <div key={i} style={ROW} data-testid="stocktake-difference">
                <Space wrap>
                  <Tag>{t(`stocktake.diff.${d.kind}` as MessageKey)}</Tag>
                  {d.name}
                  {d.note && <Typography.Text type="secondary">{d.note}</Typography.Text>}
                  {outcome && <Typography.Text type={outcome === 'refused' ? 'danger' : 'secondary'}>{t(`stocktake.outcome.${outcome}` as MessageKey)}</Typography.Text>}
                </Space>
              </div>
            );
          })}
        </Card>
      )}

      <Card size="small" title={t('stocktake.title')}>
        <Input.Search allowClear placeholder={t('stocktake.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ marginBottom: 8 }} />
        {shown.length === 0 && <Empty />}
        {shown.map((asset) => {
          const m = s.marks[asset.assetId];
          return (
            <div key={asset.assetId} style={{ ...ROW, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }} data-testid="stocktake-item" data-asset={asset.assetId}>
              <div style={{ minWidth: 0, flex: '1 1 180px' }}>
                <b>{asset.name}</b> <Typography.Text type="secondary">No. {assetCode(asset.assetId)}</Typography.Text>
                <div style={{ fontSize: 12, color: '#888' }}>
                  {locationText(asset.location)}
                  {asset.serialNumber ? ` · ${asset.serialNumber}` : ''}
                  {m?.note ? ` · ${m.note}` : ''}
                </div>
              </div>
              {open ? (
                <Segmented<Finding | ''>
                  size={phone ? 'large' : 'middle'}
                  value={m?.finding ?? ''}
                  onChange={(v) => v && mark(asset, v)}
                  options={(['found', 'missing', 'damaged'] as const).map((f) => ({ value: f, label: <span data-testid={`mark-${f}`}>{t(`stocktake.${f}`)}</span> }))}
                />
              ) : (
                <Tag color={m ? FINDING_COLOR[m.finding] : 'red'}>{m ? t(`stocktake.${m.finding}`) : t('stocktake.unmarked')}</Tag>
              )}
            </div>
          );
        })}
      </Card>

      <Card size="small" title={t('stocktake.unlisted')}>
        {s.unlisted.length === 0 ? (
          <Typography.Text type="secondary">{t('stocktake.unlistedNone')}</Typography.Text>
        ) : (
          <Descriptions column={1} size="small">
            {s.unlisted.map((u) => (
              <Descriptions.Item key={u.entryId} label={u.assetId ? `No. ${assetCode(u.assetId)}` : t('stocktake.diff.not-in-ledger')}>
                {u.name} · {locationText(u.foundLocation)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
        {open && (
          <Form form={unlistedForm} layout={phone ? 'vertical' : 'inline'} onFinish={(v) => void addUnlisted(v)} style={{ marginTop: 8 }}>
            <Form.Item name="assetCode">
              <Input placeholder={t('stocktake.unlistedAsset')} data-testid="unlisted-asset" />
            </Form.Item>
            <Form.Item name="description">
              <Input placeholder={t('stocktake.unlistedDescription')} data-testid="unlisted-description" />
            </Form.Item>
            <Form.Item name="room">
              <Input placeholder={t('stocktake.unlistedRoom')} style={{ width: 110 }} />
            </Form.Item>
            <Button htmlType="submit" data-testid="unlisted-add">
              {t('stocktake.unlistedAdd')}
            </Button>
          </Form>
        )}
      </Card>

      {open && admin && (
        <Button type="primary" danger block size="large" onClick={() => setClosing(true)} data-testid="stocktake-close">
          {t('stocktake.close')}
        </Button>
      )}

      <Modal open={Boolean(damage)} title={`${t('stocktake.damaged')} · ${damage?.name ?? ''}`} onCancel={() => setDamage(undefined)} okButtonProps={{ disabled: !note.trim(), ...testId('damage-ok') }}
        onOk={async () => {
          if (damage && (await send(`/stocktakes/${id}/items/${damage.assetId}`, { finding: 'damaged', note: note.trim() }))) setDamage(undefined);
        }}
      >
        <Input.TextArea rows={3} maxLength={500} placeholder={t('stocktake.damageNote')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="damage-note" />
      </Modal>

      <Modal open={closing} title={t('stocktake.closeTitle')} onCancel={() => setClosing(false)} onOk={() => void close()} okButtonProps={{ disabled: unmarked > 0 && !unmarkedAsMissing, ...testId('close-ok') }}>
        <Alert type="info" showIcon title={t('stocktake.closeHint')} style={{ marginBottom: 12 }} />
        {unmarked > 0 && (
          <Checkbox checked={unmarkedAsMissing} onChange={(e) => setUnmarkedAsMissing(e.target.checked)} data-testid="close-unmarked">
            {t('stocktake.closeUnmarked', { count: unmarked })}
          </Checkbox>
        )}
      </Modal>
    </Space>
  );
}

/** The ledger asset whose number (the first 8 characters of its id, as printed on its label) this is. */
async function findAssetByCode(code: string): Promise<string | undefined> {
  const page = await get<{ items: { assetId: string }[] }>('facilities', '/assets', { limit: 200 });
  return page.items.find((a) => a.assetId.toLowerCase().startsWith(code.toLowerCase()))?.assetId;
}
