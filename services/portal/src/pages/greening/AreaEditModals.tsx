import { useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { Failure, formFailure } from '../../api/formErrors';
import { useSession } from '../../auth/useSession';
import { useI18n } from '../../i18n/I18n';
import { AREA_PATTERN, GreenArea, Trees, useGreeningCommand } from './api';
import { countChange, needsAdmin, removeBody, resizeBody, treeCountBody } from './areaEdits';

/** Each modal closes with the command's position (read-your-writes on the next read), or nothing when cancelled. */
type Close = (position?: string) => void;

const ModalAlert = ({ failure, testId }: { failure?: Failure; testId: string }) =>
  failure ? <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid={testId} /> : null;

interface ResizeValues {
  areaM2: string;
  reason: string;
}

/** 面积变更 (school admin): the new m² with its reason. */
export function ResizeArea({ area, onClose }: { area: Pick<GreenArea, 'greenAreaId' | 'name' | 'areaM2'>; onClose: Close }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<ResizeValues>();
  const [failure, setFailure] = useState<Failure>();
  const resize = useGreeningCommand<ResizeValues>(() => `/green-areas/${area.greenAreaId}/resize`, resizeBody);
  const submit = async (values: ResizeValues) => {
    setFailure(undefined);
    try {
      onClose((await resize.mutateAsync(values)).position);
    } catch (err) {
      setFailure(formFailure(err, form, ['areaM2', 'reason'], lang));
    }
  };
  return (
    <Modal open title={t('green.resizeTitle', { name: area.name, area: area.areaM2 })} onCancel={() => onClose()} onOk={() => form.submit()} confirmLoading={resize.isPending} okButtonProps={{ 'data-testid': 'resize-ok' } as never}>
      <ModalAlert failure={failure} testId="resize-error" />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ areaM2: area.areaM2 }}>
        <Form.Item name="areaM2" label={t('green.newArea')} rules={[{ required: true }, { pattern: AREA_PATTERN, message: t('green.areaFormat') }]}>
          <Input size="large" inputMode="decimal" suffix="m²" data-testid="resize-area" />
        </Form.Item>
        <Form.Item name="reason" label={t('green.reason')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} data-testid="resize-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 撤销绿地 (school admin): with its reason; the history stays. */
export function RemoveArea({ area, onClose }: { area: Pick<GreenArea, 'greenAreaId' | 'name'>; onClose: Close }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [failure, setFailure] = useState<Failure>();
  const remove = useGreeningCommand<{ reason: string }>(() => `/green-areas/${area.greenAreaId}/remove`, removeBody);
  const submit = async (values: { reason: string }) => {
    setFailure(undefined);
    try {
      onClose((await remove.mutateAsync(values)).position);
    } catch (err) {
      setFailure(formFailure(err, form, ['reason'], lang));
    }
  };
  return (
    <Modal open title={t('green.removeTitle', { name: area.name })} onCancel={() => onClose()} onOk={() => form.submit()} confirmLoading={remove.isPending} okText={t('green.remove')} okButtonProps={{ danger: true, 'data-testid': 'remove-ok' } as never}>
      <ModalAlert failure={failure} testId="remove-error" />
      <Typography.Paragraph type="warning">{t('green.removeWarning')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('green.removeReason')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} data-testid="remove-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CountValues {
  count: number;
  reason: string;
}

/** 株数变更: trees planted, died or felled; fewer 古树名木 only by a school admin (the form warns, the service decides). */
export function ChangeTreeCount({ areaId, trees, onClose }: { areaId: string; trees: Trees; onClose: Close }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const [form] = Form.useForm<CountValues>();
  const [failure, setFailure] = useState<Failure>();
  const count = Form.useWatch('count', form);
  const change = useGreeningCommand<CountValues>(() => `/green-areas/${areaId}/tree-counts`, (v) => treeCountBody(trees.treeId, v));
  const submit = async (values: CountValues) => {
    setFailure(undefined);
    try {
      onClose((await change.mutateAsync(values)).position);
    } catch (err) {
      setFailure(formFailure(err, form, ['count', 'reason'], lang));
    }
  };
  const delta = countChange(trees, count);
  const help = needsAdmin(trees, count, session?.account.role)
    ? <Typography.Text type="warning">{t('green.notableNeedsAdmin')}</Typography.Text>
    : delta === 'more' ? t('green.countMore', { n: Number(count) - trees.count }) : delta === 'fewer' ? t('green.countFewer', { n: trees.count - Number(count) }) : undefined;
  return (
    <Modal open title={t('green.countTitle', { species: trees.speciesZh, count: trees.count })} onCancel={() => onClose()} onOk={() => form.submit()} confirmLoading={change.isPending} okButtonProps={{ 'data-testid': 'count-ok' } as never}>
      <ModalAlert failure={failure} testId="count-error" />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ count: trees.count }}>
        <Form.Item name="count" label={t('green.newCount')} extra={help} rules={[{ required: true }]}>
          <InputNumber size="large" min={0} max={100_000} precision={0} inputMode="numeric" style={{ width: '100%' }} data-testid="count-input" />
        </Form.Item>
        <Form.Item name="reason" label={t('green.reason')} extra={t('green.countReasonHelp')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} data-testid="count-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
