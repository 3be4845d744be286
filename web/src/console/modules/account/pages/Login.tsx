/**
 * Sign-in (登录): password, then the second factor for the three administrators (enrolment with a QR code on the
 * first sign-in), then a forced password change when an administrator has reset the password. Demo mode lists
 * the demo accounts.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, QRCode, Segmented, Space, Table, Tag, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import type { Session } from '../../../../../../contracts/auth.ts';
import type { PlatformInfo } from '../../../../../../contracts/platform.ts';
import { ROLE_NAMES, isRoleCode } from '../../../../../../contracts/access.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { LOCALES } from '../../../../shared/i18n.ts';
import { useSession } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { ChangePasswordForm } from '../components/ChangePasswordForm.tsx';

type Step = 'password' | 'totp' | 'change-password';

function stepOf(s: Session | null | undefined): Step {
  if (!s) return 'password';
  if (s.mfaRequired) return 'totp';
  if (s.mustChangePassword) return 'change-password';
  return 'password';
}

/** Only same-site console paths are followed after sign-in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/console') && !next.startsWith('//') && !next.startsWith('/console/login')
    ? next
    : '/console';
}

export function LoginPage() {
  const { session, accept, locale, setLocale, refresh } = useSession();
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [info, setInfo] = useState<PlatformInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [totpSetup, setTotpSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [form] = Form.useForm<{ username: string; password: string }>();
  const { message } = App.useApp();
  const step = stepOf(session);

  useEffect(() => {
    void api.get<PlatformInfo>('/api/platform/info').then(setInfo, () => setInfo(null));
  }, []);

  useEffect(() => {
    if (session && step === 'password') void navigate(next, { replace: true });
  }, [session, step, next, navigate]);

  useEffect(() => {
    if (step === 'totp' && session && !session.mfaEnrolled && !totpSetup)
      void api.get<{ secret: string; otpauthUri: string }>('/api/auth/totp/setup').then(setTotpSetup);
  }, [step, session, totpSetup]);

  const fail = (err: unknown) => setError(err instanceof ApiError ? err.text(locale) : String(err));

  const onLogin = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      accept(await api.post<Session>('/api/auth/login', v));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const onTotp = async (v: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      accept(await api.post<Session>('/api/auth/totp', { code: v.code.trim() }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="qx-login">
      <div className="qx-login-inner">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('旗县 · 县域创新驱动发展平台', 'Qixian county innovation platform')}
          </Typography.Title>
          <Segmented
            aria-label={t('界面语言', 'Language')}
            size="small"
            value={locale}
            options={LOCALES}
            onChange={(v) => void setLocale(v)}
          />
        </div>
        <Card
          title={
            step === 'totp'
              ? t('动态口令验证', 'One-time code')
              : step === 'change-password'
                ? t('设置新密码', 'Set a new password')
                : t('工作台登录', 'Console sign-in')
          }
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          {step === 'password' && (
            <Form form={form} layout="vertical" onFinish={(v) => void onLogin(v)} requiredMark={false}>
              <Form.Item
                name="username"
                label={t('用户名', 'Username')}
                rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}
              >
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('密码', 'Password')}
                rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                {t('登录', 'Sign in')}
              </Button>
            </Form>
          )}
          {step === 'totp' && session && (
            <Form layout="vertical" onFinish={(v: { code: string }) => void onTotp(v)} requiredMark={false}>
              {!session.mfaEnrolled && totpSetup && (
                <Space orientation="vertical" style={{ marginBottom: 16 }}>
                  <Typography.Paragraph>
                    {t(
                      '管理员账户须绑定动态口令。请用身份验证器（如 Google Authenticator、Microsoft Authenticator）扫描二维码，或手工输入密钥：',
                      'Administrator accounts need a one-time code. Scan the QR code with an authenticator app, or enter the key:',
                    )}
                  </Typography.Paragraph>
                  <QRCode value={totpSetup.otpauthUri} size={168} />
                  <Typography.Text code copyable data-testid="totp-secret">
                    {totpSetup.secret}
                  </Typography.Text>
                </Space>
              )}
              <Form.Item
                name="code"
                label={t('6 位动态口令', '6-digit code')}
                rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('动态口令为 6 位数字', 'Six digits') }]}
              >
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} autoFocus />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('验证', 'Verify')}
                </Button>
                <Button onClick={() => void api.post('/api/auth/logout').finally(() => void refresh())}>
                  {t('返回', 'Back')}
                </Button>
              </Space>
            </Form>
          )}
          {step === 'change-password' && (
            <>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={t(
                  '密码已由管理员重置，请设置新密码后继续。',
                  'Your password was reset; set a new one to continue.',
                )}
              />
              <ChangePasswordForm
                onDone={() => {
                  message.success(t('密码已修改', 'Password changed'));
                  void refresh();
                }}
              />
            </>
          )}
        </Card>
        {step === 'password' && info?.demo && (
          <Card
            size="small"
            style={{ marginTop: 16 }}
            title={
              <Space>
                <Tag color="orange">{t('演示数据', 'Demo data')}</Tag>
                {t('演示账户（密码均为', 'Demo accounts (password')}{' '}
                <Typography.Text code>{info.demo.password}</Typography.Text>
                {t('）', ')')}
              </Space>
            }
          >
            <Table
              size="small"
              rowKey="username"
              pagination={false}
              dataSource={info.demo.accounts}
              onRow={(r) => ({
                onClick: () => form.setFieldsValue({ username: r.username, password: info.demo?.password ?? '' }),
                style: { cursor: 'pointer' },
              })}
              columns={[
                { title: t('用户名', 'Username'), dataIndex: 'username' },
                {
                  title: t('角色', 'Role'),
                  dataIndex: 'role',
                  render: (r: string) => (isRoleCode(r) ? t(ROLE_NAMES[r].zh, ROLE_NAMES[r].en) : r),
                },
                { title: t('区划', 'Division'), dataIndex: 'divisionName' },
              ]}
            />
            <Typography.Text type="secondary">
              {t(
                '点击一行填入账户。另有每个旗县一个账户 county-<区划代码>。管理员首次登录需绑定动态口令。',
                'Click a row to fill it in. Every county has an account county-<code>. Administrators enrol a one-time code at first sign-in.',
              )}
            </Typography.Text>
          </Card>
        )}
      </div>
    </main>
  );
}
