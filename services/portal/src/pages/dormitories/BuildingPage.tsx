import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Radio, Row, Space, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useParams } from 'react-router-dom';
import { ErrorView } from '../../api/ErrorView';
import { Failure, formFailure } from '../../api/formErrors';
import { useSession } from '../../auth/useSession';
import { hasPost } from '../../auth/posts';
import { downloadXlsx } from '../../components/excel';
import { useFormat, useI18n } from '../../i18n/I18n';
import { Bed, Building, CHECK_ITEMS, CheckItem, fetchBuilding, occupancyColour, Room, STUDENT_NUMBER_PATTERN, useDormitoryCommand } from './api';
import { ChangeCapacity, PickBed } from './BedEditModals';
import { beijing } from './bedEdits';

/** 宿舍楼: rooms → beds grid coloured by occupancy; assign a free bed, move a student out, to another bed or swap two, check a room, change its beds, export the bed list. */
export default function BuildingPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const f = useFormat();
  const session = useSession();
  const building = useQuery({ queryKey: ['dormitories', 'building', id], queryFn: ({ signal }) => fetchBuilding(id, signal) });
  const [assigning, setAssigning] = useState<{ room: Room; bed: number }>();
  const [checking, setChecking] = useState<Room>();
  const [editing, setEditing] = useState<{ kind: 'move' | 'swap'; room: Room; bed: Bed }>();
  const [resizing, setResizing] = useState<Room>();
  const [addingRoom, setAddingRoom] = useState(false);
  const isSchool = session?.account.role === 'school-staff' || session?.account.role === 'school-admin';
  // Rooms, capacities and beds are the 宿舍管理员's (or the school admin's): the service refuses anyone else (403).
  const managesBeds = hasPost(session, 'dormitory-manager');

  if (building.error) return <ErrorView error={building.error} retry={() => void building.refetch()} />;
  const b = building.data;
  return (
    <Card
      loading={building.isLoading}
      title={b ? `${b.name} · ${t(`dorm.gender.${b.gender}`)}` : t('nav.dormitories')}
      extra={
        b && (
          <Space wrap>
            <Typography.Text data-testid="dorm-occupancy">{t('dorm.summary', { occupied: b.occupied, beds: b.beds, share: f.percent(b.occupancy) })}</Typography.Text>
            <Button onClick={() => void exportBeds(b, t)} data-testid="dorm-export">{t('dorm.export')}</Button>
            {managesBeds && <Button onClick={() => setAddingRoom(true)} data-testid="dorm-add-room">{t('dorm.addRoom')}</Button>}
          </Space>
        )
      }
    >
      <Row gutter={[12, 12]}>
        {b?.rooms.map((room) => (
          <Col key={room.roomNumber} xs={24} sm={12} lg={8} xl={6}>
            <Card
              size="small"
              title={`${room.roomNumber}（${t('dorm.floor', { floor: room.floor })}）`}
              extra={
                isSchool && (
                  <Space size={4}>
                    {managesBeds && <Button size="small" onClick={() => setResizing(room)} data-testid={`dorm-capacity-${room.roomNumber}`}>{t('dorm.capacity')}</Button>}
                    <Button size="small" onClick={() => setChecking(room)} data-testid={`dorm-check-${room.roomNumber}`}>{t('dorm.check')}</Button>
                  </Space>
                )
              }
              style={{ borderTop: `3px solid ${occupancyColour(room.capacity ? room.occupied / room.capacity : null)}` }}
              data-testid={`dorm-room-${room.roomNumber}`}
            >
              <Space wrap>
                {room.beds.map((bed) => (
                  <BedTile key={bed.bed} buildingId={id} room={room} bed={bed} editable={managesBeds} onAssign={() => setAssigning({ room, bed: bed.bed })} onEdit={(kind) => setEditing({ kind, room, bed })} />
                ))}
              </Space>
              {room.lastCheck && (
                <div style={{ marginTop: 8 }}>
                  <Tag color={room.lastCheck.failedItems ? 'red' : 'green'}>
                    {room.lastCheck.failedItems ? t('dorm.checkFailed', { n: room.lastCheck.failedItems }) : t('dorm.checkPassed')} · {f.dateTime(room.lastCheck.checkedAt)}
                  </Tag>
                </div>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {b && b.rooms.length === 0 && <Typography.Text type="secondary">{t('dorm.noRooms')}</Typography.Text>}
      {assigning && <AssignBed buildingId={id} room={assigning.room} bed={assigning.bed} onClose={() => setAssigning(undefined)} />}
      {checking && <CheckRoom buildingId={id} room={checking} onClose={() => setChecking(undefined)} />}
      {addingRoom && <AddRoom buildingId={id} onClose={() => setAddingRoom(false)} />}
      {b && editing && <PickBed kind={editing.kind} building={b} from={{ roomNumber: editing.room.roomNumber, bed: editing.bed.bed }} bed={editing.bed} onClose={() => setEditing(undefined)} />}
      {resizing && <ChangeCapacity buildingId={id} room={resizing} onClose={() => setResizing(undefined)} />}
    </Card>
  );
}

/** An occupied bed opens its actions: move out (the confirm's own button), or move to another bed, or swap with another student. */
function BedTile({ buildingId, room, bed, editable, onAssign, onEdit }: { buildingId: string; room: Room; bed: Bed; editable: boolean; onAssign: () => void; onEdit: (kind: 'move' | 'swap') => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const edit = (kind: 'move' | 'swap') => (setOpen(false), onEdit(kind));
  const vacate = useDormitoryCommand<{ roomNumber: string; bed: number }>(() => `/dormitories/${buildingId}/move-outs`);
  const tile = { width: 84, minHeight: 56, whiteSpace: 'normal' as const, height: 'auto' };
  if (!bed.occupied) {
    return (
      <Button style={{ ...tile, borderStyle: 'dashed', color: '#389e0d' }} disabled={!editable} onClick={onAssign} data-testid={`bed-${room.roomNumber}-${bed.bed}`}>
        {t('dorm.bedNo', { bed: bed.bed })}<br />{t('dorm.free')}
      </Button>
    );
  }
  const label = (
    <span>
      {t('dorm.bedNo', { bed: bed.bed })}<br />
      {bed.studentName ?? t('dorm.taken')}
    </span>
  );
  if (!editable) return <Button style={{ ...tile, background: '#fff1f0' }}>{label}</Button>;
  return (
    <Popconfirm
      open={open}
      onOpenChange={setOpen}
      title={t('dorm.moveOutConfirm', { name: bed.studentName ?? '', number: bed.studentNumber ?? '' })}
      description={
        <Space size={4} wrap>
          <Button size="small" onClick={() => edit('move')} data-testid="bed-move">{t('dorm.move')}</Button>
          <Button size="small" onClick={() => edit('swap')} data-testid="bed-swap">{t('dorm.swap')}</Button>
        </Space>
      }
      okText={t('dorm.moveOut')}
      onConfirm={async () => {
        try {
          await vacate.mutateAsync({ roomNumber: room.roomNumber, bed: bed.bed });
          message.success(t('dorm.movedOut'));
        } catch (err) {
          message.error((err as Error).message);
        }
      }}
    >
      <Tooltip title={bed.studentNumber}>
        <Button style={{ ...tile, background: '#fff1f0' }} data-testid={`bed-${room.roomNumber}-${bed.bed}`}>{label}</Button>
      </Tooltip>
    </Popconfirm>
  );
}

interface AssignValues {
  studentNumber: string;
  studentName: string;
  occurredAt?: Dayjs;
}

function AssignBed({ buildingId, room, bed, onClose }: { buildingId: string; room: Room; bed: number; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<AssignValues>();
  const [failure, setFailure] = useState<Failure>();
  const assign = useDormitoryCommand<AssignValues>(() => `/dormitories/${buildingId}/assignments`, (v) => ({ ...v, roomNumber: room.roomNumber, bed, occurredAt: beijing(v.occurredAt) }));
  const submit = async (values: AssignValues) => {
    setFailure(undefined);
    try {
      await assign.mutateAsync(values);
      onClose();
    } catch (err) {
      setFailure(formFailure(err, form, ['studentNumber', 'studentName', 'occurredAt'], lang));
    }
  };
  return (
    <Modal open title={t('dorm.assignTitle', { room: room.roomNumber, bed })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={assign.isPending} okButtonProps={{ 'data-testid': 'assign-ok' } as never}>
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid="assign-error" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="studentNumber" label={t('dorm.studentNumber')} rules={[{ required: true }, { pattern: STUDENT_NUMBER_PATTERN, message: t('dorm.studentNumberFormat') }]}>
          <Input size="large" autoComplete="off" data-testid="assign-number" />
        </Form.Item>
        <Form.Item name="studentName" label={t('dorm.studentName')} rules={[{ required: true, max: 50 }]}>
          <Input size="large" autoComplete="off" data-testid="assign-name" />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('dorm.occurredAt')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type CheckValues = Record<CheckItem, { passed: boolean; note?: string }>;

function CheckRoom({ buildingId, room, onClose }: { buildingId: string; room: Room; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<CheckValues>();
  const [failure, setFailure] = useState<Failure>();
  const check = useDormitoryCommand<CheckValues>(() => `/dormitories/${buildingId}/checks`, (v) => ({
    roomNumber: room.roomNumber,
    results: CHECK_ITEMS.map((item) => ({ item, passed: v[item]?.passed !== false, ...(v[item]?.note ? { note: v[item].note } : {}) })),
  }));
  const submit = async (values: CheckValues) => {
    setFailure(undefined);
    try {
      await check.mutateAsync(values);
      onClose();
    } catch (err) {
      setFailure(formFailure(err, form, [], lang));
    }
  };
  const initial = Object.fromEntries(CHECK_ITEMS.map((item) => [item, { passed: true }])) as CheckValues;
  return (
    <Modal open title={t('dorm.checkTitle', { room: room.roomNumber })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={check.isPending} okButtonProps={{ 'data-testid': 'check-ok' } as never}>
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid="check-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        {CHECK_ITEMS.map((item) => (
          <Space key={item} align="start" wrap style={{ display: 'flex' }}>
            <Form.Item name={[item, 'passed']} label={t(`dorm.item.${item}`)}>
              <Radio.Group optionType="button" options={[{ value: true, label: t('dorm.pass') }, { value: false, label: t('dorm.fail') }]} data-testid={`check-${item}`} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {() =>
                form.getFieldValue([item, 'passed']) === false && (
                  <Form.Item name={[item, 'note']} label={t('dorm.note')} rules={[{ required: true, message: t('dorm.noteRequired') }]}>
                    <Input style={{ width: 200 }} data-testid={`check-${item}-note`} />
                  </Form.Item>
                )
              }
            </Form.Item>
          </Space>
        ))}
      </Form>
    </Modal>
  );
}

function AddRoom({ buildingId, onClose }: { buildingId: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ roomNumber: string; floor: number; capacity: number }>();
  const [failure, setFailure] = useState<Failure>();
  const add = useDormitoryCommand<{ roomNumber: string; floor: number; capacity: number }>(() => `/dormitories/${buildingId}/rooms`);
  const submit = async (values: { roomNumber: string; floor: number; capacity: number }) => {
    setFailure(undefined);
    try {
      await add.mutateAsync(values);
      onClose();
    } catch (err) {
      setFailure(formFailure(err, form, ['roomNumber', 'floor', 'capacity'], lang));
    }
  };
  return (
    <Modal open title={t('dorm.addRoom')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending}>
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ floor: 1, capacity: 6 }}>
        <Form.Item name="roomNumber" label={t('dorm.roomNumber')} rules={[{ required: true, max: 20 }]}>
          <Input data-testid="room-number" />
        </Form.Item>
        <Form.Item name="floor" label={t('dorm.floorLabel')} rules={[{ required: true }]}>
          <InputNumber min={-3} max={60} precision={0} />
        </Form.Item>
        <Form.Item name="capacity" label={t('dorm.col.beds')} rules={[{ required: true }]}>
          <InputNumber min={1} max={12} precision={0} data-testid="room-capacity" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 床位表: one row per bed, student numbers as the service showed them (masked). */
function exportBeds(b: Building, t: ReturnType<typeof useI18n>['t']) {
  const rows = b.rooms.flatMap((room) => room.beds.map((bed) => ({ room, bed })));
  return downloadXlsx(`${b.name}-${t('dorm.bedList')}.xlsx`, t('dorm.bedList'), [
    { header: t('dorm.roomNumber'), value: (r) => r.room.roomNumber },
    { header: t('dorm.floorLabel'), value: (r) => r.room.floor },
    { header: t('dorm.bed'), value: (r) => r.bed.bed },
    { header: t('dorm.status'), value: (r) => (r.bed.occupied ? t('dorm.taken') : t('dorm.free')) },
    { header: t('dorm.studentName'), value: (r) => r.bed.studentName ?? null },
    { header: t('dorm.studentNumber'), value: (r) => r.bed.studentNumber ?? null },
    { header: t('dorm.since'), value: (r) => r.bed.since ?? null, width: 24 },
  ], rows, t('dorm.exportNote'));
}
