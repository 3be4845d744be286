/** Profile (个人中心): who I am, my roles and divisions, language, change password. */
import { useEffect } from 'react';
import { App, Card, Descriptions, Segmented, Space, Tag, Typography } from 'antd';
import { useLocation } from 'react-router';
import { ROLE_NAMES, isRoleCode } from '../../../../../../contracts/access.ts';
import { LOCALES, formatDateTime } from '../../../../shared/i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { ChangePasswordForm } from '../components/ChangePasswordForm.tsx';

export default function ProfilePage() {
  const s = useSignedIn();
  const { locale, setLocale, refresh } = useSession();
  const t = useT();
  const { message } = App.useApp();
  const location = useLocation();

  useEffect(() => {
    if (location.hash === '#password') document.getElementById('password')?.scrollIntoView();
  }, [location.hash]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('个人中心', 'Profile')}
      </Typography.Title>
      <Card title={t('账户', 'Account')}>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('用户名', 'Username')}>{s.user.username}</Descriptions.Item>
          <Descriptions.Item label={t('姓名', 'Name')}>{s.user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('所属区划', 'Division')}>{s.user.divisionName}</Descriptions.Item>
          <Descriptions.Item label={t('会话到期', 'Session expires')}>
            {formatDateTime(s.expiresAt, locale)}
          </Descriptions.Item>
          <Descriptions.Item label={t('角色', 'Roles')} span="filled">
            {s.roles.map((r) => (
              <Tag key={`${r.role}@${r.divisionCode}`}>
                {isRoleCode(r.role) ? t(ROLE_NAMES[r.role].zh, ROLE_NAMES[r.role].en) : r.role} · {r.divisionCode}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('界面语言', 'Language')}>
        <Segmented
          aria-label={t('界面语言', 'Language')}
          value={locale}
          options={LOCALES}
          onChange={(v) =>
            void setLocale(v).then(() => message.success(v === 'en-US' ? 'Language saved' : '界面语言已保存'))
          }
        />
      </Card>
      <Card title={t('修改密码', 'Change password')} id="password">
        <ChangePasswordForm
          onDone={() => {
            message.success(
              t('密码已修改，其他设备上的登录已退出', 'Password changed; other sessions were signed out'),
            );
            void refresh();
          }}
        />
      </Card>
    </Space>
  );
}
