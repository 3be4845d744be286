/** 审计日志: the hash-chained audit log for the audit administrator — search, export, chain verification. */
import { useState } from 'react';
import { Alert, AutoComplete, Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { z } from 'zod';
import {
  ZListAuditQuery,
  type ZAuditPage,
  type ZAuditRow,
  type ZAuditVerifyResult,
} from '../../../../../../contracts/audit.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { formatNumber } from '../../../../shared/i18n.ts';
import { DivisionSelect } from '../../../lib/DivisionSelect.tsx';
import { ExportButtons } from '../../../lib/list/ExportButtons.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { emptyText, FilterBar, SearchFilter } from '../../../lib/list/filters.tsx';
import { dateColumn, divisionColumn, statusColumn } from '../../../lib/list/columns.tsx';
import { listPagination } from '../../../lib/list/pagination.ts';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { useAuditActionNames } from '../action-names.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { exportFilters, useUrlQuery } from '../../../lib/url-query.ts';

type AuditRow = z.infer<typeof ZAuditRow>;
type AuditPage = z.infer<typeof ZAuditPage>;
type VerifyResult = z.infer<typeof ZAuditVerifyResult>;

const RESULTS: Record<string, { zh: string; en: string; color: string }> = {
  success: { zh: '成功', en: 'Success', color: 'green' },
  denied: { zh: '拒绝', en: 'Denied', color: 'orange' },
  failure: { zh: '失败', en: 'Failure', color: 'red' },
};

function VerifyPanel() {
  const t = useT();
  const { locale } = useSession();
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.get<VerifyResult>('/api/audit/verify'));
    } catch (err) {
      setResult(null);
      setError(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void verify()}>
        {t('校验审计链', 'Verify the audit chain')}
      </Button>
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <Alert
          data-testid="audit-verify-result"
          type={result.ok ? 'success' : 'error'}
          showIcon
          role="status"
          title={
            result.ok
              ? t(
                  `审计链完整：已校验 ${formatNumber(result.rows, locale)} 行，未发现删改。`,
                  `The chain is intact: ${formatNumber(result.rows, locale)} rows checked, no tampering found.`,
                )
              : t(
                  `审计链异常：已校验 ${formatNumber(result.rows, locale)} 行，发现 ${result.problems.length} 处问题。`,
                  `The chain is broken: ${formatNumber(result.rows, locale)} rows checked, ${result.problems.length} problems.`,
                )
          }
          description={
            result.problems.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {result.problems.slice(0, 20).map((p) => (
                  <li key={`${p.seq}-${p.kind}`}>
                    #{p.seq} · {p.kind} · {p.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
    </Space>
  );
}

/**
 * The target as people read it (账户 · 张三（zhangsan）); the stored type and id stay on hover and, for a record gone
 * since, as its number.
 */
function TargetCell({ row }: { row: AuditRow }) {
  const t = useT();
  const target = row.target;
  if (!target) return <>—</>;
  const raw = `${row.targetType ?? ''}${row.targetId ? ` #${row.targetId}` : ''}`;
  return (
    <Space orientation="vertical" size={0} title={raw}>
      <span>
        {t(target.kindZh, target.kindEn)}
        {target.name ? ` · ${target.name}` : ''}
      </span>
      {row.targetId && !target.name && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`编号 ${row.targetId}（已不存在或无名称）`, `No. ${row.targetId} (gone or unnamed)`)}
        </Typography.Text>
      )}
    </Space>
  );
}

export default function AuditPage() {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const [query, update] = useUrlQuery(ZListAuditQuery);
  const list = useFetch<AuditPage>('/api/audit', query);
  const actions = useAuditActionNames();
  const [action, setAction] = useState<string | undefined>(undefined);
  const filtered = Boolean(query.actor || query.action || query.division || query.from || query.to);

  return (
    <Card
      title={t('审计日志', 'Audit log')}
      extra={<ExportButtons path="/api/audit/export" filters={exportFilters(query)} baseName="audit-log" />}
    >
      {can('audit:verify') && (
        <div style={{ marginBottom: 16 }}>
          <VerifyPanel />
        </div>
      )}
      <FilterBar>
        <SearchFilter
          label={t('操作人（用户名）', 'Actor (username)')}
          placeholder={t('操作人用户名', 'Actor username')}
          width={200}
          value={query.actor}
          onSearch={(actor) => update({ actor })}
        />
        <AutoComplete
          aria-label={t('操作类型', 'Action')}
          style={{ width: 240 }}
          value={action ?? query.action ?? ''}
          allowClear
          placeholder={t('操作类型，如 user.create', 'Action, e.g. user.create')}
          options={actions.items.map((a) => ({
            value: a.action,
            label: `${t(a.zh, a.en)}（${a.action}）`,
          }))}
          showSearch={{
            filterOption: (input, option) =>
              !!option && (option.value.includes(input) || String(option.label).includes(input)),
          }}
          onChange={(v: string) => setAction(v)}
          onSelect={(v: string) => {
            setAction(undefined);
            update({ action: v });
          }}
          onBlur={() => {
            if (action !== undefined) update({ action });
            setAction(undefined);
          }}
          onClear={() => {
            setAction(undefined);
            update({ action: undefined });
          }}
        />
        <DatePicker.RangePicker
          aria-label={t('日期范围', 'Date range')}
          value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
          onChange={(r) =>
            update({ from: r?.[0]?.format('YYYY-MM-DD') ?? undefined, to: r?.[1]?.format('YYYY-MM-DD') ?? undefined })
          }
        />
        <DivisionSelect
          allowClear
          placeholder={t('全部区划', 'All divisions')}
          value={query.division}
          onChange={(division) => update({ division })}
        />
      </FilterBar>
      {list.error && <ErrorBanner message={list.error} />}
      <Table<AuditRow>
        rowKey="seq"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        locale={emptyText(
          filtered ? t('没有符合条件的记录', 'No entry matches the filters') : t('暂无审计记录', 'No entries'),
        )}
        expandable={{
          rowExpandable: (r) => r.details !== null,
          expandedRowRender: (r) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(r.details, null, 2)}</pre>
          ),
        }}
        pagination={listPagination({
          page: query.page,
          pageSize: query.pageSize,
          total: list.data?.total,
          onChange: update,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => t(`共 ${formatNumber(n, locale)} 条`, `${formatNumber(n, locale)} entries`),
        })}
        columns={[
          { title: t('序号', 'Seq'), dataIndex: 'seq', width: 80 },
          dateColumn(t('时间', 'Time'), 'at', 170),
          {
            title: t('操作人', 'Actor'),
            dataIndex: 'actorUsername',
            width: 150,
            render: (v: string | null) =>
              v ? (
                <Typography.Link onClick={() => update({ actor: v })}>{v}</Typography.Link>
              ) : (
                <Typography.Text type="secondary">{t('系统/匿名', 'system/anonymous')}</Typography.Text>
              ),
          },
          {
            title: t('操作', 'Action'),
            dataIndex: 'action',
            render: (v: string) => (
              <Space orientation="vertical" size={0}>
                {actions.nameOf(v, t)}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('对象', 'Target'),
            key: 'target',
            width: 220,
            render: (_v, r) => <TargetCell row={r} />,
          },
          divisionColumn(t('区划', 'Division'), 'divisionCode', 90),
          statusColumn(t('结果', 'Result'), 'result', RESULTS, 90),
          { title: t('来源地址', 'From'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
