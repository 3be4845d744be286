/**
 * 用户管理: accounts in the user's scope (personal data masked), filters in the URL, export, create. After a create
 * without an initial password, a notice says where the activation link went (to the holder only).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Modal, Space, Table, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import { ZListUsersQuery, type User, type ZUserPage } from '../../../../../../contracts/users.ts';
import { formatNumber } from '../../../../shared/i18n.ts';
import { DivisionSelect } from '../../../lib/DivisionSelect.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { ExportButtons } from '../../../lib/list/ExportButtons.tsx';
import { emptyText, FilterBar, SearchFilter, SelectFilter } from '../../../lib/list/filters.tsx';
import { dateColumn, divisionColumn, statusColumn } from '../../../lib/list/columns.tsx';
import { listPagination } from '../../../lib/list/pagination.ts';
import { useDivision } from '../../../division.tsx';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { UserForm, type CreatedUser } from '../components/UserForm.tsx';
import { DeliveryFacts } from '../components/delivery.tsx';
import { optionsOf } from '../../../lib/options.ts';
import { ROLE_CODES, roleName, USER_STATUS_NAMES, USER_STATUSES } from '../labels.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { exportFilters, useUrlQuery } from '../../../lib/url-query.ts';

type UserPage = z.infer<typeof ZUserPage>;

export default function UsersPage() {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const { current } = useDivision();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [query, update] = useUrlQuery(ZListUsersQuery);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const filters = { ...query, division: query.division ?? current.code };
  const list = useFetch<UserPage>('/api/users', filters);
  const filtered = Boolean(query.status || query.role || query.q);

  return (
    <Card
      title={t('用户管理', 'Users')}
      extra={
        <Space wrap>
          {can('user:create') && (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
              {t('新建账户', 'New account')}
            </Button>
          )}
          <ExportButtons path="/api/users/export" filters={exportFilters(filters)} baseName="users" />
        </Space>
      }
    >
      <FilterBar>
        <DivisionSelect value={filters.division} onChange={(division) => update({ division })} />
        <SelectFilter
          label={t('状态', 'Status')}
          placeholder={t('全部状态', 'All statuses')}
          width={130}
          value={query.status}
          options={optionsOf(USER_STATUS_NAMES, USER_STATUSES, t)}
          onChange={(status) => update({ status })}
        />
        <SelectFilter
          label={t('角色', 'Role')}
          placeholder={t('全部角色', 'All roles')}
          width={200}
          value={query.role}
          options={ROLE_CODES.map((r) => ({ value: r, label: roleName(r, t) }))}
          onChange={(role) => update({ role })}
        />
        <SearchFilter
          label={t('按用户名或姓名搜索', 'Search by username or name')}
          placeholder={t('用户名或姓名', 'Username or name')}
          width={280}
          value={query.q}
          withButton
          onSearch={(q) => update({ q })}
        />
      </FilterBar>
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      <Table<User>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        locale={emptyText(
          filtered
            ? t('没有符合条件的账户', 'No account matches the filters')
            : t('该区划下暂无账户', 'No accounts in this division'),
        )}
        pagination={listPagination({
          page: query.page,
          pageSize: query.pageSize,
          total: list.data?.total,
          onChange: update,
          showTotal: (n) => t(`共 ${formatNumber(n, locale)} 个账户`, `${formatNumber(n, locale)} accounts`),
        })}
        columns={[
          {
            title: t('用户名', 'Username'),
            dataIndex: 'username',
            render: (v: string, u) => <Link to={`/console/users/${u.id}`}>{v}</Link>,
          },
          { title: t('姓名', 'Name'), dataIndex: 'displayName' },
          divisionColumn(t('所属区划', 'Division'), 'divisionName'),
          {
            title: t('角色', 'Roles'),
            dataIndex: 'roles',
            render: (roles: User['roles']) =>
              roles.length === 0 ? (
                <Typography.Text type="secondary">{t('无', 'None')}</Typography.Text>
              ) : (
                roles.map((r) => <Tag key={`${r.role}@${r.divisionCode}`}>{roleName(r.role, t)}</Tag>)
              ),
          },
          { title: t('手机号', 'Phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
          statusColumn(t('状态', 'Status'), 'status', USER_STATUS_NAMES, 90),
          dateColumn(t('创建时间', 'Created'), 'createdAt'),
        ]}
      />
      <Modal
        title={t('新建账户', 'New account')}
        open={creating}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
      >
        <UserForm
          onCancel={() => setCreating(false)}
          onCreated={(u) => {
            setCreating(false);
            if (u.activation) {
              setCreated(u);
              return;
            }
            void message.success(
              t(
                `已创建账户 ${u.username}，请在详情页授予角色`,
                `Account ${u.username} created; grant roles on its page`,
              ),
            );
            void navigate(`/console/users/${u.id}`);
          }}
        />
      </Modal>
      <Modal
        title={t('账户已创建', 'Account created')}
        open={created !== null}
        onCancel={() => setCreated(null)}
        destroyOnHidden
        footer={
          <Space wrap>
            <Button onClick={() => setCreated(null)}>{t('关闭', 'Close')}</Button>
            <Button
              type="primary"
              onClick={() => {
                const id = created?.id;
                setCreated(null);
                if (id) void navigate(`/console/users/${id}`);
              }}
            >
              {t('去授予角色', 'Grant roles')}
            </Button>
          </Space>
        }
      >
        {created?.activation && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Alert
              type="success"
              showIcon
              title={t(
                `已创建账户 ${created.username}，激活链接已发送给本人。`,
                `Account ${created.username} created; the activation link went to the holder.`,
              )}
              description={t(
                '本人用链接设置自己的密码后即可登录；您看不到该链接，也无需转达密码。',
                'The holder sets their own password with the link, then signs in; you never see the link or a password.',
              )}
            />
            <DeliveryFacts delivery={created.activation} testId="activation-delivery" />
          </Space>
        )}
      </Modal>
    </Card>
  );
}
