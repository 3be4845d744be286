/** 单位管理: organisations in the user's scope, server-side paged, filters in the URL, export, create, bulk import. */
import { useState } from 'react';
import { App, Button, Card, Modal, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import {
  ZListOrganisationsQuery,
  type Organisation,
  type ZOrganisationPage,
} from '../../../../../../contracts/organisations.ts';
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
import { OrganisationForm } from '../components/OrganisationForm.tsx';
import { ORG_STATUS_NAMES, ORG_TYPE_NAMES, ORGANISATION_STATUSES, ORGANISATION_TYPES } from '../labels.ts';
import { optionsOf } from '../../../lib/options.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { exportFilters, useUrlQuery } from '../../../lib/url-query.ts';

type OrganisationPage = z.infer<typeof ZOrganisationPage>;

export default function OrganisationsPage() {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const { current } = useDivision();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [query, update] = useUrlQuery(ZListOrganisationsQuery);
  const [creating, setCreating] = useState(false);
  const filters = { ...query, division: query.division ?? current.code };
  const list = useFetch<OrganisationPage>('/api/organisations', filters);
  const filtered = Boolean(query.type || query.status || query.q);

  return (
    <Card
      title={t('单位管理', 'Organisations')}
      extra={
        <Space wrap>
          {can('org:create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('新增单位', 'New organisation')}
            </Button>
          )}
          {can('org:create') && (
            <Button icon={<UploadOutlined />} onClick={() => void navigate('/console/organisations/import')}>
              {t('批量导入', 'Bulk import')}
            </Button>
          )}
          <ExportButtons path="/api/organisations/export" filters={exportFilters(filters)} baseName="organisations" />
        </Space>
      }
    >
      <FilterBar>
        <DivisionSelect
          aria-label={t('行政区划', 'Division')}
          value={filters.division}
          onChange={(division) => update({ division })}
        />
        <SelectFilter
          label={t('单位类型', 'Type')}
          placeholder={t('全部类型', 'All types')}
          width={150}
          value={query.type}
          options={optionsOf(ORG_TYPE_NAMES, ORGANISATION_TYPES, t)}
          onChange={(type) => update({ type })}
        />
        <SelectFilter
          label={t('状态', 'Status')}
          placeholder={t('全部状态', 'All statuses')}
          width={130}
          value={query.status}
          options={optionsOf(ORG_STATUS_NAMES, ORGANISATION_STATUSES, t)}
          onChange={(status) => update({ status })}
        />
        <SearchFilter
          label={t('按名称或信用代码搜索', 'Search by name or credit code')}
          placeholder={t('单位名称或信用代码', 'Name or credit code')}
          width={300}
          value={query.q}
          withButton
          onSearch={(q) => update({ q })}
        />
      </FilterBar>
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      <Table<Organisation>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={emptyText(
          list.error
            ? t('未能加载单位列表', 'The list could not be loaded')
            : filtered
              ? t('没有符合条件的单位', 'No organisation matches the filters')
              : t('该区划下暂无单位', 'No organisations in this division yet'),
        )}
        pagination={listPagination({
          page: query.page,
          pageSize: query.pageSize,
          total: list.data?.total,
          onChange: update,
          showTotal: (total) =>
            t(`共 ${formatNumber(total, locale)} 个单位`, `${formatNumber(total, locale)} organisations`),
        })}
        columns={[
          {
            title: t('单位名称', 'Name'),
            dataIndex: 'name',
            render: (name: string, o) => (
              <Space size={4}>
                <Link to={`/console/organisations/${o.id}`}>{name}</Link>
                {o.isDemo && <Tag color="orange">{t('演示', 'Demo')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('类型', 'Type'),
            dataIndex: 'type',
            width: 120,
            render: (v: Organisation['type']) => t(ORG_TYPE_NAMES[v].zh, ORG_TYPE_NAMES[v].en),
          },
          {
            title: t('统一社会信用代码', 'Credit code'),
            dataIndex: 'uscc',
            width: 200,
            render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : '—'),
          },
          divisionColumn(t('行政区划', 'Division'), 'divisionName', 130),
          statusColumn(t('状态', 'Status'), 'status', ORG_STATUS_NAMES),
          dateColumn(t('登记时间', 'Registered'), 'createdAt'),
        ]}
      />
      <Modal
        title={t('新增单位', 'New organisation')}
        open={creating}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
      >
        <OrganisationForm
          onCancel={() => setCreating(false)}
          onCreated={(org) => {
            setCreating(false);
            void message.success(t(`已登记单位：${org.name}`, `Organisation created: ${org.name}`));
            void navigate(`/console/organisations/${org.id}`);
          }}
        />
      </Modal>
    </Card>
  );
}
