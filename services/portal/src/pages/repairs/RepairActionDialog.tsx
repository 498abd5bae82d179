import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Rate, Space, Typography } from 'antd';
import { Failure, formFailure } from '../../api/formErrors';
import { WorkOrder } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { fenToYuan, yuanToFen } from './money';
import { RepairAction } from './repairActions';
import { useCommand } from './useCommand';

/** The body's fields of each action, as the service names them in a 400 (shown beside the form's fields). */
const FIELDS: Record<RepairAction, string[]> = {
  dispatch: ['technicianId', 'technicianName', 'company', 'contact', 'phone'],
  start: [],
  costs: ['labourFen', 'parts'],
  complete: ['note'],
  verify: ['rating', 'comment'],
  reject: ['reason'],
};
const PHONE = /^[0-9+\- ]{5,20}$/;

interface CostValues {
  parts?: { name: string; quantity: number; unitPrice: string }[];
  labour: string;
}

/** The costs form in yuan, the command in whole fen (converted from the text, never through a float). */
const costBody = (v: CostValues) => ({
  parts: (v.parts ?? []).map((p) => ({ name: p.name, quantity: p.quantity, unitPriceFen: yuanToFen(p.unitPrice) })),
  labourFen: yuanToFen(v.labour),
});
/** Only the chosen kind's fields (the other kind's stay in the form when the user switches). */
const dispatchBody = ({ kind, technicianId, technicianName, company, contact, phone }: Record<string, unknown>) =>
  kind === 'contractor' ? { company, contact, phone } : { technicianId, technicianName };
/** POST /work-orders/:id/<action>; 派工 is /dispatch/technician or /dispatch/contractor, by the kind chosen. */
const pathOf = (order: WorkOrder, action: RepairAction, kind: string | undefined) =>
  `/work-orders/${order.workOrderId}/${action === 'dispatch' ? `dispatch/${kind === 'contractor' ? 'contractor' : 'technician'}` : action}`;
const bodyOf = (action: RepairAction, values: Record<string, unknown>) =>
  action === 'costs' ? costBody(values as unknown as CostValues) : action === 'dispatch' ? dispatchBody(values) : values;
const costValues = (costs: WorkOrder['costs']): CostValues =>
  costs
    ? { parts: costs.parts.map((p) => ({ name: p.name, quantity: p.quantity, unitPrice: fenToYuan(p.unitPriceFen) })), labour: fenToYuan(costs.labourFen) }
    : { parts: [], labour: '0' };

export function RepairActionDialog({ action, order, onClose, lang }: { action: RepairAction; order: WorkOrder; onClose(): void; lang: 'zh-CN' | 'en' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [failure, setFailure] = useState<Failure>();
  const kind = Form.useWatch('kind', form) as string | undefined;
  const command = useCommand<Record<string, unknown>>(() => pathOf(order, action, kind), order.version);

  const submit = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    setFailure(undefined);
    try {
      await command.mutateAsync(bodyOf(action, values));
      message.success(t('action.done'));
      onClose();
    } catch (err) {
      setFailure(formFailure(err, form, FIELDS[action], lang));
    }
  };
  const required = (field: string) => [{ required: true, whitespace: true, message: t('dispatch.required', { field }) }];
  const yuan = [{ required: true, message: t('costs.yuanInvalid') }, { validator: (_: unknown, v: string) => (v === undefined || yuanToFen(String(v)) !== undefined ? Promise.resolve() : Promise.reject(new Error(t('costs.yuanInvalid')))) }];
  const initial = action === 'verify' ? { rating: 5 } : action === 'dispatch' ? { kind: 'technician' } : action === 'costs' ? costValues(order.costs) : {};
  const title = t(action === 'reject' ? 'action.reopen' : `action.${action}`);

  return (
    <Modal open title={title} onOk={() => void submit()} onCancel={onClose} okText={t('action.ok')} cancelText={t('action.cancel')} confirmLoading={command.isPending} okButtonProps={{ 'data-testid': 'action-ok' } as Record<string, string>} width={action === 'costs' ? 720 : undefined}>
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form form={form} layout="vertical" initialValues={initial}>
        {action === 'dispatch' && (
          <>
            <Form.Item name="kind" label={t('dispatch.kind')}>
              <Radio.Group
                options={[
                  { value: 'technician', label: t('dispatch.technician') },
                  { value: 'contractor', label: t('dispatch.contractor') },
                ]}
                data-testid="dispatch-kind"
              />
            </Form.Item>
            {kind !== 'contractor' ? (
              <>
                <Form.Item name="technicianId" label={t('dispatch.technicianId')} rules={required(t('dispatch.technicianId'))}>
                  <Input data-testid="dispatch-technician-id" />
                </Form.Item>
                <Form.Item name="technicianName" label={t('dispatch.technicianName')} rules={required(t('dispatch.technicianName'))}>
                  <Input data-testid="dispatch-technician-name" />
                </Form.Item>
              </>
            ) : (
              <>
                <Form.Item name="company" label={t('dispatch.company')} rules={required(t('dispatch.company'))}>
                  <Input data-testid="dispatch-company" />
                </Form.Item>
                <Form.Item name="contact" label={t('dispatch.contact')} rules={required(t('dispatch.contact'))}>
                  <Input data-testid="dispatch-contact" />
                </Form.Item>
                <Form.Item name="phone" label={t('dispatch.phone')} rules={[...required(t('dispatch.phone')), { pattern: PHONE, message: t('dispatch.phoneInvalid') }]}>
                  <Input inputMode="tel" data-testid="dispatch-phone" />
                </Form.Item>
              </>
            )}
          </>
        )}
        {action === 'start' && <Typography.Paragraph>{t('start.confirm')}</Typography.Paragraph>}
        {action === 'costs' && (
          <>
            <Form.List name="parts">
              {(items, { add, remove }) => (
                <>
                  {items.map(({ key, name }) => (
                    <Space key={key} wrap align="baseline" data-testid="cost-part">
                      <Form.Item name={[name, 'name']} rules={required(t('costs.part'))}>
                        <Input placeholder={t('costs.part')} data-testid="cost-part-name" />
                      </Form.Item>
                      <Form.Item name={[name, 'quantity']} rules={[{ required: true, message: t('dispatch.required', { field: t('costs.quantity') }) }]}>
                        <InputNumber min={1} max={10000} precision={0} placeholder={t('costs.quantity')} data-testid="cost-part-quantity" />
                      </Form.Item>
                      <Form.Item name={[name, 'unitPrice']} rules={yuan}>
                        <Input placeholder={t('costs.unitPrice')} inputMode="decimal" data-testid="cost-part-price" />
                      </Form.Item>
                      <Button onClick={() => remove(name)}>−</Button>
                    </Space>
                  ))}
                  <Button type="dashed" onClick={() => add({ quantity: 1 })} block style={{ marginBottom: 12 }} data-testid="cost-add-part">
                    {t('costs.addPart')}
                  </Button>
                </>
              )}
            </Form.List>
            <Form.Item name="labour" label={t('costs.labour')} rules={yuan} extra={t('costs.hint')}>
              <Input inputMode="decimal" data-testid="cost-labour" />
            </Form.Item>
          </>
        )}
        {action === 'complete' && (
          <Form.Item name="note" label={t('action.note')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="action-note" />
          </Form.Item>
        )}
        {action === 'verify' && (
          <>
            <Form.Item name="rating" label={t('action.rating')} rules={[{ required: true }]}>
              <Rate data-testid="action-rating" />
            </Form.Item>
            <Form.Item name="comment" label={t('action.comment')} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
        {action === 'reject' && (
          <Form.Item name="reason" label={t('reopen.reason')} rules={[{ required: true, whitespace: true, message: t('action.reasonRequired') }, { max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="action-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
