import { useState } from 'react';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { logout } from '../api/client';
import { menuFor } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { useI18n } from '../i18n/I18n';

const { Header, Sider, Content } = Layout;

/** Side menu on a desk, a drawer behind a button on a phone; the menu holds only the role's pages. */
export function AppLayout() {
  const session = useSession();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawer, setDrawer] = useState(false);

  const items = session ? menuFor(session.account.role).flatMap((p) => (p.menu ? [{ key: p.path, label: t(p.menu) }] : [])) : [];
  const selected = items.map((i) => i.key).filter((k) => location.pathname === k || (k !== '/repairs/new' && location.pathname.startsWith(`${k}/`) && !location.pathname.startsWith('/repairs/new')));
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected.slice(-1)}
      onClick={({ key }) => {
        setDrawer(false);
        navigate(key);
      }}
      data-testid="nav-menu"
    />
  );
  const toggleLang = (
    <Button type="text" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')} title={t('app.languageTitle')} data-testid="lang-switch">
      {t('app.language')}
    </Button>
  );
  const user = session && (
    <Dropdown
      menu={{
        items: [
          { key: 'password', label: t('app.changePassword'), onClick: () => navigate('/password') },
          {
            key: 'logout',
            label: t('app.logout'),
            onClick: () => {
              void logout('logout').then(() => navigate('/login'));
            },
          },
        ],
      }}
    >
      <Button type="text" data-testid="user-menu">
        {session.account.name || session.account.username}
        {!phone && <Typography.Text type="secondary">（{t(`role.${session.account.role}`)}{session.account.schoolId ? ` · ${session.account.schoolId}` : ''}）</Typography.Text>}
      </Button>
    </Dropdown>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!phone && session && (
        <Sider theme="light" width={208} breakpoint="lg" collapsible>
          <div style={{ padding: '16px 20px', fontWeight: 600 }}>{t('app.title')}</div>
          {menu}
        </Sider>
      )}
      <Layout>
        <Header style={{ background: '#fff', padding: phone ? '0 8px' : '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
          <Space>
            {phone && session && (
              <Button onClick={() => setDrawer(true)} aria-label={t('app.menu')} data-testid="menu-button">
                ☰
              </Button>
            )}
            {phone && <Typography.Text strong>{t('app.title')}</Typography.Text>}
          </Space>
          <Space size={0}>
            {toggleLang}
            {user}
          </Space>
        </Header>
        <Content style={{ margin: phone ? 8 : 24 }}>
          <Outlet />
        </Content>
      </Layout>
      <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={240} title={t('app.title')} styles={{ body: { padding: 0 } }}>
        {menu}
      </Drawer>
    </Layout>
  );
}
