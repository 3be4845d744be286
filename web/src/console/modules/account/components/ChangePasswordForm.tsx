/** Change one's own password (POST /api/me/password); rules mirror the server's contract. */
import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { api, ApiError } from '../../../../shared/api.ts';
import { useSession } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The error and the server's reasons (e.g. why a new password is refused: too common, built from the name). */
function withReasons(err: ApiError, locale: string): string {
  const main = err.text(locale);
  const reasons = err.details
    .map((d) => (locale === 'en-US' && d.messageEn ? d.messageEn : d.message))
    .filter((m) => m !== main);
  if (reasons.length === 0) return main;
  return locale === 'en-US'
    ? `${main}: ${[...new Set(reasons)].join('; ')}`
    : `${main}：${[...new Set(reasons)].join('；')}`;
}

export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const { locale } = useSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.resetFields();
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? withReasons(err, locale) : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} style={{ maxWidth: 420 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item
        name="currentPassword"
        label={t('当前密码', 'Current password')}
        rules={[{ required: true, message: t('请输入当前密码', 'Enter your current password') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('新密码', 'New password')}
        extra={t(
          '至少 10 位，含大写字母、小写字母、数字、符号中的至少三类，不得包含用户名',
          'At least 10 characters from three of: upper case, lower case, digits, symbols; not containing the username',
        )}
        rules={[
          { required: true, message: t('请输入新密码', 'Enter a new password') },
          { min: 10, message: t('新密码至少 10 位', 'At least 10 characters') },
          { max: 200, message: t('新密码最多 200 位', 'At most 200 characters') },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('确认新密码', 'Confirm new password')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('请再次输入新密码', 'Repeat the new password') },
          ({ getFieldValue }) => ({
            validator: (_r, value) =>
              value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('两次输入的密码不一致', 'The passwords differ'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('修改密码', 'Change password')}
      </Button>
    </Form>
  );
}
