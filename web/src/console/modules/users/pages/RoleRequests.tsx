/**
 * 三员审批: grants and revocations of admin roles (system, security, audit administrator) waiting for a second
 * administrator (two-person rule). Anyone holding role:approve sees the requests within their scope; approve and
 * reject show only where the server says the caller may decide (never the requester, never the account concerned).
 * The server checks the chain rule again when a request is approved and explains a refusal.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { z } from 'zod';
import {
  ZListRoleRequestsQuery,
  ZRoleRequestDecision,
  type RoleRequest,
  type ZRoleRequestPage,
} from '../../../../../../contracts/users.ts';
import { api } from '../../../../shared/api.ts';
import { formatDateTime, formatNumber, type Text } from '../../../../shared/i18n.ts';
import { emptyText } from '../../../lib/list/filters.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { StatusTag } from '../../../lib/list/cells.tsx';
import { dateColumn, divisionColumn } from '../../../lib/list/columns.tsx';
import { listPagination } from '../../../lib/list/pagination.ts';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { applyServerErrors, zodRule } from '../../../lib/forms.ts';
import { roleName } from '../labels.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useUrlQuery } from '../../../lib/url-query.ts';

type Page = z.infer<typeof ZRoleRequestPage>;
type Status = RoleRequest['status'];
type Decision = 'approve' | 'reject';

/** The statuses one can filter on; the list opens on the pending ones. */
const FILTERS = ['pending', 'approved', 'rejected', 'expired'] as const;
const ZQuery = ZListRoleRequestsQuery.extend({ status: z.enum(FILTERS).default('pending') });

export const ROLE_REQUEST_STATUS_NAMES: Record<Status, Text & { color: string }> = {
  pending: { zh: '待批准', en: 'Pending', color: 'gold' },
  approved: { zh: '已批准', en: 'Approved', color: 'green' },
  rejected: { zh: '已驳回', en: 'Rejected', color: 'red' },
  cancelled: { zh: '已取消', en: 'Cancelled', color: 'default' },
  expired: { zh: '已过期', en: 'Expired', color: 'default' },
};

export default function RoleRequestsPage() {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const { message } = App.useApp();
  const [query, update] = useUrlQuery(ZQuery);
  const list = useFetch<Page>('/api/role-requests', query);
  const [deciding, setDeciding] = useState<{ request: RoleRequest; decision: Decision } | null>(null);
  const [decideError, setDecideError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();

  const opName = (op: RoleRequest['op']) => (op === 'grant' ? t('授予', 'Grant') : t('撤销', 'Revoke'));

  const open = (request: RoleRequest, decision: Decision) => {
    setDecideError(null);
    form.resetFields();
    setDeciding({ request, decision });
  };

  const decide = async ({ note }: { note?: string }) => {
    if (!deciding) return;
    const { request, decision } = deciding;
    const trimmed = note?.trim();
    setDecideError(null);
    setBusy(true);
    try {
      await api.post<RoleRequest>(`/api/role-requests/${request.id}/${decision}`, trimmed ? { note: trimmed } : {});
      const who = request.user.username;
      void message.success(
        decision === 'approve'
          ? t(`已批准：${opName(request.op)} ${who} ${roleName(request.role, t)}`, `Approved for ${who}`)
          : t(`已驳回 ${who} 的申请`, `Rejected the request for ${who}`),
      );
      setDeciding(null);
      list.reload();
    } catch (err) {
      setDecideError(applyServerErrors(form, err, ['note'], locale));
    } finally {
      setBusy(false);
    }
  };

  const items = list.data?.items ?? [];

  return (
    <Card title={t('三员审批', 'Admin approvals')}>
      <Typography.Paragraph type="secondary">
        {t(
          '授予或撤销系统、安全、审计管理员角色须由另一名管理员批准（双人规则）；申请人和账户本人不能批准，申请 7 天内未处理即过期。',
          'Granting or revoking a system, security or audit administrator role needs a second administrator (two-person rule); neither the requester nor the account may approve, and requests expire after 7 days.',
        )}
      </Typography.Paragraph>
      <div style={{ overflowX: 'auto', marginBottom: 16 }}>
        <Segmented<(typeof FILTERS)[number]>
          aria-label={t('申请状态', 'Request status')}
          value={query.status}
          options={FILTERS.map((s) => ({
            value: s,
            label: t(ROLE_REQUEST_STATUS_NAMES[s].zh, ROLE_REQUEST_STATUS_NAMES[s].en),
          }))}
          onChange={(status) => update({ status: status === 'pending' ? undefined : status })}
        />
      </div>
      {list.error && <ErrorBanner message={list.error} />}
      <Table<RoleRequest>
        rowKey="id"
        data-testid="role-requests"
        loading={list.loading}
        dataSource={items}
        scroll={{ x: 1100 }}
        locale={emptyText(
          query.status === 'pending'
            ? t('暂无待批准的三员角色变更申请', 'No admin-role requests waiting for approval')
            : t('没有记录', 'Nothing here'),
        )}
        pagination={listPagination({
          page: query.page,
          pageSize: query.pageSize,
          total: list.data?.total,
          onChange: update,
          showTotal: (n) => t(`共 ${formatNumber(n, locale)} 条`, `${formatNumber(n, locale)} in all`),
        })}
        columns={[
          {
            title: t('账户', 'Account'),
            key: 'user',
            render: (_v, r) => (
              <Space orientation="vertical" size={0}>
                {can('user:read') ? (
                  <Link to={`/console/users/${r.user.id}`}>{r.user.displayName}</Link>
                ) : (
                  r.user.displayName
                )}
                <Typography.Text type="secondary">{r.user.username}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('操作', 'Change'),
            dataIndex: 'op',
            width: 80,
            render: (op: RoleRequest['op']) => <Tag color={op === 'grant' ? 'blue' : 'orange'}>{opName(op)}</Tag>,
          },
          { title: t('角色', 'Role'), dataIndex: 'role', width: 120, render: (v: string) => roleName(v, t) },
          divisionColumn(t('范围', 'Scope'), 'divisionCode', 90),
          {
            title: t('申请人', 'Requested by'),
            key: 'requestedBy',
            width: 110,
            render: (_v, r) => r.requestedBy.username,
          },
          dateColumn(t('申请时间', 'Requested'), 'requestedAt', 170),
          {
            title: t('理由', 'Reason'),
            dataIndex: 'reason',
            render: (v: string | null) => v || <Typography.Text type="secondary">—</Typography.Text>,
          },
          {
            title: t('状态', 'Status'),
            key: 'status',
            width: 150,
            render: (_v, r) => (
              <Space orientation="vertical" size={0}>
                <StatusTag names={ROLE_REQUEST_STATUS_NAMES} value={r.status} />
                {r.decidedBy && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.decidedBy.username}
                    {r.decidedAt ? ` · ${formatDateTime(r.decidedAt, locale)}` : ''}
                  </Typography.Text>
                )}
                {r.decisionNote && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.decisionNote}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('审批', 'Decide'),
            key: 'actions',
            width: 150,
            fixed: 'right',
            render: (_v, r) =>
              r.canDecide ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    aria-label={t(`批准 ${r.user.username}`, `Approve ${r.user.username}`)}
                    onClick={() => open(r, 'approve')}
                  >
                    {t('批准', 'Approve')}
                  </Button>
                  <Button
                    danger
                    size="small"
                    aria-label={t(`驳回 ${r.user.username}`, `Reject ${r.user.username}`)}
                    onClick={() => open(r, 'reject')}
                  >
                    {t('驳回', 'Reject')}
                  </Button>
                </Space>
              ) : r.status === 'pending' ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('须由另一名管理员审批', 'Another administrator decides')}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <Modal
        title={
          deciding
            ? deciding.decision === 'approve'
              ? t(
                  `批准：${opName(deciding.request.op)} ${deciding.request.user.username} ${roleName(deciding.request.role, t)}`,
                  `Approve: ${deciding.request.op} ${roleName(deciding.request.role, t)} for ${deciding.request.user.username}`,
                )
              : t(
                  `驳回：${opName(deciding.request.op)} ${deciding.request.user.username} ${roleName(deciding.request.role, t)}`,
                  `Reject: ${deciding.request.op} ${roleName(deciding.request.role, t)} for ${deciding.request.user.username}`,
                )
            : ''
        }
        open={deciding !== null}
        onCancel={() => setDeciding(null)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okText={deciding?.decision === 'reject' ? t('确认驳回', 'Reject') : t('确认批准', 'Approve')}
        okButtonProps={{ danger: deciding?.decision === 'reject' }}
        cancelText={t('取消', 'Cancel')}
        forceRender
      >
        {deciding?.decision === 'approve' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t(
              '批准后立即生效，该账户须重新登录；此决定记入审计日志。',
              'It takes effect at once and the account must sign in again; the decision is recorded in the audit log.',
            )}
          />
        )}
        {decideError && <Alert type="error" showIcon title={decideError} role="alert" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void decide(v)}>
          <Form.Item
            name="note"
            label={t('审批意见（选填，将通知申请人）', 'Note (optional, sent to the requester)')}
            rules={[zodRule(ZRoleRequestDecision.shape.note, { locale, label: t('审批意见', 'Note') })]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
