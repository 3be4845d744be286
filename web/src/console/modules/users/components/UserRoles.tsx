/**
 * 角色: an account's role assignments, revoke, and the grant form — roles only within the granter's own scope
 * (role:assign), separation-of-duties conflicts greyed out. Business roles change at once; a grant or revocation of an
 * admin role (三员) becomes a request that a second administrator approves (the server answers 202), shown here with
 * a link to 三员审批. Used by the account page.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { z } from 'zod';
import {
  type ZRoleAssignment,
  ZRoleChangeRequest,
  type RoleRequest,
  type User,
  type ZRoleChangePending,
} from '../../../../../../contracts/users.ts';
import { isAdminRole } from '../../../../../../contracts/access.ts';
import { api } from '../../../../shared/api.ts';
import { DivisionSelect } from '../../../lib/DivisionSelect.tsx';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { applyServerErrors, contractRules } from '../../../lib/forms.ts';
import { ROLE_CODES, roleName } from '../labels.ts';
import { grantProblem } from '../scope.ts';

type Grant = z.infer<typeof ZRoleAssignment>;
type Change = z.infer<typeof ZRoleChangeRequest>;
type Pending = z.infer<typeof ZRoleChangePending>;

export interface UserRolesProps {
  user: User;
  /** Whether the signed-in user may grant and revoke roles on this account. */
  mayAssign: boolean;
  /** Divisions the signed-in user may grant roles in. */
  grantRoots: { code: string; name: string }[];
  onChanged: () => void;
}

export function UserRoles({ user, mayAssign, grantRoots, onChanged }: UserRolesProps) {
  const t = useT();
  const { locale } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Partial<Change>>();
  const [grantError, setGrantError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<RoleRequest | null>(null);
  const chosen = Form.useWatch('role', form);
  const grantRules = contractRules(ZRoleChangeRequest, {
    locale,
    labels: { role: t('角色', 'Role'), divisionCode: t('授权范围', 'Scope'), reason: t('申请理由', 'Reason') },
  });

  /**
   * Grant and revoke share the error banner: a refusal shows above the form, a field error on its field. An admin
   * role answers 202: the change waits for a second administrator.
   */
  const change = async (path: string, body: Change, done: string) => {
    setGrantError(null);
    setPending(null);
    setBusy(true);
    try {
      const answer = await api.post<User | Pending>(path, body);
      if ('pending' in answer) {
        setPending(answer.request);
        void message.info(t('已提交申请，待另一名管理员批准', 'Request sent: a second administrator must approve'));
      } else {
        void message.success(done);
        onChanged();
      }
      return true;
    } catch (err) {
      setGrantError(applyServerErrors(form, err, ['role', 'divisionCode', 'reason'], locale));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const grant = async (values: Partial<Change>) => {
    const reason = values.reason?.trim();
    const parsed = ZRoleChangeRequest.safeParse({
      role: values.role,
      divisionCode: values.divisionCode,
      ...(reason && values.role && isAdminRole(values.role) ? { reason } : {}),
    });
    if (!parsed.success) return;
    const name = roleName(parsed.data.role, t);
    if (await change(`/api/users/${user.id}/roles`, parsed.data, t(`已授予 ${name}`, `Granted ${name}`)))
      form.resetFields(['role', 'reason']);
  };

  const revoke = (r: Grant) => change(`/api/users/${user.id}/roles/revoke`, r, t('角色已撤销', 'Role revoked'));

  return (
    <Card title={t('角色', 'Roles')}>
      <Table<Grant>
        rowKey={(r) => `${r.role}@${r.divisionCode}`}
        size="small"
        pagination={false}
        dataSource={user.roles}
        locale={{ emptyText: t('尚未授予角色', 'No roles yet') }}
        columns={[
          { title: t('角色', 'Role'), dataIndex: 'role', render: (r: string) => roleName(r, t) },
          { title: t('授权范围（区划代码）', 'Scope (division code)'), dataIndex: 'divisionCode' },
          ...(mayAssign
            ? [
                {
                  title: t('操作', 'Actions'),
                  key: 'revoke',
                  width: 120,
                  render: (_v: unknown, r: Grant) => (
                    <Popconfirm
                      title={
                        isAdminRole(r.role)
                          ? t(
                              `申请撤销 ${roleName(r.role, t)}？须另一名管理员批准后生效。`,
                              `Ask to revoke ${roleName(r.role, t)}? A second administrator must approve.`,
                            )
                          : t(
                              `撤销 ${roleName(r.role, t)}？该账户须重新登录。`,
                              `Revoke ${roleName(r.role, t)}? The account must sign in again.`,
                            )
                      }
                      okText={t('撤销', 'Revoke')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('取消', 'Cancel')}
                      onConfirm={() => void revoke(r)}
                    >
                      <Button
                        type="link"
                        danger
                        size="small"
                        aria-label={t(`撤销 ${roleName(r.role, t)}`, `Revoke ${roleName(r.role, t)}`)}
                      >
                        {t('撤销', 'Revoke')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {pending && (
        <Alert
          type="info"
          showIcon
          role="status"
          data-testid="role-request-pending"
          style={{ marginTop: 16 }}
          closable={{ onClose: () => setPending(null) }}
          title={t('已提交申请，待另一名管理员批准', 'Request sent: a second administrator must approve')}
          description={
            <>
              {t(
                `${pending.op === 'grant' ? '授予' : '撤销'} ${roleName(pending.role, t)}（${pending.divisionCode}）须另一名管理员批准后生效（7 天内有效）。`,
                `${pending.op === 'grant' ? 'Granting' : 'Revoking'} ${roleName(pending.role, t)} (${pending.divisionCode}) takes effect once a second administrator approves (within 7 days).`,
              )}{' '}
              <Link to="/console/role-requests">{t('查看三员审批', 'Open admin approvals')}</Link>
            </>
          }
        />
      )}
      {mayAssign && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('授予角色', 'Grant a role')}
          </Typography.Title>
          {grantError && <Alert type="error" showIcon role="alert" title={grantError} style={{ marginBottom: 12 }} />}
          <Form<Partial<Change>>
            form={form}
            layout="inline"
            name="grant-role"
            initialValues={{ divisionCode: user.divisionCode }}
            onFinish={(v) => void grant(v)}
            onValuesChange={() => setGrantError(null)}
          >
            <Form.Item name="role" label={t('角色', 'Role')} rules={grantRules('role')}>
              <Select
                aria-label={t('角色', 'Role')}
                style={{ width: 240 }}
                placeholder={t('选择角色', 'Choose a role')}
                options={ROLE_CODES.map((r) => {
                  const problem = grantProblem(user.roles, { role: r });
                  return {
                    value: r,
                    disabled: problem !== null,
                    label:
                      problem === 'separation'
                        ? `${roleName(r, t)}${t('（三员分立，不可兼任）', ' (separation of duties)')}`
                        : isAdminRole(r)
                          ? `${roleName(r, t)}${t('（须另一名管理员批准）', ' (second admin approves)')}`
                          : roleName(r, t),
                  };
                })}
              />
            </Form.Item>
            <Form.Item
              name="divisionCode"
              label={t('授权范围', 'Scope')}
              rules={grantRules('divisionCode')}
              tooltip={t('只能在您本人的授权范围内选择', 'Only within your own scope')}
            >
              <DivisionSelect roots={grantRoots} />
            </Form.Item>
            {chosen && isAdminRole(chosen) && (
              <Form.Item name="reason" label={t('申请理由', 'Reason')} rules={grantRules('reason')}>
                <Input
                  maxLength={500}
                  style={{ width: 280 }}
                  placeholder={t('选填，供审批人参考', 'Optional, for the approver')}
                />
              </Form.Item>
            )}
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                {chosen && isAdminRole(chosen) ? t('提交申请', 'Ask for approval') : t('授予', 'Grant')}
              </Button>
            </Form.Item>
          </Form>
        </>
      )}
    </Card>
  );
}
