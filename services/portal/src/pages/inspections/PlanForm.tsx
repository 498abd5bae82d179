import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { Failure, formFailure } from '../../api/formErrors';
import { useI18n } from '../../i18n/I18n';
import { fetchChecklists, INSPECTION_KINDS, InspectionKind, InspectionPlan } from './api';
import { PlanRevision, RevisionFields, revisionFieldsOf, revisionOf } from './planRevision';
import { useInspectionCommand } from './useInspectionCommand';

interface PlanFields {
  name: string;
  kind: InspectionKind;
  location?: string;
  assetCategory?: string;
  assetId?: string;
  intervalSetting?: string;
  /** null once cleared (InputNumber). */
  intervalDays?: number | null;
  responsiblePerson: string;
  /** Edit only: the checklist's rows. */
  checklist?: RevisionFields['checklist'];
}

/** The service's field paths of the plan command, as the form names them (target.* are flattened in the form). */
const FIELDS = ['name', 'kind', 'location', 'assetCategory', 'assetId', 'intervalSetting', 'intervalDays', 'responsiblePerson', 'checklist'];
const serverField = (field: string) => field.replace(/^target\./, '');

/** The form's values for 编辑: the plan as it is (kind, target and responsible person shown, not changed here). */
const editValues = (plan: InspectionPlan): Partial<PlanFields> => ({
  ...revisionFieldsOf(plan),
  kind: plan.kind,
  ...plan.target,
  intervalSetting: plan.intervalSetting,
  responsiblePerson: plan.responsiblePerson,
});

/**
 * 新建检查计划: kind, target, interval setting (from the rule pack) and the kind's standard checklist.
 * With a plan: 编辑 — filled with its values; name, interval and checklist may change, and only what changed is sent
 * (POST /inspection-plans/:id/revise).
 */
export function PlanFormModal({ open, onClose, plan }: { open: boolean; onClose: () => void; plan?: InspectionPlan }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanFields>();
  const [failure, setFailure] = useState<Failure>();
  const kind = Form.useWatch('kind', form);
  const checklists = useQuery({ queryKey: ['inspections', 'checklists'], queryFn: ({ signal }) => fetchChecklists(signal), enabled: open });
  const standard = checklists.data?.find((c) => c.kind === kind);
  const command = useInspectionCommand<object>(() => '/inspection-plans');
  const revise = useInspectionCommand<PlanRevision>(() => `/inspection-plans/${plan?.planId}/revise`);
  const editing = Boolean(plan);
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t('inspections.required', { field: t(key) }) }];

  const submitRevision = async (values: PlanFields) => {
    if (!plan) return;
    setFailure(undefined);
    const revision = revisionOf(plan, values);
    if (Object.keys(revision).length === 0) {
      message.info(t('inspections.unchanged'));
      onClose();
      return;
    }
    try {
      await revise.mutateAsync(revision);
      message.success(t('inspections.revised'));
      onClose();
    } catch (err) {
      setFailure(formFailure(err, form, FIELDS, lang));
    }
  };
  const submit = async ({ location, assetCategory, assetId, ...values }: PlanFields) => {
    setFailure(undefined);
    if (!location && !assetCategory && !assetId) {
      setFailure({ title: t('inspections.targetRequired') });
      return;
    }
    const target = Object.fromEntries(Object.entries({ location, assetCategory, assetId }).filter(([, v]) => v));
    try {
      await command.mutateAsync({ ...values, target });
      message.success(t('inspections.created'));
      form.resetFields();
      onClose();
    } catch (err) {
      const mapped = formFailure(renamed(err), form, FIELDS, lang);
      setFailure(mapped);
    }
  };
  return (
    <Modal
      title={editing ? `${t('inspections.editPlan')} · ${plan?.name ?? ''}` : t('inspections.newPlan')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={command.isPending || revise.isPending}
      destroyOnHidden
      width={640}
    >
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid="inspection-form-error" />}
      {editing && <Alert type="info" showIcon title={t('inspections.revisionNote')} style={{ marginBottom: 12 }} />}
      <Form key={plan?.planId ?? 'new'} form={form} layout="vertical" onFinish={editing ? submitRevision : submit} requiredMark="optional" initialValues={plan ? editValues(plan) : undefined}>
        <Form.Item name="name" label={t('inspections.field.name')} rules={required('inspections.field.name')}>
          <Input maxLength={100} data-testid="plan-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('inspections.field.kind')} rules={[{ required: true, message: t('inspections.required', { field: t('inspections.field.kind') }) }]}>
          <Select
            disabled={editing}
            options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`inspections.kind.${k}`) }))}
            onChange={() => form.setFieldValue('intervalSetting', undefined)}
            data-testid="plan-kind"
          />
        </Form.Item>
        <Form.Item name="location" label={t('inspections.field.location')}>
          <Input maxLength={100} disabled={editing} data-testid="plan-location" />
        </Form.Item>
        <Form.Item name="assetCategory" label={t('inspections.field.assetCategory')}>
          <Input maxLength={40} disabled={editing} />
        </Form.Item>
        <Form.Item name="assetId" label={t('inspections.field.assetId')}>
          <Input maxLength={36} disabled={editing} />
        </Form.Item>
        {standard && standard.intervalSettings.length > 1 && (
          <Form.Item name="intervalSetting" label={t('inspections.field.intervalSetting')}>
            <Select allowClear disabled={editing} placeholder={t('inspections.setting.default')} options={standard.intervalSettings.map((s) => ({ value: s, label: settingLabel(t, s) }))} />
          </Form.Item>
        )}
        <Form.Item name="intervalDays" label={t(editing ? 'inspections.field.intervalDaysEdit' : 'inspections.field.intervalDays')}>
          <InputNumber min={1} max={366} precision={0} style={{ width: '100%' }} data-testid="plan-interval" />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t('inspections.field.responsiblePerson')} rules={required('inspections.field.responsiblePerson')}>
          <Input maxLength={64} disabled={editing} data-testid="plan-responsible" />
        </Form.Item>
        {editing && <ChecklistEditor />}
        {!editing && standard && (
          <Card size="small" title={t('inspections.checklist')} data-testid="plan-checklist">
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              {standard.checklist.map((i) => (
                <li key={i.itemId}>{lang === 'en' && i.text ? i.text : i.textZh}</li>
              ))}
            </ol>
          </Card>
        )}
      </Form>
    </Modal>
  );
}

/** 编辑检查表: each item's Chinese text (and optional English); an item kept keeps its id, a new one gets the next. */
function ChecklistEditor() {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('inspections.checklist.edit')} data-testid="plan-checklist-editor">
      <Form.List name="checklist" rules={[{ validator: async (_, rows?: unknown[]) => (rows?.length ? undefined : Promise.reject(new Error(t('inspections.checklist.atLeastOne')))) }]}>
        {(rows, { add, remove }, { errors }) => (
          <>
            {rows.map(({ key, name }, i) => (
              <Space key={key} align="start" style={{ display: 'flex' }}>
                <span style={{ lineHeight: '32px' }}>{i + 1}.</span>
                <Form.Item name={[name, 'itemId']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item name={[name, 'textZh']} rules={[{ required: true, whitespace: true, message: t('inspections.required', { field: t('inspections.checklist.itemZh') }) }]} style={{ marginBottom: 8 }}>
                  <Input maxLength={200} placeholder={t('inspections.checklist.itemZh')} style={{ width: 260 }} data-testid="plan-checklist-item" />
                </Form.Item>
                <Form.Item name={[name, 'text']} style={{ marginBottom: 8 }}>
                  <Input maxLength={200} placeholder={t('inspections.checklist.itemEn')} style={{ width: 180 }} />
                </Form.Item>
                <Button type="link" danger onClick={() => remove(name)}>
                  {t('inspections.checklist.remove')}
                </Button>
              </Space>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" onClick={() => add({})} block data-testid="plan-checklist-add">
              {t('inspections.checklist.addItem')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

/** A 400's field names for the form: `target.location` is the form's `location`. */
function renamed(err: unknown): unknown {
  const body = (err as { body?: { errors?: { field: string }[] } }).body;
  body?.errors?.forEach((e) => (e.field = serverField(e.field)));
  return err;
}

function settingLabel(t: ReturnType<typeof useI18n>['t'], setting: string): string {
  const key = `inspections.setting.${setting}` as Parameters<typeof t>[0];
  return t(key);
}

/** 停用计划 with its reason. */
export function RetirePlanModal({ plan, onClose }: { plan?: InspectionPlan; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [failure, setFailure] = useState<Failure>();
  const command = useInspectionCommand<{ reason: string }>(() => `/inspection-plans/${plan?.planId}/retire`);
  const submit = async (values: { reason: string }) => {
    try {
      await command.mutateAsync(values);
      message.success(t('inspections.retired.done'));
      onClose();
    } catch (err) {
      setFailure(formFailure(err, form, ['reason'], lang));
    }
  };
  return (
    <Modal title={`${t('inspections.retire')} · ${plan?.name ?? ''}`} open={Boolean(plan)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={command.isPending} destroyOnHidden>
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('inspections.retireReason')} rules={[{ required: true, whitespace: true, message: t('inspections.required', { field: t('inspections.retireReason') }) }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
