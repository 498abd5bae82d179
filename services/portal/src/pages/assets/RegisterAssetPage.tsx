import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { Failure, formFailure } from '../../api/formErrors';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { ASSET_CATEGORY_CODES, AssetLocation, categoryKey, fenOf, FUNDING_SOURCES, useAssetCommand, YUAN_PATTERN } from './assetLedger';

interface Values {
  category: string;
  name: string;
  model?: string;
  serialNumber?: string;
  purchaseDate: Dayjs;
  /** Yuan as typed; sent as integer fen. */
  priceFen: string;
  supplier?: string;
  fundingSource: string;
  location: AssetLocation;
  custodian?: string;
  warrantyEndsOn?: Dayjs;
  usefulLifeYears?: number;
}
const FIELDS = ['category', 'name', 'model', 'serialNumber', 'purchaseDate', 'priceFen', 'supplier', 'fundingSource', 'location', 'custodian', 'warrantyEndsOn', 'usefulLifeYears'];
const day = (d?: Dayjs) => d?.format('YYYY-MM-DD');

/** 资产入账登记. Lengths and rules are the service's: its 400 names the field and the message is shown beside it. */
export default function RegisterAssetPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<Failure>();
  const register = useAssetCommand<object>(() => '/assets');

  const submit = async (v: Values) => {
    setFailure(undefined);
    try {
      const accepted = await register.mutateAsync({
        ...v,
        purchaseDate: day(v.purchaseDate),
        warrantyEndsOn: day(v.warrantyEndsOn),
        priceFen: fenOf(v.priceFen),
        location: Object.fromEntries(Object.entries(v.location).filter(([, x]) => x)),
      });
      message.success(t('assets.register.done'));
      navigate('/assets', { state: { position: accepted.position } });
    } catch (err) {
      setFailure(formFailure(err, form, FIELDS, lang));
    }
  };
  const label = (key: string) => t(`assets.field.${key}` as MessageKey);
  const required = (key: string) => [{ required: true, whitespace: true, message: t('assets.required', { field: label(key) }) }];
  const half = { xs: 24, md: 12 };

  return (
    <Card title={t('assets.register.title')} style={{ maxWidth: 860 }} data-testid="register-asset-page">
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid="asset-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ fundingSource: 'fiscal' }} requiredMark="optional">
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="category" label={label('category')} rules={[{ required: true, message: t('assets.required', { field: label('category') }) }]}>
              <Select showSearch optionFilterProp="label" options={ASSET_CATEGORY_CODES.map((c) => ({ value: c, label: `${c} ${t(categoryKey(c))}` }))} data-testid="asset-category" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="name" label={label('name')} rules={required('name')}>
              <Input data-testid="asset-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="model" label={label('model')}>
              <Input data-testid="asset-model" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="serialNumber" label={label('serialNumber')}>
              <Input data-testid="asset-serial" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="purchaseDate" label={label('purchaseDate')} rules={[{ required: true, message: t('assets.required', { field: label('purchaseDate') }) }]}>
              <DatePicker style={{ width: '100%' }} data-testid="asset-purchase-date" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="priceFen" label={label('price')} rules={[...required('price'), { pattern: YUAN_PATTERN, message: t('assets.priceInvalid') }]}>
              <Input inputMode="decimal" prefix="¥" data-testid="asset-price" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="fundingSource" label={label('fundingSource')} rules={[{ required: true }]}>
              <Select options={FUNDING_SOURCES.map((f) => ({ value: f, label: t(`assets.funding.${f}` as MessageKey) }))} data-testid="asset-funding" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="supplier" label={label('supplier')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['location', 'building']} label={label('building')} rules={required('building')}>
              <Input data-testid="asset-building" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name={['location', 'floor']} label={label('floor')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name={['location', 'room']} label={label('room')}>
              <Input data-testid="asset-room" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="custodian" label={label('custodian')}>
              <Input data-testid="asset-custodian" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="warrantyEndsOn" label={label('warrantyEndsOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="usefulLifeYears" label={label('usefulLifeYears')} extra={t('assets.field.lifeHint')}>
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={register.isPending} block data-testid="asset-submit">
          {t('assets.register.submit')}
        </Button>
      </Form>
    </Card>
  );
}
