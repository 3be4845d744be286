/**
 * 账户详情: masked personal data with an audited full view (pi:view_full), roles granted within the granter's scope
 * (role:assign, 三员分立), disable / enable and password reset (user:update). A reset sends a one-time link to the
 * account holder only; the page shows where it went, never a credential. Actions the user may not take are hidden;
 * the server's refusals are shown as they come.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Modal, Popconfirm, Result, Space, Typography } from 'antd';
import { ArrowLeftOutlined, EyeOutlined, KeyOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import type { Organisation } from '../../../../../../contracts/organisations.ts';
import type { ResetPasswordResult, User, ZPersonalInfo } from '../../../../../../contracts/users.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { formatDateTime } from '../../../../shared/i18n.ts';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { roleName, USER_STATUS_NAMES } from '../labels.ts';
import { permissionRoots } from '../scope.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { StatusTag } from '../../../lib/list/cells.tsx';
import { UserRoles } from '../components/UserRoles.tsx';
import { DeliveryFacts } from '../components/delivery.tsx';

type PersonalInfo = z.infer<typeof ZPersonalInfo>;

/** The account's organisation by name, for those who may read organisations; a plain number for the others. */
function OrganisationName({ id, canRead }: { id: number; canRead: boolean }) {
  const org = useFetch<Organisation>(canRead ? `/api/organisations/${id}` : null);
  if (!canRead) return <>#{id}</>;
  return <Link to={`/console/organisations/${id}`}>{org.data?.name ?? `#${id}`}</Link>;
}

export default function UserDetailPage() {
  const t = useT();
  const { locale } = useSession();
  const session = useSignedIn();
  const { can } = session;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const user = useFetch<User>(valid ? `/api/users/${id}` : null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [full, setFull] = useState<PersonalInfo | null>(null);
  const [reset, setReset] = useState<ResetPasswordResult | null>(null);
  const grantRoots = permissionRoots(session, 'role:assign').map((code) => ({ code, name: code }));

  const run = async <T,>(key: string, call: () => Promise<T>, done: (r: T) => void) => {
    setBusy(key);
    setActionError(null);
    try {
      done(await call());
    } catch (err) {
      setActionError(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(null);
    }
  };

  if (!valid || user.status === 404)
    return (
      <Result
        status="404"
        title={t('账户不存在', 'Account not found')}
        subTitle={t('该账户不存在，或不在您的管辖范围内。', 'It does not exist or lies outside your divisions.')}
        extra={<Link to="/console/users">{t('返回用户列表', 'Back to the list')}</Link>}
      />
    );

  const u = user.data;
  const isSelf = u?.id === session.user.id;
  const mayUpdate = can('user:update') && !isSelf && (u?.status === 'active' || u?.status === 'disabled');
  const mayAssign = can('role:assign') && !isSelf && grantRoots.length > 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        loading={user.loading && !u}
        title={
          <Space>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={t('返回', 'Back')}
              onClick={() => void navigate(-1)}
            />
            {u ? `${u.displayName}（${u.username}）` : t('账户详情', 'Account')}
            {u && <StatusTag names={USER_STATUS_NAMES} value={u.status} />}
          </Space>
        }
        extra={
          u && (
            <Space wrap>
              {mayUpdate && u.status === 'active' && (
                <Popconfirm
                  title={t(
                    '停用后该账户立即退出登录且不能再登录，确认停用？',
                    'Disable: the account is signed out and cannot sign in. Go ahead?',
                  )}
                  okText={t('停用', 'Disable')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('取消', 'Cancel')}
                  onConfirm={() =>
                    void run(
                      'status',
                      () => api.post<User>(`/api/users/${u.id}/disable`),
                      () => {
                        void message.success(t('账户已停用', 'Account disabled'));
                        user.reload();
                      },
                    )
                  }
                >
                  <Button danger loading={busy === 'status'}>
                    {t('停用账户', 'Disable')}
                  </Button>
                </Popconfirm>
              )}
              {mayUpdate && u.status === 'disabled' && (
                <Button
                  loading={busy === 'status'}
                  onClick={() =>
                    void run(
                      'status',
                      () => api.post<User>(`/api/users/${u.id}/enable`),
                      () => {
                        void message.success(t('账户已启用', 'Account enabled'));
                        user.reload();
                      },
                    )
                  }
                >
                  {t('启用账户', 'Enable')}
                </Button>
              )}
              {mayUpdate && (
                <Popconfirm
                  title={t(
                    '重置后原密码立即失效，一次性设置密码链接只发给账户本人（您看不到该链接）。确认重置？',
                    'The old password stops working at once; a one-time link goes to the account holder only (you never see it). Reset?',
                  )}
                  okText={t('重置', 'Reset')}
                  cancelText={t('取消', 'Cancel')}
                  onConfirm={() =>
                    void run(
                      'reset',
                      () => api.post<ResetPasswordResult>(`/api/users/${u.id}/reset-password`),
                      (r) => {
                        setReset(r);
                        user.reload();
                      },
                    )
                  }
                >
                  <Button icon={<KeyOutlined />} loading={busy === 'reset'}>
                    {t('重置密码', 'Reset password')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        {user.error && user.status !== 404 && <ErrorBanner message={user.error} />}
        {actionError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={actionError}
            closable={{ onClose: () => setActionError(null) }}
            style={{ marginBottom: 16 }}
          />
        )}
        {isSelf && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t(
              '这是您本人的账户：角色和状态须由其他管理员修改。',
              'This is your own account: another administrator changes its roles and status.',
            )}
          />
        )}
        {u?.status === 'pending' && can('registration:approve') && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              <Link to="/console/registrations">
                {t('该账户待审核，到注册审核处理', 'Pending: review it under Registrations')}
              </Link>
            }
          />
        )}
        {u && (
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
            <Descriptions.Item label={t('用户名', 'Username')}>{u.username}</Descriptions.Item>
            <Descriptions.Item label={t('姓名', 'Name')}>{u.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('所属区划', 'Division')}>
              {u.divisionName}（{u.divisionCode}）
            </Descriptions.Item>
            <Descriptions.Item label={t('所属单位', 'Organisation')}>
              {u.orgId ? <OrganisationName id={u.orgId} canRead={can('org:read')} /> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('手机号', 'Phone')}>
              <span data-testid="user-phone">{(full ? full.phone : u.phone) ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('身份证号', 'ID number')}>
              <span data-testid="user-id-number">{(full ? full.idNumber : u.idNumber) ?? '—'}</span>
            </Descriptions.Item>
            {u.requestedRole && (
              <Descriptions.Item label={t('申请角色', 'Role asked for')}>
                {roleName(u.requestedRole, t)}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('创建时间', 'Created')}>
              {formatDateTime(u.createdAt, locale)}
            </Descriptions.Item>
          </Descriptions>
        )}
        {u && can('pi:view_full') && (u.phone || u.idNumber) && (
          <div style={{ marginTop: 12 }}>
            {full ? (
              <Space wrap>
                <Typography.Text type="warning">
                  {t(
                    '正在显示完整个人信息；本次查看已记入审计日志。',
                    'Showing full personal data; this view was recorded in the audit log.',
                  )}
                </Typography.Text>
                <Button size="small" onClick={() => setFull(null)}>
                  {t('隐藏', 'Hide')}
                </Button>
              </Space>
            ) : (
              <Button
                icon={<EyeOutlined />}
                loading={busy === 'pi'}
                onClick={() => void run('pi', () => api.get<PersonalInfo>(`/api/users/${u.id}/personal-info`), setFull)}
              >
                {t('查看完整信息', 'Show full personal data')}
              </Button>
            )}
          </div>
        )}
      </Card>

      {u && <UserRoles user={u} mayAssign={mayAssign} grantRoots={grantRoots} onChanged={user.reload} />}

      <Modal
        title={t('密码已重置', 'Password reset')}
        open={reset !== null}
        onCancel={() => setReset(null)}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setReset(null)}>
            {t('知道了', 'OK')}
          </Button>
        }
      >
        {reset && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Alert
              type="success"
              showIcon
              title={t(
                `${reset.user.username} 的原密码已失效，一次性设置密码链接已发送给本人。`,
                `The old password of ${reset.user.username} no longer works; a one-time link went to the holder.`,
              )}
              description={t(
                '链接只发给账户本人，您看不到也无需转达密码；请提醒本人查收，用链接设置新密码后即可登录。',
                'Only the holder receives the link; you never see it or a password. Remind them to look for it and set a new password with it.',
              )}
            />
            <DeliveryFacts delivery={reset.delivery} testId="reset-delivery" />
            {reset.sessionsEnded > 0 && (
              <Typography.Text type="secondary">
                {t(
                  `已结束该账户的 ${reset.sessionsEnded} 个登录会话。`,
                  `${reset.sessionsEnded} signed-in session(s) of the account were ended.`,
                )}
              </Typography.Text>
            )}
          </Space>
        )}
      </Modal>
    </Space>
  );
}
