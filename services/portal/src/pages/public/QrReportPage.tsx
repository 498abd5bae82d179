import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Spin, Typography } from 'antd';
import { api, newKey } from '../../api/client';
import { ApiError } from '../../api/errors';
import { Failure, formFailure } from '../../api/formErrors';
import { useI18n } from '../../i18n/I18n';

interface LinkView {
  asset: { name: string; categoryZh?: string; model?: string; locationText: string };
  school: { schoolId: string; name: string };
}
interface Values {
  title: string;
  description?: string;
  reporterName?: string;
  reporterPhone?: string;
}
const FIELDS = ['title', 'description', 'reporterName', 'reporterPhone'] as const;

/**
 * 扫码报修 (/r/:token), outside the login: what the label is on, and a short form for a phone. The report is the
 * school's work order, attributed to the label; a revoked label (410) or a code that is none (404) says so plainly,
 * a rate limit (429) says when to try again.
 */
export default function QrReportPage() {
  const { token = '' } = useParams();
  const { t, lang, setLang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<Failure>();
  const [key, setKey] = useState(newKey);
  const link = useQuery({
    queryKey: ['public-link', token],
    queryFn: ({ signal }) => api<LinkView>('GET', 'facilities', `/public/report-links/${encodeURIComponent(token)}`, { anonymous: true, signal }),
    retry: false,
  });
  const report = useMutation({
    mutationFn: (values: Values) =>
      api<{ workOrderId: string }>('POST', 'facilities', `/public/report-links/${encodeURIComponent(token)}/reports`, { anonymous: true, body: withoutBlanks(values), idempotencyKey: key }),
  });

  const submit = async (values: Values) => {
    setFailure(undefined);
    try {
      await report.mutateAsync(values);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) setFailure({ title: t('qr.limited', { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) }) });
      else setFailure(formFailure(error, form, FIELDS, lang));
    }
  };

  const page = (children: React.ReactNode) => (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 12, minHeight: '100vh', background: '#f5f5f5' }} data-testid="qr-report-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '4px 4px 12px' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('qr.title')}
        </Typography.Title>
        <Button type="link" size="small" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
          {t('app.language')}
        </Button>
      </div>
      {children}
    </div>
  );

  if (link.isLoading) return page(<Spin style={{ display: 'block', margin: 48 }} />);
  if (link.error) {
    const gone = link.error instanceof ApiError && link.error.status === 410;
    const invalid = link.error instanceof ApiError && link.error.status === 404;
    if (gone || invalid) return page(<Result status={gone ? 'warning' : 'error'} title={t(gone ? 'qr.gone' : 'qr.invalid')} subTitle={t(gone ? 'qr.goneDetail' : 'qr.invalidDetail')} data-testid={gone ? 'qr-gone' : 'qr-invalid'} />);
    return page(<Alert type="error" showIcon title={t('qr.invalid')} description={String((link.error as Error).message)} />);
  }
  if (report.data) {
    return page(
      <Result
        status="success"
        title={t('qr.done')}
        subTitle={t('qr.doneDetail', { code: report.data.workOrderId.slice(0, 8).toUpperCase() })}
        extra={
          <Button
            onClick={() => {
              report.reset();
              form.resetFields();
              setKey(newKey());
            }}
          >
            {t('qr.again')}
          </Button>
        }
        data-testid="qr-done"
      />,
    );
  }
  if (!link.data) return page(<Spin style={{ display: 'block', margin: 48 }} />);
  const { asset, school } = link.data;
  return page(
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('qr.asset')}>
            <b data-testid="qr-asset">{asset.name}</b>
            {asset.model ? ` · ${asset.model}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('qr.location')}>{asset.locationText}</Descriptions.Item>
          <Descriptions.Item label={t('qr.school')}>{school.name}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small">
        {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid="qr-failure" />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="title" label={t('qr.form.title')} rules={[{ required: true, whitespace: true, message: t('qr.form.required') }, { max: 100 }]}>
            <Input size="large" placeholder={t('qr.form.titlePlaceholder')} maxLength={100} data-testid="qr-title" />
          </Form.Item>
          <Form.Item name="description" label={t('qr.form.description')} rules={[{ max: 800 }]}>
            <Input.TextArea rows={3} maxLength={800} data-testid="qr-description" />
          </Form.Item>
          <Form.Item name="reporterName" label={t('qr.form.name')} rules={[{ max: 50 }]}>
            <Input maxLength={50} data-testid="qr-name" />
          </Form.Item>
          <Form.Item name="reporterPhone" label={t('qr.form.phone')} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('qr.form.phoneInvalid') }]}>
            <Input inputMode="tel" maxLength={11} data-testid="qr-phone" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={report.isPending} data-testid="qr-submit">
            {t('qr.form.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('qr.noLogin')}
        </Typography.Paragraph>
      </Card>
    </>,
  );
}

const withoutBlanks = (value: object) => Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string' && v.trim() !== '').map(([k, v]) => [k, (v as string).trim()]));
