/**
 * 技术合同登记: registered technology contracts where the seller or the buyer lies in the user's scope, with filters
 * (year, type, field, division and direction, 登记机构, 免税复核, overdue registration) and export.
 */
import { Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import {
  ZListContractsQuery,
  type Contract,
  type ZContractCodeLists,
} from '../../../../../../contracts/market-contracts.ts';
import type { z } from 'zod';
import { formatNumber } from '../../../../shared/i18n.ts';
import { DivisionSelect } from '../../../lib/DivisionSelect.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { ExportButtons } from '../../../lib/list/ExportButtons.tsx';
import { emptyText, FilterBar, SearchFilter, SelectFilter } from '../../../lib/list/filters.tsx';
import { listPagination } from '../../../lib/list/pagination.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { exportFilters, useUrlQuery } from '../../../lib/url-query.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { DIRECTION_NAMES, yearOptions } from '../contract-view.ts';
import { optionsFrom } from '../labels.ts';

type CodeLists = z.infer<typeof ZContractCodeLists>;
const codeOptions = (l: { code: string; name: string }[] | undefined) =>
  (l ?? []).map((c) => ({ value: c.code, label: c.name }));

export default function ContractsPage() {
  const t = useT();
  const { locale } = useSession();
  const [query, update] = useUrlQuery(ZListContractsQuery);
  const list = useFetch<{ items: Contract[]; total: number }>('/api/market/contracts', query);
  const codes = useFetch<CodeLists>('/api/market/contract-code-lists');
  const wan = (n: number) => formatNumber(n, locale);

  return (
    <Card
      title={t('技术合同登记', 'Technology contracts')}
      extra={
        <ExportButtons
          path="/api/market/contracts/export"
          filters={exportFilters(query)}
          baseName="technology-contracts"
        />
      }
    >
      <FilterBar>
        <SelectFilter
          label={t('年度', 'Year')}
          placeholder={t('全部年度', 'All years')}
          width={110}
          value={query.year === undefined ? undefined : String(query.year)}
          options={yearOptions(new Date().getFullYear())}
          onChange={(year) => update({ year })}
        />
        <SelectFilter
          label={t('合同类型', 'Type')}
          placeholder={t('全部类型', 'All types')}
          width={120}
          value={query.type}
          options={codeOptions(codes.data?.types)}
          onChange={(type) => update({ type })}
        />
        <SelectFilter
          label={t('技术领域', 'Field')}
          placeholder={t('全部领域', 'All fields')}
          width={170}
          value={query.field}
          options={codeOptions(codes.data?.fields)}
          onChange={(field) => update({ field })}
        />
        <DivisionSelect
          aria-label={t('地区', 'Division')}
          allowClear
          placeholder={t('全部地区', 'All divisions')}
          style={{ width: 190 }}
          value={query.division}
          onChange={(division) => update({ division })}
        />
        <SelectFilter
          label={t('方向', 'Direction')}
          placeholder={t('买卖任一方在区内', 'Either side')}
          width={160}
          value={query.direction}
          options={optionsFrom(DIRECTION_NAMES, t)}
          onChange={(direction) => update({ direction })}
        />
        <SelectFilter
          label={t('登记机构', 'Agency')}
          placeholder={t('全部登记机构', 'All agencies')}
          width={200}
          value={query.agency}
          options={codeOptions(codes.data?.agencies)}
          onChange={(agency) => update({ agency })}
        />
        <SelectFilter
          label={t('免税复核', 'Tax review')}
          placeholder={t('免税复核', 'Tax review')}
          width={120}
          value={query.taxReview}
          options={codeOptions(codes.data?.taxReview)}
          onChange={(taxReview) => update({ taxReview })}
        />
        <SearchFilter
          label={t('搜索合同', 'Search contracts')}
          placeholder={t('合同名称、登记号或当事方', 'Title, number or party')}
          width={240}
          value={query.q}
          withButton
          onSearch={(q) => update({ q })}
        />
      </FilterBar>
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      <Table<Contract>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1180 }}
        locale={emptyText(t('没有符合条件的技术合同', 'No contract matches the filters'))}
        pagination={listPagination({
          page: query.page,
          pageSize: query.pageSize,
          total: list.data?.total,
          onChange: update,
          showTotal: (n) => t(`共 ${formatNumber(n, locale)} 份合同`, `${formatNumber(n, locale)} contracts`),
        })}
        columns={[
          {
            title: t('合同名称 / 登记号', 'Title / number'),
            dataIndex: 'title',
            render: (v: string, c) => (
              <Space orientation="vertical" size={0}>
                <Space size={4} wrap>
                  <Typography.Text>{v}</Typography.Text>
                  {c.isDemo && <Tag color="orange">{t('演示', 'Demo')}</Tag>}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.registrationNo} · {c.agencyName}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('类型', 'Type'), dataIndex: 'typeName', width: 90 },
          { title: t('技术领域', 'Field'), dataIndex: 'fieldName', width: 130 },
          {
            title: t('卖方（输出）', 'Seller'),
            key: 'seller',
            width: 180,
            render: (_: unknown, c) => `${c.seller.name}（${c.seller.divisionName}）`,
          },
          {
            title: t('买方（吸纳）', 'Buyer'),
            key: 'buyer',
            width: 180,
            render: (_: unknown, c) => `${c.buyer.name}（${c.buyer.divisionName}）`,
          },
          {
            title: t('成交额（万元）', 'Value (CNY 10k)'),
            dataIndex: 'contractValue',
            width: 110,
            align: 'right',
            render: wan,
          },
          {
            title: t('技术交易额（万元）', 'Turnover (CNY 10k)'),
            dataIndex: 'turnover',
            width: 120,
            align: 'right',
            render: wan,
          },
          {
            title: t('登记日期', 'Registered'),
            dataIndex: 'registeredOn',
            width: 120,
            render: (v: string, c) =>
              c.registrationOverdue ? (
                <Tooltip
                  title={t(
                    `受理后 ${c.registrationDays} 天登记，超过 30 天时限`,
                    `Registered after ${c.registrationDays} days`,
                  )}
                >
                  <Tag color="red">{v}</Tag>
                </Tooltip>
              ) : (
                v
              ),
          },
        ]}
      />
    </Card>
  );
}
