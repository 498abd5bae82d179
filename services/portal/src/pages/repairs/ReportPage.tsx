import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { Failure, formFailure } from '../../api/formErrors';
import { CATEGORIES, PRIORITIES } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { useCommand } from './useCommand';
import { PhotoUpload, uploadPendingPhotos } from './PhotoUpload';
import { AssetPicker } from './AssetPicker';
import { describeError } from '../../api/errors';

interface Values {
  title: string;
  location: string;
  category: string;
  priority: string;
  description?: string;
  assetId?: string;
}
const FIELDS = ['title', 'location', 'category', 'priority', 'description', 'assetId'];

/**
 * 报修 form. Lengths are left to the service, which counts characters (code points) as the event contracts do;
 * a browser's maxLength counts UTF-16 units and would refuse a name with a rare character (𠮷) too early.
 * The service's 400 names the field, and its message is shown beside it.
 * Photos are chosen and checked in the form and uploaded to facilities once the report is accepted (PhotoUpload).
 */
export default function ReportPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<Failure>();
  const report = useCommand<Values>(() => '/work-orders');

  const submit = async (values: Values) => {
    setFailure(undefined);
    try {
      const accepted = await report.mutateAsync(values);
      message.success(t('report.done'));
      await uploadPendingPhotos(form, accepted.workOrderId).catch((err: unknown) => message.error(t('photo.uploadFailed', { reason: describeError(err, lang).detail ?? describeError(err, lang).title })));
      navigate('/repairs', { state: { position: accepted.position } });
    } catch (err) {
      setFailure(formFailure(err, form, FIELDS, lang));
    }
  };
  const required = (field: string) => [{ required: true, whitespace: true, message: t('report.required', { field }) }];

  return (
    <Card title={t('report.title')} style={{ maxWidth: 720 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} data-testid="report-error" />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ priority: 'normal' }} requiredMark="optional">
          <Form.Item name="title" label={t('report.field.title')} rules={required(t('report.field.title'))}>
            <Input placeholder={t('report.placeholder.title')} data-testid="report-title" />
          </Form.Item>
          <Form.Item name="location" label={t('report.field.location')} rules={required(t('report.field.location'))}>
            <Input placeholder={t('report.placeholder.location')} data-testid="report-location" />
          </Form.Item>
          <Form.Item name="category" label={t('report.field.category')} rules={[{ required: true, message: t('report.required', { field: t('report.field.category') }) }]}>
            <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} data-testid="report-category" />
          </Form.Item>
          <Form.Item name="priority" label={t('report.field.priority')} rules={[{ required: true }]}>
            <Select options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} data-testid="report-priority" />
          </Form.Item>
          <Form.Item name="description" label={t('report.field.description')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="report-description" />
          </Form.Item>
          <Form.Item name="assetId" label={t('report.field.asset')}>
            <AssetPicker />
          </Form.Item>
          <PhotoUpload form={form} />
          <Button type="primary" htmlType="submit" loading={report.isPending} block data-testid="report-submit">
            {t('report.submit')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
