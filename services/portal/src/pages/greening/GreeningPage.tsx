import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Drawer, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorView } from '../../api/ErrorView';
import { Failure, formFailure } from '../../api/formErrors';
import { useSession } from '../../auth/useSession';
import { downloadXlsx } from '../../components/excel';
import { useFormat, useI18n } from '../../i18n/I18n';
import { AREA_KINDS, AREA_PATTERN, AreaKind, Care, CARE_KINDS, CareKind, fetchArea, fetchAreas, fetchCare, GreenArea, Trees, useGreeningCommand } from './api';
import { ChangeTreeCount, RemoveArea, ResizeArea } from './AreaEditModals';

const day = (d?: Dayjs | null) => d?.format('YYYY-MM-DD');
const beijing = (value?: Dayjs | null) => (value ? `${value.format('YYYY-MM-DDTHH:mm:ss')}+08:00` : undefined);

/** 绿化档案: green areas (resize or remove one; trees, their counts and care in a drawer) and the care records of a period, with Excel export. */
export default function GreeningPage() {
  const { t } = useI18n();
  return (
    <Card title={t('nav.greening')}>
      <Tabs items={[
        { key: 'areas', label: t('green.tab.areas'), children: <Areas /> },
        { key: 'care', label: t('green.tab.care'), children: <CareRecords /> },
      ]} />
    </Card>
  );
}

function Areas() {
  const { t } = useI18n();
  const f = useFormat();
  const session = useSession();
  const [kind, setKind] = useState<AreaKind>();
  const [consistentWith, setConsistentWith] = useState<string>();
  const [open, setOpen] = useState<string>();
  const [registering, setRegistering] = useState(false);
  const [editing, setEditing] = useState<{ kind: 'resize' | 'remove'; area: GreenArea }>();
  const isAdmin = session?.account.role === 'school-admin';
  const areas = useQuery({ queryKey: ['greening', 'areas', kind, consistentWith], queryFn: ({ signal }) => fetchAreas({ kind, consistentWith }, signal) });
  if (areas.error) return <ErrorView error={areas.error} retry={() => void areas.refetch()} />;
  const exportAreas = () =>
    downloadXlsx(`${t('green.tab.areas')}.xlsx`, t('green.tab.areas'), [
      { header: t('green.col.name'), value: (a: GreenArea) => a.name },
      { header: t('green.col.kind'), value: (a) => t(`green.kind.${a.kind}`) },
      { header: t('green.col.location'), value: (a) => a.location },
      { header: t('green.col.area'), value: (a) => a.areaM2 },
      { header: t('green.col.trees'), value: (a) => a.trees },
      { header: t('green.col.notable'), value: (a) => a.notableTrees },
      { header: t('green.col.careCount'), value: (a) => a.careCount },
    ], areas.data?.items ?? []);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('green.col.kind')} style={{ width: 140 }} value={kind} onChange={setKind} options={AREA_KINDS.map((k) => ({ value: k, label: t(`green.kind.${k}`) }))} />
        <Button onClick={() => void exportAreas()} data-testid="green-export-areas">{t('green.export')}</Button>
        {isAdmin && <Button type="primary" onClick={() => setRegistering(true)} data-testid="green-register">{t('green.register')}</Button>}
      </Space>
      <Table<GreenArea>
        rowKey="greenAreaId"
        loading={areas.isLoading}
        dataSource={areas.data?.items}
        pagination={false}
        scroll={{ x: true }}
        onRow={(a) => ({ onClick: () => setOpen(a.greenAreaId), style: { cursor: 'pointer' } })}
        data-testid="green-areas"
        columns={[
          { title: t('green.col.name'), dataIndex: 'name', render: (name: string, a) => <Space>{name}{a.status === 'removed' && <Tag>{t('green.removed')}</Tag>}</Space> },
          { title: t('green.col.kind'), dataIndex: 'kind', render: (k: AreaKind) => t(`green.kind.${k}`) },
          { title: t('green.col.area'), dataIndex: 'areaM2' },
          { title: t('green.col.trees'), dataIndex: 'trees' },
          { title: t('green.col.notable'), dataIndex: 'notableTrees', render: (n: number) => (n > 0 ? <Tag color="gold">{n}</Tag> : 0) },
          { title: t('green.col.lastCare'), dataIndex: 'lastCare', render: (c?: GreenArea['lastCare']) => (c ? `${t(`green.care.${c.kind}`)} ${f.dateTime(c.caredAt)}` : '—') },
          { title: t('green.col.closedUntil'), dataIndex: 'closedUntil', render: (at?: string) => (at && at > new Date().toISOString() ? <Tag color="red">{f.dateTime(at)}</Tag> : '—') },
          ...(isAdmin
            ? [{
                title: t('green.actions'),
                key: 'actions',
                render: (_: unknown, a: GreenArea) =>
                  a.status === 'active' && (
                    // The row opens the drawer: a button here is its own action.
                    <Space size={4} onClick={(e) => e.stopPropagation()}>
                      <Button size="small" onClick={() => setEditing({ kind: 'resize', area: a })} data-testid="green-resize">{t('green.resize')}</Button>
                      <Button size="small" danger onClick={() => setEditing({ kind: 'remove', area: a })} data-testid="green-remove">{t('green.remove')}</Button>
                    </Space>
                  ),
              }]
            : []),
        ]}
      />
      {open && <AreaDrawer id={open} onClose={() => setOpen(undefined)} onPosition={setConsistentWith} />}
      {editing?.kind === 'resize' && <ResizeArea area={editing.area} onClose={(position) => (setEditing(undefined), position && setConsistentWith(position))} />}
      {editing?.kind === 'remove' && <RemoveArea area={editing.area} onClose={(position) => (setEditing(undefined), position && setConsistentWith(position))} />}
      {registering && <RegisterArea onClose={(position) => (setRegistering(false), position && setConsistentWith(position))} />}
    </>
  );
}

function RegisterArea({ onClose }: { onClose: (position?: string) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ name: string; location: string; areaM2: string; kind: AreaKind }>();
  const [failure, setFailure] = useState<Failure>();
  const register = useGreeningCommand<{ name: string; location: string; areaM2: string; kind: AreaKind }>(() => '/green-areas');
  const submit = async (values: { name: string; location: string; areaM2: string; kind: AreaKind }) => {
    setFailure(undefined);
    try {
      onClose((await register.mutateAsync(values)).position);
    } catch (err) {
      setFailure(formFailure(err, form, ['name', 'location', 'areaM2', 'kind'], lang));
    }
  };
  return (
    <Modal open title={t('green.register')} onCancel={() => onClose()} onOk={() => form.submit()} confirmLoading={register.isPending}>
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('green.col.name')} rules={[{ required: true, max: 50 }]}><Input /></Form.Item>
        <Form.Item name="location" label={t('green.col.location')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="areaM2" label={t('green.col.area')} rules={[{ required: true }, { pattern: AREA_PATTERN, message: t('green.areaFormat') }]}><Input inputMode="decimal" suffix="m²" /></Form.Item>
        <Form.Item name="kind" label={t('green.col.kind')} rules={[{ required: true }]}>
          <Select options={AREA_KINDS.map((k) => ({ value: k, label: t(`green.kind.${k}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CareValues {
  kind: CareKind;
  treeId?: string;
  performedBy: string;
  note?: string;
  pesticideName?: string;
  safetyIntervalDays?: string;
  occurredAt?: Dayjs;
}

/** onPosition: a command's position, for the list's next read too (a count change moves its trees column). */
function AreaDrawer({ id, onClose, onPosition }: { id: string; onClose: () => void; onPosition: (position: string) => void }) {
  const { t, lang } = useI18n();
  const f = useFormat();
  const session = useSession();
  const [consistentWith, setConsistentWith] = useState<string>();
  const [counting, setCounting] = useState<Trees>();
  const isSchool = session?.account.role === 'school-staff' || session?.account.role === 'school-admin';
  const area = useQuery({ queryKey: ['greening', 'area', id, consistentWith], queryFn: ({ signal }) => fetchArea(id, consistentWith, signal) });
  const [form] = Form.useForm<CareValues>();
  const [treeForm] = Form.useForm<Omit<Trees, 'treeId'>>();
  const [failure, setFailure] = useState<Failure>();
  const kind = Form.useWatch('kind', form);
  const care = useGreeningCommand<CareValues>(() => `/green-areas/${id}/care`, ({ pesticideName, safetyIntervalDays, occurredAt, ...v }) => ({
    ...v,
    occurredAt: beijing(occurredAt),
    ...(v.kind === 'pest-control' ? { pesticide: { name: pesticideName, safetyIntervalDays: Number(safetyIntervalDays) } } : {}),
  }));
  const trees = useGreeningCommand<Omit<Trees, 'treeId'>>(() => `/green-areas/${id}/trees`, (v) => ({ ...v, count: Number(v.count), notable: Boolean(v.notable) }));
  const record = async (values: CareValues) => {
    setFailure(undefined);
    try {
      setConsistentWith((await care.mutateAsync(values)).position);
      form.resetFields();
    } catch (err) {
      setFailure(formFailure(err, form, ['kind', 'treeId', 'performedBy', 'note', 'occurredAt'], lang));
    }
  };
  const addTrees = async (values: Omit<Trees, 'treeId'>) => {
    setFailure(undefined);
    try {
      setConsistentWith((await trees.mutateAsync(values)).position);
      treeForm.resetFields();
    } catch (err) {
      setFailure(formFailure(err, treeForm, ['species', 'speciesZh', 'count', 'location', 'plantedOn'], lang));
    }
  };
  const a = area.data;
  return (
    <Drawer open size={Math.min(720, window.innerWidth)} title={a ? `${a.name} · ${a.areaM2} m²` : ''} onClose={onClose}>
      {area.error && <ErrorView error={area.error} retry={() => void area.refetch()} />}
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid="green-error" />}
      <Table<Trees> size="small" rowKey="treeId" pagination={false} dataSource={a?.trees} scroll={{ x: true }} columns={[
        { title: t('green.col.species'), dataIndex: 'speciesZh', render: (zh: string, tr) => <Space>{zh}<i>{tr.species}</i>{tr.notable && <Tag color="gold">{t('green.notable')}</Tag>}</Space> },
        { title: t('green.col.count'), dataIndex: 'count' },
        { title: t('green.col.location'), dataIndex: 'location' },
        { title: t('green.col.plantedOn'), dataIndex: 'plantedOn' },
        ...(isSchool && a?.status === 'active'
          ? [{ title: t('green.actions'), key: 'actions', render: (_: unknown, tr: Trees) => <Button size="small" onClick={() => setCounting(tr)} data-testid="tree-count">{t('green.changeCount')}</Button> }]
          : []),
      ]} />
      {counting && (
        <ChangeTreeCount
          areaId={id}
          trees={counting}
          onClose={(position) => {
            setCounting(undefined);
            if (position) {
              setConsistentWith(position);
              onPosition(position);
            }
          }}
        />
      )}
      <Form form={treeForm} layout="inline" onFinish={addTrees} style={{ margin: '12px 0' }}>
        <Form.Item name="speciesZh" rules={[{ required: true }]}><Input placeholder={t('green.col.species')} style={{ width: 100 }} /></Form.Item>
        <Form.Item name="species" rules={[{ required: true }]}><Input placeholder={t('green.col.latin')} style={{ width: 130 }} /></Form.Item>
        <Form.Item name="count" rules={[{ required: true }]}><Input inputMode="numeric" placeholder={t('green.col.count')} style={{ width: 70 }} /></Form.Item>
        <Form.Item name="location" rules={[{ required: true }]}><Input placeholder={t('green.col.location')} style={{ width: 110 }} /></Form.Item>
        <Form.Item name="plantedOn"><Input placeholder="YYYY-MM-DD" style={{ width: 110 }} /></Form.Item>
        <Form.Item name="notable" valuePropName="checked" label={t('green.notable')}><Switch size="small" /></Form.Item>
        <Button htmlType="submit" loading={trees.isPending}>{t('green.addTrees')}</Button>
      </Form>
      <Form form={form} layout="vertical" onFinish={record} initialValues={{ kind: 'watering' }}>
        <Space wrap align="start">
          <Form.Item name="kind" label={t('green.col.careKind')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={CARE_KINDS.map((k) => ({ value: k, label: t(`green.care.${k}`) }))} data-testid="care-kind" />
          </Form.Item>
          <Form.Item name="treeId" label={t('green.col.species')}>
            <Select allowClear style={{ width: 140 }} options={(a?.trees ?? []).map((tr) => ({ value: tr.treeId, label: tr.speciesZh }))} />
          </Form.Item>
          <Form.Item name="performedBy" label={t('green.col.performedBy')} rules={[{ required: true, max: 64 }]}><Input data-testid="care-by" /></Form.Item>
          {kind === 'pest-control' && (
            <>
              <Form.Item name="pesticideName" label={t('green.pesticide')} rules={[{ required: true, max: 80 }]}><Input data-testid="care-pesticide" /></Form.Item>
              <Form.Item name="safetyIntervalDays" label={t('green.safetyInterval')} rules={[{ required: true, pattern: /^([1-9]|[1-9]\d|[12]\d\d|3[0-5]\d|36[0-5])$/ }]}><Input inputMode="numeric" suffix={t('green.days')} style={{ width: 110 }} /></Form.Item>
            </>
          )}
          <Form.Item name="note" label={t('green.col.note')}><Input /></Form.Item>
          <Form.Item name="occurredAt" label={t('green.occurredAt')}><DatePicker showTime /></Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={care.isPending} data-testid="care-submit">{t('green.recordCare')}</Button>
      </Form>
      <CareTable rows={a?.care ?? []} f={f} />
    </Drawer>
  );
}

function CareTable({ rows, f }: { rows: Care[]; f: ReturnType<typeof useFormat> }) {
  const { t } = useI18n();
  return (
    <Table<Care> size="small" rowKey="careId" style={{ marginTop: 12 }} dataSource={rows} pagination={{ pageSize: 20 }} scroll={{ x: true }} columns={[
      { title: t('green.col.caredAt'), dataIndex: 'caredAt', render: (at: string, c) => <Space>{f.dateTime(at)}{c.late && <Tag color="orange">{t('green.late')}</Tag>}</Space> },
      ...(rows.some((r) => r.areaName) ? [{ title: t('green.col.name'), dataIndex: 'areaName' }] : []),
      { title: t('green.col.careKind'), dataIndex: 'kind', render: (k: CareKind) => t(`green.care.${k}`) },
      { title: t('green.col.performedBy'), dataIndex: 'performedBy' },
      { title: t('green.pesticide'), dataIndex: 'pesticide', render: (p?: Care['pesticide']) => (p ? `${p.name}（${p.safetyIntervalDays}${t('green.days')}）` : '—') },
      { title: t('green.col.note'), dataIndex: 'note' },
    ]} />
  );
}

function CareRecords() {
  const { t } = useI18n();
  const f = useFormat();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [kind, setKind] = useState<CareKind>();
  const query = { from: day(range?.[0]), to: day(range?.[1]), kind };
  const care = useQuery({ queryKey: ['greening', 'care', query], queryFn: ({ signal }) => fetchCare(query, signal) });
  if (care.error) return <ErrorView error={care.error} retry={() => void care.refetch()} />;
  const exportCare = () =>
    downloadXlsx(`${t('green.tab.care')}.xlsx`, t('green.tab.care'), [
      { header: t('green.col.caredAt'), value: (c: Care) => f.dateTime(c.caredAt), width: 20 },
      { header: t('green.col.name'), value: (c) => c.areaName ?? null },
      { header: t('green.col.careKind'), value: (c) => t(`green.care.${c.kind}`) },
      { header: t('green.col.performedBy'), value: (c) => c.performedBy },
      { header: t('green.pesticide'), value: (c) => c.pesticide?.name ?? null },
      { header: t('green.safetyInterval'), value: (c) => c.pesticide?.safetyIntervalDays ?? null },
      { header: t('green.col.note'), value: (c) => c.note ?? null, width: 30 },
      { header: t('green.late'), value: (c) => (c.late ? t('green.late') : '') },
    ], care.data?.items ?? []);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} />
        <Select allowClear placeholder={t('green.col.careKind')} style={{ width: 140 }} value={kind} onChange={setKind} options={CARE_KINDS.map((k) => ({ value: k, label: t(`green.care.${k}`) }))} />
        <Button onClick={() => void exportCare()} data-testid="green-export-care">{t('green.export')}</Button>
      </Space>
      <CareTable rows={care.data?.items ?? []} f={f} />
    </>
  );
}
