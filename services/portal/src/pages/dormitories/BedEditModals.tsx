import { useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Failure, formFailure } from '../../api/formErrors';
import { useI18n } from '../../i18n/I18n';
import { Bed, Building, Room, useDormitoryCommand } from './api';
import { BedChoice, BedRef, capacityBody, freeBeds, lowestCapacity, MAX_BEDS_PER_ROOM, moveBody, otherOccupants, renameFields, swapBody } from './bedEdits';

type T = ReturnType<typeof useI18n>['t'];

/** Who lies in the bed, as the page shows it: name and the masked number. */
const occupantLabel = (t: T, bed: Pick<Bed, 'studentName' | 'studentNumber'>) => `${bed.studentName ?? t('dorm.taken')}${bed.studentNumber ? `（${bed.studentNumber}）` : ''}`;
const bedLabel = (t: T, ref: BedRef) => t('dorm.roomBed', { room: ref.roomNumber, bed: ref.bed });
const option = (t: T, c: BedChoice) => ({ value: c.key, label: c.studentName || c.studentNumber ? `${bedLabel(t, c.ref)} · ${occupantLabel(t, c)}` : bedLabel(t, c.ref) });

const ModalAlert = ({ failure, testId }: { failure?: Failure; testId: string }) =>
  failure ? <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid={testId} /> : null;

interface PickValues {
  target: string;
  occurredAt?: Dayjs;
}

/** What differs between 调宿 and 调换床位: the route, the beds offered, the body, the service's field for the picked bed, the texts. */
const PICKS = {
  move: {
    route: 'moves',
    offered: freeBeds,
    body: moveBody,
    serviceField: 'to',
    text: { title: 'dorm.moveTitle', ok: 'dorm.move', label: 'dorm.moveTo', required: 'dorm.pickBed', none: 'dorm.noFreeBed', help: undefined },
    testId: { ok: 'move-ok', error: 'move-error', none: 'move-none', select: 'move-to' },
  },
  swap: {
    route: 'swaps',
    offered: otherOccupants,
    body: swapBody,
    serviceField: 'second',
    text: { title: 'dorm.swapTitle', ok: 'dorm.swap', label: 'dorm.swapWith', required: 'dorm.pickStudent', none: 'dorm.noOtherStudent', help: 'dorm.swapHelp' },
    testId: { ok: 'swap-ok', error: 'swap-error', none: 'swap-none', select: 'swap-with' },
  },
} as const;

/**
 * 调宿 (the bed's student to a free bed of the building) or 调换床位 (with another student of the building): the other
 * bed is picked from what the grid shows, by bed and name, never by a typed student number (the page has it masked).
 */
export function PickBed({ kind, building, from, bed, onClose }: { kind: keyof typeof PICKS; building: Building; from: BedRef; bed: Bed; onClose: () => void }) {
  const { t, lang } = useI18n();
  const pick = PICKS[kind];
  const [form] = Form.useForm<PickValues>();
  const [failure, setFailure] = useState<Failure>();
  const command = useDormitoryCommand<PickValues>(() => `/dormitories/${building.buildingId}/${pick.route}`, (v) => pick.body(from, v));
  const choices = pick.offered(building, from);
  const submit = async (values: PickValues) => {
    setFailure(undefined);
    try {
      await command.mutateAsync(values);
      onClose();
    } catch (err) {
      setFailure(formFailure(renameFields(err, { [pick.serviceField]: 'target' }), form, ['target', 'occurredAt'], lang));
    }
  };
  return (
    <Modal open title={t(pick.text.title, { who: occupantLabel(t, bed), from: bedLabel(t, from) })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={command.isPending} okText={t(pick.text.ok)} okButtonProps={{ disabled: choices.length === 0, 'data-testid': pick.testId.ok } as never}>
      <ModalAlert failure={failure} testId={pick.testId.error} />
      {choices.length === 0 && <Typography.Paragraph type="secondary" data-testid={pick.testId.none}>{t(pick.text.none)}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="target" label={t(pick.text.label)} extra={pick.text.help && t(pick.text.help)} rules={[{ required: true, message: t(pick.text.required) }]}>
          <Select size="large" showSearch={{ optionFilterProp: 'label' }} style={{ width: '100%' }} options={choices.map((c) => option(t, c))} data-testid={pick.testId.select} />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('dorm.editAt')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CapacityValues {
  capacity: number;
  reason: string;
}

/** 变更床位数 (school admin): never below the highest occupied bed, which the form says before the service does. */
export function ChangeCapacity({ buildingId, room, onClose }: { buildingId: string; room: Room; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<CapacityValues>();
  const [failure, setFailure] = useState<Failure>();
  const change = useDormitoryCommand<CapacityValues>(() => `/dormitories/${buildingId}/room-capacity`, (v) => capacityBody(room.roomNumber, v));
  const lowest = lowestCapacity(room);
  const submit = async (values: CapacityValues) => {
    setFailure(undefined);
    try {
      await change.mutateAsync(values);
      onClose();
    } catch (err) {
      setFailure(formFailure(err, form, ['capacity', 'reason'], lang));
    }
  };
  return (
    <Modal open title={t('dorm.capacityTitle', { room: room.roomNumber })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={change.isPending} okButtonProps={{ 'data-testid': 'capacity-ok' } as never}>
      <ModalAlert failure={failure} testId="capacity-error" />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ capacity: room.capacity }}>
        <Form.Item
          name="capacity"
          label={t('dorm.col.beds')}
          extra={room.occupied > 0 ? t('dorm.capacityHelp', { lowest }) : undefined}
          rules={[{ required: true }, { type: 'number', min: lowest, max: MAX_BEDS_PER_ROOM, message: t('dorm.capacityRange', { lowest, max: MAX_BEDS_PER_ROOM }) }]}
        >
          <InputNumber size="large" min={1} max={MAX_BEDS_PER_ROOM} precision={0} inputMode="numeric" style={{ width: '100%' }} data-testid="capacity-input" />
        </Form.Item>
        <Form.Item name="reason" label={t('dorm.reason')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} data-testid="capacity-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
