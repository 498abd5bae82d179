import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router-dom';
import { changePassword } from '../api/client';
import { Failure, formFailure } from '../api/formErrors';
import { homeOf } from '../auth/roles';
import { takeReturn } from '../auth/session';
import { useSession } from '../auth/useSession';
import { useI18n } from '../i18n/I18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The forced change after an initial or reset password, and the ordinary change from the user menu. */
export function PasswordPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<Failure>();
  const [busy, setBusy] = useState(false);
  if (!session) return <Navigate to="/login" replace />;

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const s = await changePassword(currentPassword, newPassword);
      message.success(t('password.done'));
      navigate(takeReturn() ?? homeOf(s.account.role), { replace: true });
    } catch (err) {
      setError(formFailure(err, form, ['currentPassword', 'newPassword'], lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 420, maxWidth: '100%' }} title={t('password.title')}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {session.mustChangePassword && <Alert type="warning" showIcon title={t('password.forced')} data-testid="password-forced" />}
          {error && <Alert type="error" showIcon title={error.title} description={error.detail} />}
          <Typography.Text type="secondary">{t('password.rules')}</Typography.Text>
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" data-testid="password-current" />
            </Form.Item>
            <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password autoComplete="new-password" data-testid="password-new" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('password.confirm')}
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t('login.passwordRequired') },
                ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))) }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="password-confirm" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="password-submit">
              {t('password.submit')}
            </Button>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
