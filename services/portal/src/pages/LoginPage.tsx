import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router-dom';
import { login } from '../api/client';
import { ApiError, describeError, fieldErrorsFor, serverMessage } from '../api/errors';
import { homeOf } from '../auth/roles';
import { takeEndReason, takeReturn } from '../auth/session';
import { useSession } from '../auth/useSession';
import { useI18n } from '../i18n/I18n';

const REASON_KEY = { idle: 'login.idle', expired: 'login.expired', logout: 'login.loggedOut' } as const;

/** Password login with identity. A wrong password and a locked account answer alike (no enumeration); the message says both. */
export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const session = useSession();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [ended] = useState(() => takeEndReason());

  if (session && !busy) return <Navigate to={session.mustChangePassword ? '/password' : homeOf(session.account.role)} replace />;

  const submit = async ({ username, password }: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const s = await login(username.trim(), password);
      navigate(s.mustChangePassword ? '/password' : (takeReturn() ?? homeOf(s.account.role)), { replace: true });
    } catch (err) {
      setBusy(false);
      form.setFields(fieldErrorsFor(err, ['username', 'password'], lang).fields as never);
      form.setFieldValue('password', '');
      setError(err);
    }
  };

  // invalid-credentials: the service's own sentence (it mentions the lockout); anything else by status.
  const failure =
    error instanceof ApiError && error.status === 401
      ? { title: t('login.failed'), detail: serverMessage(error.body, lang) }
      : error
        ? describeError(error, lang)
        : undefined;

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.title')}
            </Typography.Title>
            <Button type="link" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')} data-testid="lang-switch">
              {t('app.language')}
            </Button>
          </div>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          {ended && <Alert type="info" showIcon title={t(REASON_KEY[ended])} data-testid="login-ended" />}
          {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} data-testid="login-error" />}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('login.hint')}
          </Typography.Text>
        </Space>
      </Card>
    </div>
  );
}
