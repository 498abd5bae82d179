import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { Failure, formFailure } from '../../api/formErrors';
import { useI18n } from '../../i18n/I18n';
import { Meter, METER_KINDS, Period, READING_PATTERN } from './api';
import { beijingInstant, useEnergyCommand } from './useEnergyCommand';

type Fields = Record<string, string | Dayjs | undefined>;

/** One modal form for a meter command: 400 field messages beside the fields, any other refusal above them. */
function CommandModal({ title, open, onClose, path, fields, done, children }: {
  title: string;
  open: boolean;
  onClose: () => void;
  path: string;
  fields: string[];
  done: string;
  children: React.ReactNode;
}) {
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [failure, setFailure] = useState<Failure>();
  const command = useEnergyCommand<Fields>(() => path);
  const submit = async (values: Fields) => {
    setFailure(undefined);
    try {
      const occurredAt = beijingInstant(values['occurredAt'] as Dayjs | undefined);
      await command.mutateAsync({ ...values, occurredAt });
      message.success(done);
      form.resetFields();
      onClose();
    } catch (err) {
      setFailure(formFailure(err, form, fields, lang));
    }
  };
  return (
    <Modal title={title} open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={command.isPending} destroyOnHidden>
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid="energy-form-error" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        {children}
      </Form>
    </Modal>
  );
}

function useRules() {
  const { t } = useI18n();
  return {
    required: (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t('energy.required', { field: t(key) }) }],
    reading: (key: Parameters<typeof t>[0]) => [{ required: true, message: t('energy.required', { field: t(key) }) }, { pattern: READING_PATTERN, message: t('energy.readingFormat') }],
  };
}

export function InstallMeterModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const rules = useRules();
  return (
    <CommandModal title={t('energy.install')} open={open} onClose={onClose} path="/meters" fields={['building', 'kind', 'serial', 'initialReading', 'occurredAt']} done={t('energy.installed')}>
      <Form.Item name="building" label={t('energy.field.building')} rules={rules.required('energy.field.building')}>
        <Input data-testid="meter-building" />
      </Form.Item>
      <Form.Item name="kind" label={t('energy.field.kind')} rules={[{ required: true, message: t('energy.required', { field: t('energy.field.kind') }) }]}>
        <Select options={METER_KINDS.map((k) => ({ value: k, label: t(`energy.kind.${k}`) }))} data-testid="meter-kind" />
      </Form.Item>
      <Form.Item name="serial" label={t('energy.field.serial')}>
        <Input />
      </Form.Item>
      <Form.Item name="initialReading" label={t('energy.field.initialReading')} rules={rules.reading('energy.field.initialReading')}>
        <Input inputMode="decimal" data-testid="meter-initial" />
      </Form.Item>
      <Form.Item name="occurredAt" label={t('energy.field.occurredAt')}>
        <DatePicker showTime style={{ width: '100%' }} />
      </Form.Item>
    </CommandModal>
  );
}

export function ReplaceMeterModal({ meter, onClose }: { meter?: Meter; onClose: () => void }) {
  const { t } = useI18n();
  const rules = useRules();
  return (
    <CommandModal title={`${t('energy.replace')} · ${meter?.building ?? ''}`} open={Boolean(meter)} onClose={onClose} path={`/meters/${meter?.meterId}/replace`} fields={['finalReading', 'startReading', 'newSerial', 'reason', 'occurredAt']} done={t('energy.replaced')}>
      <Form.Item name="finalReading" label={t('energy.field.finalReading')} rules={rules.reading('energy.field.finalReading')} extra={meter && t('energy.lastReading', { value: meter.lastReading, unit: meter.unit, time: '' })}>
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item name="startReading" label={t('energy.field.startReading')} rules={rules.reading('energy.field.startReading')}>
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item name="newSerial" label={t('energy.field.newSerial')}>
        <Input />
      </Form.Item>
      <Form.Item name="reason" label={t('energy.field.reason')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="occurredAt" label={t('energy.field.occurredAt')}>
        <DatePicker showTime style={{ width: '100%' }} />
      </Form.Item>
    </CommandModal>
  );
}

/** Confirm (the jump is real) or correct (a misread) a flagged reading. */
export function ResolveFlagModal({ target, onClose }: { target?: { meterId: string; period: Period; action: 'confirm' | 'correct' }; onClose: () => void }) {
  const { t } = useI18n();
  const rules = useRules();
  const correct = target?.action === 'correct';
  return (
    <CommandModal
      title={correct ? t('energy.correct') : t('energy.confirm')}
      open={Boolean(target)}
      onClose={onClose}
      path={`/meters/${target?.meterId}/readings/${target?.period.readingId}/${target?.action}`}
      fields={correct ? ['reading', 'reason'] : ['note']}
      done={t('energy.done')}
    >
      {correct ? (
        <>
          <Form.Item name="reading" label={t('energy.field.reading')} rules={rules.reading('energy.field.reading')} extra={target && `${t('energy.col.reading')}: ${target.period.reading}`}>
            <Input inputMode="decimal" data-testid="flag-reading" />
          </Form.Item>
          <Form.Item name="reason" label={t('energy.field.reason')} rules={rules.required('energy.field.reason')}>
            <Input.TextArea rows={2} data-testid="flag-reason" />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="note" label={t('energy.field.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
    </CommandModal>
  );
}
