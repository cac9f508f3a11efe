/** The signed-in frame: side menu by role, header with user, role, language and logout. */
import { DownOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '../../../shared/org.ts';
import { useAuth, useUser } from '../auth/AuthContext.tsx';
import { NotificationBell } from '../pages/cases/NotificationBell.tsx';
import { CaseDraftSync } from '../pages/cases/CaseDrafts.tsx';
import { useLabel } from '../i18n/labels.ts';
import { errorText } from '../utils/errors.ts';
import { BrandMark } from './Brand.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { menuFor, selectedKey } from './menu.tsx';

const COLLAPSE_KEY = 'lianxin.console.siderCollapsed';

export function AppLayout() {
  const { t } = useTranslation();
  const L = useLabel();
  const user = useUser();
  const { logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  // The user's choice when they made one; otherwise collapsed on a phone (the menu would take half the width).
  const [collapsed, setCollapsed] = useState(() => {
    const saved = localStorage.getItem(COLLAPSE_KEY);
    return saved === null ? window.matchMedia('(max-width: 640px)').matches : saved === '1';
  });
  const entries = useMemo(() => menuFor(user), [user]);
  const current = selectedKey(entries, location.pathname);

  const toggle = () => {
    setCollapsed((c) => {
      localStorage.setItem(COLLAPSE_KEY, c ? '0' : '1');
      return !c;
    });
  };

  const doLogout = async () => {
    try {
      await logout();
    } catch (err) {
      void message.error(errorText(err));
    }
    navigate('/login', { replace: true });
  };

  const roleText = user.roles.map((r) => L(ROLE_LABELS, r)).join('、');

  return (
    <Layout className="app-shell">
      <Layout.Sider className="app-sider" width={224} collapsedWidth={64} collapsed={collapsed} trigger={null} theme="dark">
        <div className="app-brand" onClick={() => navigate('/')} role="link" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && navigate('/')}>
          <BrandMark size={30} />
          {!collapsed ? (
            <div className="app-brand-text">
              <div className="app-brand-name">{t('app.name')}</div>
              <div className="app-brand-sub">{t('app.product')}</div>
            </div>
          ) : null}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={current ? [current] : []}
          items={entries.map((e) => ({ key: e.key, icon: e.icon, label: t(e.labelKey) }))}
          onClick={({ key }) => {
            const e = entries.find((x) => x.key === key);
            if (e) navigate(e.path);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Button
            type="text"
            aria-label={collapsed ? t('header.expand') : t('header.collapse')}
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={toggle}
          />
          <Space size={16} className="app-header-right">
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'me', icon: <UserOutlined />, label: t('menu.me') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
                ],
                onClick: ({ key }) => {
                  if (key === 'me') navigate('/me');
                  if (key === 'logout') void doLogout();
                },
              }}
            >
              <Button type="text" className="app-user" aria-label={t('header.userMenu')}>
                <Avatar size="small" className="app-avatar">
                  {user.displayName.slice(0, 1)}
                </Avatar>
                <span className="app-user-name">{user.displayName}</span>
                <Tag className="app-user-role" color="red" variant="filled">
                  {roleText}
                </Tag>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
          <CaseDraftSync />
        </Layout.Content>
        <Layout.Footer className="app-footer">
          <Typography.Text type="secondary">{t('app.footer')}</Typography.Text>
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
