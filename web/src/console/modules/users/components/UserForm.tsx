/**
 * 新建账户: a staff account, validated by ZCreateUserRequest; roles are granted afterwards on the account page. The
 * initial password is optional and best left empty: the server then sends an activation link to the holder only, so
 * nobody else ever knows the password (with an initial password the holder must change it at first sign-in).
 */
import { useState } from 'react';
import { Alert, Button, Form, Input, Space } from 'antd';
import type { z } from 'zod';
import { ZCreateUserRequest, type ZCreatedUser } from '../../../../../../contracts/users.ts';
import { api } from '../../../../shared/api.ts';
import { DivisionSelect } from '../../../lib/DivisionSelect.tsx';
import { OrganisationSelect } from '../../../lib/OrganisationSelect.tsx';
import { useDivision } from '../../../division.tsx';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { applyServerErrors, cleanValues, contractRules } from '../../../lib/forms.ts';

interface Values {
  username?: string;
  password?: string;
  displayName?: string;
  divisionCode?: string;
  orgId?: number;
  phone?: string;
  idNumber?: string;
}

export type CreatedUser = z.infer<typeof ZCreatedUser>;

const FIELDS = ['username', 'password', 'displayName', 'divisionCode', 'orgId', 'phone', 'idNumber'] as const;

export function UserForm({ onCreated, onCancel }: { onCreated: (user: CreatedUser) => void; onCancel?: () => void }) {
  const t = useT();
  const { locale } = useSession();
  const { current } = useDivision();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const division = Form.useWatch('divisionCode', form);
  const rules = contractRules(ZCreateUserRequest, {
    locale,
    labels: {
      username: t('用户名', 'Username'),
      password: t('初始密码', 'Initial password'),
      displayName: t('姓名', 'Name'),
      divisionCode: t('所属区划', 'Division'),
    },
  });

  const submit = async (values: Values) => {
    setError(null);
    const parsed = ZCreateUserRequest.safeParse(cleanValues({ ...values }));
    if (!parsed.success) return;
    setBusy(true);
    try {
      onCreated(await api.post<CreatedUser>('/api/users', parsed.data));
      form.resetFields();
    } catch (err) {
      setError(applyServerErrors(form, err, FIELDS, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="create-user"
      initialValues={{ divisionCode: current.code }}
      onFinish={(v) => void submit(v)}
      onValuesChange={() => setError(null)}
      autoComplete="off"
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form.Item
        name="username"
        label={t('用户名', 'Username')}
        extra={t('3-64 位小写字母、数字、点、下划线或连字符', '3-64 of a-z, 0-9, dot, underscore, hyphen')}
        rules={rules('username')}
      >
        <Input autoComplete="off" spellCheck={false} />
      </Form.Item>
      <Form.Item name="displayName" label={t('姓名', 'Name')} rules={rules('displayName')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('初始密码（选填）', 'Initial password (optional)')}
        extra={t(
          '留空：系统将激活链接只发给本人（推荐）。如填写：至少 10 位，含大写字母、小写字母、数字、符号中的至少三类，本人首次登录须修改',
          'Leave empty: the system sends an activation link to the holder only (recommended). If given: at least 10 characters from three of upper case, lower case, digits, symbols; the holder must change it at first sign-in',
        )}
        rules={rules('password')}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="divisionCode" label={t('所属区划', 'Division')} rules={rules('divisionCode')}>
        <DivisionSelect />
      </Form.Item>
      <Form.Item name="orgId" label={t('所属单位', 'Organisation')} rules={rules('orgId')}>
        <OrganisationSelect division={division} />
      </Form.Item>
      <Form.Item name="phone" label={t('手机号', 'Mobile phone')} rules={rules('phone')}>
        <Input inputMode="tel" maxLength={11} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('身份证号', 'ID number')}
        extra={t('加密保存，默认脱敏显示', 'Stored encrypted, shown masked')}
        rules={rules('idNumber')}
      >
        <Input maxLength={18} autoComplete="off" spellCheck={false} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('创建账户', 'Create account')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('取消', 'Cancel')}</Button>}
      </Space>
    </Form>
  );
}
