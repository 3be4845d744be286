/** 注册审核: self-registrations of enterprises, researchers and farmers in the user's scope; approve or reject. */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Segmented, Space, Table, Typography } from 'antd';
import type { z } from 'zod';
import {
  ZListRegistrationsQuery,
  ZRejectRequest,
  type ZRegistration,
  type ZRegistrationPage,
} from '../../../../../../contracts/users.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { formatNumber } from '../../../../shared/i18n.ts';
import { DivisionSelect } from '../../../lib/DivisionSelect.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { emptyText, FilterBar } from '../../../lib/list/filters.tsx';
import { StatusTag } from '../../../lib/list/cells.tsx';
import { dateColumn, divisionColumn } from '../../../lib/list/columns.tsx';
import { listPagination } from '../../../lib/list/pagination.ts';
import { useDivision } from '../../../division.tsx';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { applyServerErrors, zodRule } from '../../../lib/forms.ts';
import { roleName, USER_STATUS_NAMES } from '../labels.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useUrlQuery } from '../../../lib/url-query.ts';

type Registration = z.infer<typeof ZRegistration>;
type RegistrationPage = z.infer<typeof ZRegistrationPage>;
type Status = 'pending' | 'active' | 'rejected';

export default function RegistrationsPage() {
  const t = useT();
  const { locale } = useSession();
  const { current } = useDivision();
  const { message } = App.useApp();
  const [query, update] = useUrlQuery(ZListRegistrationsQuery);
  const filters = { ...query, division: query.division ?? current.code };
  const list = useFetch<RegistrationPage>('/api/registrations', filters);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<Registration | null>(null);
  const [rejectError, setRejectError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const approve = async (r: Registration) => {
    setBusyId(r.id);
    try {
      await api.post(`/api/registrations/${r.id}/approve`);
      void message.success(t(`已通过 ${r.displayName} 的注册`, `Approved ${r.displayName}`));
      list.reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusyId(null);
    }
  };

  const reject = async ({ reason }: { reason: string }) => {
    if (!rejecting) return;
    setRejectError(null);
    try {
      await api.post(`/api/registrations/${rejecting.id}/reject`, { reason: reason.trim() });
      void message.success(t(`已驳回 ${rejecting.displayName} 的注册`, `Rejected ${rejecting.displayName}`));
      setRejecting(null);
      form.resetFields();
      list.reload();
    } catch (err) {
      setRejectError(applyServerErrors(form, err, ['reason'], locale));
    }
  };

  const statusLabel = (s: Status) => t(USER_STATUS_NAMES[s].zh, USER_STATUS_NAMES[s].en);

  return (
    <Card title={t('注册审核', 'Registrations')}>
      <FilterBar>
        <Segmented<Status>
          aria-label={t('审核状态', 'Review status')}
          value={query.status}
          options={(['pending', 'active', 'rejected'] as const).map((s) => ({ value: s, label: statusLabel(s) }))}
          onChange={(status) => update({ status: status === 'pending' ? undefined : status })}
        />
        <DivisionSelect value={filters.division} onChange={(division) => update({ division })} />
      </FilterBar>
      {list.error && <ErrorBanner message={list.error} />}
      <Table<Registration>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 960 }}
        locale={emptyText(
          query.status === 'pending'
            ? t('暂无待审核的注册', 'No registrations waiting for review')
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
            title: t('申请人', 'Applicant'),
            dataIndex: 'displayName',
            render: (name: string, r) => (
              <Space orientation="vertical" size={0}>
                {name}
                <Typography.Text type="secondary">{r.username}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('申请角色', 'Role asked for'),
            dataIndex: 'requestedRole',
            width: 120,
            render: (v: string | null) => roleName(v, t),
          },
          divisionColumn(t('行政区划', 'Division'), 'divisionName'),
          { title: t('手机号', 'Phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
          {
            title: t('单位', 'Organisation'),
            dataIndex: 'organisation',
            render: (o: Registration['organisation']) =>
              o ? (
                <Space orientation="vertical" size={0}>
                  {o.name}
                  {o.uscc && <Typography.Text code>{o.uscc}</Typography.Text>}
                </Space>
              ) : (
                '—'
              ),
          },
          dateColumn(t('提交时间', 'Submitted'), 'createdAt'),
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 160,
            fixed: 'right',
            render: (_v, r) =>
              r.status === 'pending' ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    aria-label={t(`通过 ${r.displayName}`, `Approve ${r.displayName}`)}
                    loading={busyId === r.id}
                    onClick={() => void approve(r)}
                  >
                    {t('通过', 'Approve')}
                  </Button>
                  <Button
                    danger
                    size="small"
                    aria-label={t(`驳回 ${r.displayName}`, `Reject ${r.displayName}`)}
                    disabled={busyId === r.id}
                    onClick={() => {
                      setRejectError(null);
                      form.resetFields();
                      setRejecting(r);
                    }}
                  >
                    {t('驳回', 'Reject')}
                  </Button>
                </Space>
              ) : (
                <StatusTag names={USER_STATUS_NAMES} value={r.status} />
              ),
          },
        ]}
      />
      <Modal
        title={rejecting ? t(`驳回 ${rejecting.displayName} 的注册`, `Reject ${rejecting.displayName}`) : ''}
        open={rejecting !== null}
        onCancel={() => setRejecting(null)}
        onOk={() => form.submit()}
        okText={t('确认驳回', 'Reject')}
        okButtonProps={{ danger: true }}
        cancelText={t('取消', 'Cancel')}
        forceRender
      >
        {rejectError && <Alert type="error" showIcon title={rejectError} role="alert" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void reject(v)}>
          <Form.Item
            name="reason"
            label={t('驳回理由（将通知申请人）', 'Reason (sent to the applicant)')}
            rules={[zodRule(ZRejectRequest.shape.reason, { locale, label: t('驳回理由', 'A reason') })]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
