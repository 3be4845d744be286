/**
 * The home page of the three administrators (三员): who they are, their roles, what each is for and the admin-role
 * changes waiting for a second administrator, and the entrances the menu offers them. (Enterprises, researchers,
 * farmers and experts have their own home: home/MemberHome.tsx.)
 */
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { BellOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ROLE_NAMES, isRoleCode } from '../../../../../../contracts/access.ts';
import { canSee, canUse, PAGES } from '../../../nav.tsx';
import { useSignedIn } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { AdminTasks } from '../home/AdminTasks.tsx';

interface Entrance {
  to: string;
  icon: ReactNode;
  title: string;
}

export function Welcome() {
  const s = useSignedIn();
  const t = useT();
  const fromMenu: Entrance[] = PAGES.filter((p) => p.menu && p.path !== '' && canSee(p, s.permissions)).map((p) => ({
    to: `/console/${p.path}`,
    icon: p.menu?.icon,
    title: t(p.menu?.zh ?? '', p.menu?.en ?? ''),
  }));
  const entrances: Entrance[] = [
    ...fromMenu,
    ...(canUse('search', s.permissions)
      ? [{ to: '/console/search', icon: <SearchOutlined />, title: t('全局搜索', 'Search') }]
      : []),
    { to: '/console/notifications', icon: <BellOutlined />, title: t('通知', 'Notifications') },
    { to: '/console/profile', icon: <UserOutlined />, title: t('个人中心', 'Profile') },
  ];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="welcome">
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t(`欢迎，${s.user.displayName}`, `Welcome, ${s.user.displayName}`)}
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}>
          <Descriptions.Item label={t('用户名', 'Username')}>{s.user.username}</Descriptions.Item>
          <Descriptions.Item label={t('所属区划', 'Division')}>{s.user.divisionName}</Descriptions.Item>
          <Descriptions.Item label={t('角色', 'Roles')} span="filled">
            {s.roles.map((r) => (
              <Tag key={`${r.role}@${r.divisionCode}`}>
                {isRoleCode(r.role) ? t(ROLE_NAMES[r.role].zh, ROLE_NAMES[r.role].en) : r.role}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <AdminTasks />
      <Card title={t('常用入口', 'Where to go')}>
        <Row gutter={[16, 16]}>
          {entrances.map((e) => (
            <Col key={e.to} xs={12} md={8} xl={6}>
              <Link to={e.to} className="qx-entrance">
                <Card hoverable size="small">
                  <Space>
                    {e.icon}
                    {e.title}
                  </Space>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </Space>
  );
}
