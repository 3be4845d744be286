/**
 * The console frame: sidebar (only what the user may use), header with the division switcher, global search,
 * notifications, language switch and the user menu. On phones the menu is a drawer over the page, and it carries
 * the division and language switchers that the narrow header has no room for.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Drawer, Dropdown, Grid, Input, Layout, Menu, Segmented, Space, Typography } from 'antd';
import {
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router';
import { LOCALES } from '../../shared/i18n.ts';
import { useSession } from '../session.tsx';
import { useT } from '../i18n.ts';
import { canUse, MENU_GROUPS, menuEntries, selectedEntry } from '../nav.tsx';
import { DivisionSwitcher } from './DivisionSwitcher.tsx';
import { NotificationBell } from './NotificationBell.tsx';

const { Header, Sider, Content } = Layout;

export function ConsoleLayout({ children }: { children: ReactNode }) {
  const { session, locale, setLocale, logout } = useSession();
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // Phones: the sidebar slides away completely and the header keeps only what fits.
  const narrow = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const permissions = session?.permissions ?? [];

  const entries = menuEntries(permissions);
  const leaf = (key: string, menu: { zh: string; en: string; icon: ReactNode }) => ({
    key,
    icon: menu.icon,
    label: <Link to={key}>{t(menu.zh, menu.en)}</Link>,
  });
  const items = entries.map((e) =>
    e.kind === 'page'
      ? leaf(e.key, e.page.menu ?? { zh: '', en: '', icon: null })
      : {
          key: e.key,
          icon: MENU_GROUPS[e.group]?.icon,
          label: t(MENU_GROUPS[e.group]?.zh ?? e.group, MENU_GROUPS[e.group]?.en ?? e.group),
          children: e.children.map((c) => leaf(c.key, c.page.menu ?? { zh: '', en: '', icon: null })),
        },
  );
  const selected = selectedEntry(entries, location.pathname);
  const selectedGroup = selected?.group ?? null;
  const menuShown = narrow ? drawerOpen : !collapsed;
  // Following a link in the drawer closes it.
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="qx-skip-link" href="#qx-main">
        {t('跳到主要内容', 'Skip to main content')}
      </a>
      {narrow ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
          data-testid="nav-drawer"
        >
          <div style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>
            {t('旗县 · 工作台', 'Qixian console')}
          </div>
          <div style={{ padding: '0 16px 12px', display: 'grid', gap: 8 }}>
            <DivisionSwitcher />
            <Segmented
              aria-label={t('界面语言', 'Language')}
              size="small"
              value={locale}
              options={LOCALES}
              onChange={(v) => void setLocale(v)}
            />
          </div>
          <nav aria-label={t('主菜单', 'Main menu')}>
            <Menu
              key={`drawer:${selectedGroup ?? ''}`}
              theme="dark"
              mode="inline"
              selectedKeys={selected ? [selected.key] : []}
              defaultOpenKeys={selectedGroup ? [selectedGroup] : []}
              items={items}
            />
          </nav>
        </Drawer>
      ) : (
        <Sider
          collapsible
          collapsed={collapsed}
          trigger={null}
          breakpoint="lg"
          onBreakpoint={setCollapsed}
          width={208}
          collapsedWidth={80}
        >
          <div
            style={{
              color: '#fff',
              padding: '16px 20px',
              fontWeight: 600,
              fontSize: collapsed ? 14 : 16,
              whiteSpace: 'nowrap',
            }}
          >
            {collapsed ? '旗县' : t('旗县 · 工作台', 'Qixian console')}
          </div>
          <nav aria-label={t('主菜单', 'Main menu')}>
            {/*
              The submenu of the current page opens by itself; the user opens and closes the others. Uncontrolled, and
              mounted anew when the sidebar folds or the current group changes: a collapsed sidebar shows submenus as
              popups, and rc-menu's own open-key cache would otherwise reopen it with every group closed.
            */}
            <Menu
              key={`${collapsed ? 'folded' : 'open'}:${selectedGroup ?? ''}`}
              theme="dark"
              mode="inline"
              selectedKeys={selected ? [selected.key] : []}
              defaultOpenKeys={!collapsed && selectedGroup ? [selectedGroup] : []}
              items={items}
            />
          </nav>
        </Sider>
      )}
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Button
            type="text"
            aria-label={menuShown ? t('收起菜单', 'Collapse menu') : t('展开菜单', 'Expand menu')}
            icon={menuShown ? <MenuFoldOutlined /> : <MenuUnfoldOutlined />}
            onClick={() => (narrow ? setDrawerOpen(!drawerOpen) : setCollapsed(!collapsed))}
          />
          {!narrow && <DivisionSwitcher />}
          {canUse('search', permissions) && (
            <Input.Search
              role="search"
              aria-label={t('搜索单位', 'Search organisations')}
              placeholder={t('搜索单位……', 'Search organisations…')}
              style={{ maxWidth: 360, flex: 1, minWidth: 0 }}
              allowClear
              onSearch={(q) => {
                if (q.trim()) void navigate(`/console/search?q=${encodeURIComponent(q.trim())}`);
              }}
            />
          )}
          <Space style={{ marginLeft: 'auto' }} size="middle">
            <NotificationBell />
            {!narrow && (
              <Segmented
                aria-label={t('界面语言', 'Language')}
                size="small"
                value={locale}
                options={LOCALES}
                onChange={(v) => void setLocale(v)}
              />
            )}
            <Dropdown
              menu={{
                items: [
                  { key: 'profile', icon: <UserOutlined />, label: t('个人中心', 'Profile') },
                  { key: 'password', icon: <KeyOutlined />, label: t('修改密码', 'Change password') },
                  ...(narrow
                    ? [{ key: 'lang', icon: <GlobalOutlined />, label: locale === 'en-US' ? '中文' : 'English' }]
                    : []),
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('退出登录', 'Sign out') },
                ],
                onClick: ({ key }) => {
                  if (key === 'logout') void logout().then(() => navigate('/console/login'));
                  else if (key === 'lang') void setLocale(locale === 'en-US' ? 'zh-CN' : 'en-US');
                  else void navigate(key === 'password' ? '/console/profile#password' : '/console/profile');
                },
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {!narrow && <Typography.Text>{session?.user.displayName}</Typography.Text>}
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content id="qx-main" tabIndex={-1} style={{ margin: 16, outline: 'none' }}>
          {children}
        </Content>
      </Layout>
    </Layout>
  );
}
