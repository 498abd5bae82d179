import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Progress, Select, Space, Table, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ErrorView } from '../../api/ErrorView';
import { Failure, formFailure } from '../../api/formErrors';
import { hasPost } from '../../auth/posts';
import { useSession } from '../../auth/useSession';
import { downloadXlsx, exportStamp, readAllPages } from '../../components/excel';
import { useFormat, useI18n } from '../../i18n/I18n';
import { BuildingSummary, fetchBuildings, Gender, GENDERS, occupancyColour, useDormitoryCommand } from './api';

/** 宿舍: the school's buildings with beds and occupancy; a school admin or the 宿舍管理员 registers a building. */
export default function DormitoriesPage() {
  const { t } = useI18n();
  const f = useFormat();
  const navigate = useNavigate();
  const session = useSession();
  const [gender, setGender] = useState<Gender>();
  const [q, setQ] = useState<string>();
  const [consistentWith, setConsistentWith] = useState<string>();
  const [registering, setRegistering] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();
  const list = useQuery({ queryKey: ['dormitories', 'list', gender, q, consistentWith], queryFn: ({ signal }) => fetchBuildings({ gender, q, consistentWith }, signal) });
  const mayRegister = hasPost(session, 'dormitory-manager'); // as facilities checks it: the post, or school-admin

  // Every building under the filters (the table shows the first page), with the columns of the table.
  const exportBuildings = async () => {
    setExporting(true);
    try {
      const { rows } = await readAllPages((cursor) => fetchBuildings({ gender, q, cursor }));
      await downloadXlsx(`${t('dorm.sheet')}-${exportStamp()}.xlsx`, t('dorm.sheet'), [
        { header: t('dorm.col.name'), value: (b: BuildingSummary) => b.name, width: 20 },
        { header: t('dorm.col.gender'), value: (b) => t(`dorm.gender.${b.gender}`) },
        { header: t('dorm.col.rooms'), value: (b) => b.rooms },
        { header: t('dorm.col.beds'), value: (b) => b.beds },
        { header: t('dorm.col.occupied'), value: (b) => b.occupied },
        { header: t('dorm.col.occupancy'), value: (b) => f.percent(b.occupancy) },
        { header: t('dorm.col.failingRooms'), value: (b) => b.roomsFailingCheck, width: 16 },
      ], rows);
    } catch (err) {
      message.error(t('export.failed', { reason: (err as Error).message }));
    } finally {
      setExporting(false);
    }
  };

  if (list.error) return <ErrorView error={list.error} retry={() => void list.refetch()} />;
  return (
    <Card
      title={t('nav.dormitories')}
      extra={
        <Space wrap>
          <Button onClick={() => void exportBuildings()} loading={exporting} disabled={!list.data?.items.length} data-testid="export-dormitories">{t('export.excel')}</Button>
          {mayRegister && <Button type="primary" onClick={() => setRegistering(true)} data-testid="dorm-register">{t('dorm.register')}</Button>}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('dorm.col.gender')} style={{ width: 140 }} value={gender} onChange={setGender} options={GENDERS.map((g) => ({ value: g, label: t(`dorm.gender.${g}`) }))} />
        <Input.Search allowClear placeholder={t('dorm.search')} onSearch={(v) => setQ(v || undefined)} style={{ width: 220 }} />
      </Space>
      <Table<BuildingSummary>
        rowKey="buildingId"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        scroll={{ x: true }}
        onRow={(b) => ({ onClick: () => navigate(`/dormitories/${b.buildingId}`), style: { cursor: 'pointer' } })}
        data-testid="dorm-list"
        columns={[
          { title: t('dorm.col.name'), dataIndex: 'name' },
          { title: t('dorm.col.gender'), dataIndex: 'gender', render: (g: Gender) => <Tag>{t(`dorm.gender.${g}`)}</Tag> },
          { title: t('dorm.col.rooms'), dataIndex: 'rooms' },
          { title: t('dorm.col.beds'), dataIndex: 'beds' },
          { title: t('dorm.col.occupied'), dataIndex: 'occupied' },
          {
            title: t('dorm.col.occupancy'),
            dataIndex: 'occupancy',
            render: (share: number | null) => <Progress percent={Math.round((share ?? 0) * 100)} size="small" strokeColor={occupancyColour(share)} format={() => f.percent(share)} style={{ minWidth: 120 }} />,
          },
          { title: t('dorm.col.failingRooms'), dataIndex: 'roomsFailingCheck', render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0) },
        ]}
      />
      {registering && <RegisterBuilding onClose={(position) => (setRegistering(false), position && setConsistentWith(position))} />}
    </Card>
  );
}

function RegisterBuilding({ onClose }: { onClose: (position?: string) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ name: string; gender: Gender }>();
  const [failure, setFailure] = useState<Failure>();
  const register = useDormitoryCommand<{ name: string; gender: Gender }>(() => '/dormitories');
  const submit = async (values: { name: string; gender: Gender }) => {
    setFailure(undefined);
    try {
      onClose((await register.mutateAsync(values)).position);
    } catch (err) {
      setFailure(formFailure(err, form, ['name', 'gender'], lang));
    }
  };
  return (
    <Modal open title={t('dorm.register')} onCancel={() => onClose()} onOk={() => form.submit()} confirmLoading={register.isPending} okButtonProps={{ 'data-testid': 'dorm-register-ok' } as never}>
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('dorm.col.name')} rules={[{ required: true, max: 50 }]}>
          <Input data-testid="dorm-name" />
        </Form.Item>
        <Form.Item name="gender" label={t('dorm.col.gender')} rules={[{ required: true }]}>
          <Select options={GENDERS.map((g) => ({ value: g, label: t(`dorm.gender.${g}`) }))} data-testid="dorm-gender" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
