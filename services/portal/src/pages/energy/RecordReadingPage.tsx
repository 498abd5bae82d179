import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError, serverMessage } from '../../api/errors';
import { ErrorView } from '../../api/ErrorView';
import { Failure, formFailure } from '../../api/formErrors';
import { useFormat, useI18n } from '../../i18n/I18n';
import { fetchMeter, fetchMeters, READING_PATTERN } from './api';
import { beijingInstant, useEnergyCommand } from './useEnergyCommand';

/** The field a domain refusal of a reading concerns. */
const FIELD_OF_REFUSAL: Record<string, keyof Values> = { 'reading-below-last': 'reading', 'reading-out-of-order': 'occurredAt' };

interface Values {
  meterId: string;
  reading: string;
  occurredAt?: Dayjs;
}

/**
 * 抄表 on a phone: pick the meter (its last reading shown under the field), type the reading, send. A refusal
 * (lower than the last, out of order) is shown beside the field it concerns; a flagged jump as a warning after.
 */
export default function RecordReadingPage() {
  const { t, lang } = useI18n();
  const f = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<Failure>();
  const [warning, setWarning] = useState<string>();
  const meterId = Form.useWatch('meterId', form);
  const meters = useQuery({ queryKey: ['energy', 'meters'], queryFn: ({ signal }) => fetchMeters(signal) });
  const meter = meters.data?.find((m) => m.meterId === meterId);
  const record = useEnergyCommand<{ meterId: string; reading: string; occurredAt?: string }>((v) => `/meters/${v.meterId}/readings`, ['meterId']);

  const submit = async ({ meterId, reading, occurredAt }: Values) => {
    setFailure(undefined);
    setWarning(undefined);
    try {
      const accepted = await record.mutateAsync({ meterId, reading, occurredAt: beijingInstant(occurredAt) });
      const detail = await fetchMeter(meterId);
      const period = detail.periods.find((p) => p.readingId === accepted.readingId);
      message.success(t('energy.recorded', { value: period?.consumption ?? '—', unit: detail.unit }));
      if (period?.flagged) setWarning(t('energy.jumpWarning', { daily: period.daily, baseline: period.baselineDaily ?? '—', unit: detail.unit }));
      form.setFieldsValue({ reading: '', occurredAt: undefined });
      void meters.refetch();
    } catch (err) {
      if (!refusedBesideField(err)) setFailure(formFailure(err, form, ['reading', 'occurredAt', 'meterId'], lang));
    }
  };

  /** A domain refusal (422) about the reading or its time goes beside that field, as a 400 would. */
  function refusedBesideField(err: unknown): boolean {
    const field = err instanceof ApiError && err.status === 422 ? FIELD_OF_REFUSAL[err.code ?? ''] : undefined;
    if (!field) return false;
    form.setFields([{ name: field, errors: [serverMessage((err as ApiError).body, lang) ?? (err as Error).message] }]);
    return true;
  }

  if (meters.error) return <ErrorView error={meters.error} retry={() => void meters.refetch()} />;
  return (
    <Card title={t('nav.energyReading')} style={{ maxWidth: 520 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} data-testid="reading-error" />}
        {warning && <Alert type="warning" showIcon title={t('energy.flagged')} description={warning} data-testid="reading-jump" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
          <Form.Item name="meterId" label={t('energy.field.meter')} rules={[{ required: true, message: t('energy.required', { field: t('energy.field.meter') }) }]}
            extra={meter ? <span data-testid="reading-last">{t('energy.lastReading', { value: meter.lastReading, unit: meter.unit, time: f.dateTime(meter.lastReadAt) })}</span> : undefined}>
            <Select
              size="large"
              loading={meters.isLoading}
              notFoundContent={t('energy.noMeters')}
              options={(meters.data ?? []).map((m) => ({ value: m.meterId, label: `${m.building} · ${t(`energy.kind.${m.kind}`)}` }))}
              data-testid="reading-meter"
            />
          </Form.Item>
          <Form.Item name="reading" label={t('energy.field.reading')} rules={[{ required: true, message: t('energy.required', { field: t('energy.field.reading') }) }, { pattern: READING_PATTERN, message: t('energy.readingFormat') }]}>
            <Input size="large" inputMode="decimal" suffix={<span>{meter?.unit ?? ''}</span>} autoComplete="off" data-testid="reading-value" />
          </Form.Item>
          <Form.Item name="occurredAt" label={t('energy.field.occurredAt')}>
            <DatePicker showTime size="large" style={{ width: '100%' }} data-testid="reading-time" />
          </Form.Item>
          <Button type="primary" size="large" htmlType="submit" loading={record.isPending} block data-testid="reading-submit">
            {t('energy.record')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
