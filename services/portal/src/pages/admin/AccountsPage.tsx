import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, newKey, post } from '../../api/client';
import { ErrorView } from '../../api/ErrorView';
import { describeError } from '../../api/errors';
import { Failure, formFailure } from '../../api/formErrors';
import { School } from '../../api/types';
import { ROLES } from '../../auth/roles';
import { useSession } from '../../auth/useSession';
import { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/I18n';

/** An account as identity shows it to administrators (phone masked). */
interface Account {
  id: string;
  username: string;
  displayName: string;
  phone: string;
  role: (typeof ROLES)[number];
  schoolId?: string;
  posts: string[];
  status: 'active' | 'disabled';
  locked: boolean;
}

/** identity's answer to a change: its read-your-writes position, and a generated initial password once. */
interface Changed {
  position?: string;
  initialPassword?: string;
}

const POSTS = ['logistics-director', 'canteen-manager', 'canteen-staff', 'guard', 'maintenance', 'school-doctor', 'safety-officer', 'dormitory-manager', 'bus-manager', 'asset-manager', 'teacher', 'principal'] as const;
const FIELDS = ['username', 'displayName', 'phone', 'role', 'schoolId', 'posts'];

/**
 * 账号管理 over identity: a system admin manages every account, a school admin their school's staff (identity
 * decides; the form only offers what it would accept). A generated initial password is shown once.
 */
export default function AccountsPage() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const me = useSession()?.account;
  const systemAdmin = me?.role === 'system-admin';
  const [q, setQ] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [password, setPassword] = useState<{ username: string; initialPassword: string }>();
  // After a change, the list is read with its position (read-your-writes), so it shows the change at once.
  const [position, setPosition] = useState<string>();

  const accounts = useInfiniteQuery({
    queryKey: ['identity', 'accounts', q, position],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      get<{ items: Account[]; nextCursor?: string }>('identity', '/accounts', { q, cursor: pageParam, limit: 50, consistentWith: pageParam ? undefined : position }, signal),
    getNextPageParam: (last) => last.nextCursor,
  });
  const schools = useQuery({ queryKey: ['identity', 'schools'], queryFn: async ({ signal }) => (await get<{ items: School[] }>('identity', '/schools', undefined, signal)).items, enabled: systemAdmin });
  const items = accounts.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = (next?: string) => (next ? setPosition(next) : client.invalidateQueries({ queryKey: ['identity', 'accounts'] }));

  const act = async (account: Account, action: 'disable' | 'enable' | 'reset-password') => {
    try {
      const answer = await post<Changed>('identity', `/accounts/${account.id}/${action}`, {}, { idempotencyKey: newKey() });
      if (answer.initialPassword) setPassword({ username: account.username, initialPassword: answer.initialPassword });
      else message.success(t('action.done'));
      await refresh(answer.position);
    } catch (err) {
      const d = describeError(err, lang);
      message.error([d.title, d.detail].filter(Boolean).join(' '));
    }
  };

  return (
    <Card
      title={t('accounts.title')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)} data-testid="account-new">
          {t('accounts.new')}
        </Button>
      }
    >
      {!systemAdmin && <Alert type="info" title={t('accounts.schoolScope')} style={{ marginBottom: 12 }} />}
      <Input.Search allowClear placeholder={t('accounts.search')} onSearch={(v) => setQ(v.trim() || undefined)} style={{ maxWidth: 300, marginBottom: 12 }} data-testid="account-search" />
      {accounts.error ? (
        <ErrorView error={accounts.error} retry={() => void accounts.refetch()} />
      ) : (
        <Table<Account>
          rowKey="id"
          size="small"
          loading={accounts.isLoading}
          dataSource={items}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="accounts-table"
          columns={[
            { title: t('accounts.col.username'), dataIndex: 'username' },
            { title: t('accounts.col.name'), dataIndex: 'displayName' },
            { title: t('accounts.col.phone'), dataIndex: 'phone' },
            { title: t('accounts.col.role'), dataIndex: 'role', render: (r: Account['role']) => t(`role.${r}`) },
            { title: t('accounts.col.school'), dataIndex: 'schoolId', render: (s?: string) => s ?? '—' },
            { title: t('accounts.col.posts'), dataIndex: 'posts', render: (p: string[]) => p.map((x) => <Tag key={x}>{t(`post.${x}` as MessageKey)}</Tag>) },
            {
              title: t('accounts.col.status'),
              key: 'status',
              render: (_: unknown, a) => (
                <Space size={4}>
                  <Tag color={a.status === 'active' ? 'green' : 'default'}>{t(a.status === 'active' ? 'accounts.active' : 'accounts.disabled')}</Tag>
                  {a.locked && <Tag color="red">{t('accounts.locked')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'actions',
              render: (_: unknown, a) =>
                a.id === me?.id ? null : (
                  <Space size={0}>
                    {a.status === 'active' && !a.locked ? (
                      <Button size="small" type="link" danger onClick={() => void act(a, 'disable')}>
                        {t('accounts.disable')}
                      </Button>
                    ) : (
                      <Button size="small" type="link" onClick={() => void act(a, 'enable')} data-testid={`account-enable-${a.username}`}>
                        {t(a.locked ? 'accounts.enableLocked' : 'accounts.enable')}
                      </Button>
                    )}
                    <Button size="small" type="link" onClick={() => modal.confirm({ title: t('accounts.reset'), content: t('accounts.resetConfirm'), onOk: () => act(a, 'reset-password') })}>
                      {t('accounts.reset')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      )}
      {accounts.hasNextPage && (
        <Button onClick={() => void accounts.fetchNextPage()} loading={accounts.isFetchingNextPage} style={{ marginTop: 12 }}>
          {t('repairs.more')}
        </Button>
      )}
      {creating && (
        <CreateAccount
          systemAdmin={systemAdmin}
          schools={schools.data ?? []}
          onClose={() => setCreating(false)}
          onCreated={(username, answer) => {
            setCreating(false);
            setPassword({ username, initialPassword: answer.initialPassword ?? '' });
            void refresh(answer.position);
          }}
        />
      )}
      <Modal open={!!password} title={password?.username} footer={null} onCancel={() => setPassword(undefined)}>
        <Typography.Paragraph>{t('accounts.initialPassword')}</Typography.Paragraph>
        <Typography.Text code copyable data-testid="initial-password">
          {password?.initialPassword}
        </Typography.Text>
      </Modal>
    </Card>
  );
}

function CreateAccount({ systemAdmin, schools, onClose, onCreated }: { systemAdmin: boolean; schools: School[]; onClose(): void; onCreated(username: string, answer: Changed): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [failure, setFailure] = useState<Failure>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(newKey);
  const role = Form.useWatch('role', form) as string | undefined;
  const schoolRole = role === 'school-staff' || role === 'school-admin';

  const submit = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    setFailure(undefined);
    try {
      const answer = await post<Changed>('identity', '/accounts', { ...values, posts: values['posts'] ?? [] }, { idempotencyKey: key });
      message.success(t('accounts.created'));
      onCreated(String(values['username']), answer);
    } catch (err) {
      setFailure(formFailure(err, form, FIELDS, lang));
    } finally {
      setBusy(false);
    }
  };
  const required = (field: MessageKey) => [{ required: true, whitespace: true, message: t('report.required', { field: t(field) }) }];

  return (
    <Modal open title={t('accounts.new')} onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} okText={t('action.ok')} cancelText={t('action.cancel')} okButtonProps={{ 'data-testid': 'account-ok' } as Record<string, string>}>
      {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ role: 'school-staff', posts: [] }}>
        <Form.Item name="username" label={t('accounts.col.username')} rules={required('accounts.col.username')}>
          <Input autoComplete="off" data-testid="account-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('accounts.col.name')} rules={required('accounts.col.name')}>
          <Input data-testid="account-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('accounts.col.phone')} rules={required('accounts.col.phone')}>
          <Input inputMode="tel" data-testid="account-phone" />
        </Form.Item>
        <Form.Item name="role" label={t('accounts.col.role')}>
          <Select options={(systemAdmin ? ROLES : (['school-staff'] as const)).map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {systemAdmin && schoolRole && (
          <Form.Item name="schoolId" label={t('accounts.col.school')} rules={[{ required: true, message: t('report.required', { field: t('accounts.col.school') }) }]}>
            <Select showSearch optionFilterProp="label" options={schools.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))} />
          </Form.Item>
        )}
        {schoolRole && (
          <Form.Item name="posts" label={t('accounts.col.posts')}>
            <Select mode="multiple" options={POSTS.map((p) => ({ value: p, label: t(`post.${p}`) }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
