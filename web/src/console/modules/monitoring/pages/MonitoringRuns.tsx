/**
 * 测算管理 (/console/monitoring/runs, monitoring:manage): every index run with status and progress (polled while
 * one is queued or running), a new run, publish (with the year's coverage; an incomplete year needs an explicit
 * acknowledgement) / unpublish with confirmation, and a link to each result.
 */
import { useEffect, useState } from 'react';
import { App, Button, Card, Modal, Progress, Space, Table, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { RunSummary, ZRunPage } from '../../../../../../contracts/monitoring.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { emptyText } from '../../../lib/list/filters.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { StatusTag } from '../../../lib/list/cells.tsx';
import { dateColumn } from '../../../lib/list/columns.tsx';
import { listPagination } from '../../../lib/list/pagination.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { CreateRunForm } from '../components/CreateRunForm.tsx';
import { PublishRunDialog } from '../components/PublishRunDialog.tsx';
import { MODE_NAMES, RUN_STATUS_NAMES } from '../labels.ts';
import { RunTags } from '../components/RunPicker.tsx';
import { hasActiveRun } from '../results.ts';

type RunPage = z.infer<typeof ZRunPage>;

export default function MonitoringRunsPage() {
  const t = useT();
  const { locale } = useSession();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const list = useFetch<RunPage>('/api/monitoring/runs', { page, pageSize });
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState<number | null>(null);
  const [publishing, setPublishing] = useState<RunSummary | null>(null);
  const items = list.data?.items ?? [];
  const active = hasActiveRun(items);
  const { reload } = list;

  useEffect(() => {
    document.title = t('测算管理 · 旗县', 'Index runs · Qixian');
  }, [t]);
  // Poll while a run works; stop as soon as none does.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, 2000);
    return () => clearInterval(timer);
  }, [active, reload]);

  const unpublish = (run: RunSummary) => {
    modal.confirm({
      title: t('撤回发布？', 'Withdraw the publication?'),
      content: t('撤回后门户和工作台不再显示该结果。', 'The result leaves the portal and the console.'),
      okText: t('撤回', 'Withdraw'),
      okButtonProps: { danger: true },
      cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        setBusy(run.id);
        try {
          await api.post(`/api/monitoring/runs/${run.id}/unpublish`);
          void message.success(t('已撤回', 'Withdrawn'));
          reload();
        } catch (err) {
          void message.error(err instanceof ApiError ? err.text(locale) : String(err));
        } finally {
          setBusy(null);
        }
      },
    });
  };

  return (
    <Card
      title={t('测算管理', 'Index runs')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('新建测算', 'New run')}
        </Button>
      }
    >
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      <Table<RunSummary>
        data-testid="runs-table"
        rowKey="id"
        size="middle"
        loading={list.loading && !list.data}
        dataSource={items}
        scroll={{ x: 1060 }}
        locale={emptyText(
          list.error ? t('未能加载测算列表', 'The list could not be loaded') : t('尚无测算', 'No runs yet'),
        )}
        pagination={listPagination({
          page,
          pageSize,
          total: list.data?.total,
          pageSizeOptions: [10, 20, 50],
          onChange: (p) => setParams({ page: String(p.page), pageSize: String(p.pageSize) }, { replace: true }),
        })}
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          {
            title: t('批次', 'Run'),
            key: 'title',
            width: 240,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                <span>
                  {r.title ||
                    t(`${r.period} 年度${MODE_NAMES[r.mode].zh}`, `${r.period} ${MODE_NAMES[r.mode].en.toLowerCase()}`)}
                </span>
                <RunTags run={r} />
              </Space>
            ),
          },
          { title: t('年度', 'Period'), dataIndex: 'period', width: 80 },
          {
            title: t('模式', 'Mode'),
            dataIndex: 'mode',
            width: 110,
            render: (m: RunSummary['mode']) => t(MODE_NAMES[m].zh, MODE_NAMES[m].en),
          },
          {
            title: t('指标体系', 'Framework'),
            key: 'framework',
            width: 150,
            render: (_: unknown, r) => `${r.frameworkCode} v${r.frameworkVersion}`,
          },
          {
            title: t('状态', 'Status'),
            key: 'status',
            width: 170,
            render: (_: unknown, r) => {
              const tag = <StatusTag names={RUN_STATUS_NAMES} value={r.status} />;
              if (r.status === 'running' || r.status === 'queued')
                return (
                  <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                    {tag}
                    <Progress percent={r.progress} size="small" status="active" />
                  </Space>
                );
              return <Tooltip title={r.error ?? undefined}>{tag}</Tooltip>;
            },
          },
          dateColumn(t('完成时间', 'Finished'), 'finishedAt', 150),
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 190,
            render: (_: unknown, r) =>
              r.status !== 'done' ? (
                <Typography.Text type="secondary">
                  {r.status === 'failed' ? t('测算失败', 'Failed') : '—'}
                </Typography.Text>
              ) : (
                <Space size={4} wrap>
                  <Link to={`/console/monitoring/results?all=1&run=${r.id}`}>
                    <Button size="small">{t('查看结果', 'Open')}</Button>
                  </Link>
                  {r.publishedAt ? (
                    <Button size="small" danger loading={busy === r.id} onClick={() => unpublish(r)}>
                      {t('撤回', 'Withdraw')}
                    </Button>
                  ) : (
                    <Tooltip
                      title={
                        r.provisional ? t('临时结果不可发布', 'A provisional result cannot be published') : undefined
                      }
                    >
                      <Button
                        size="small"
                        type="primary"
                        disabled={r.provisional}
                        loading={busy === r.id}
                        onClick={() => setPublishing(r)}
                      >
                        {t('发布', 'Publish')}
                      </Button>
                    </Tooltip>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <PublishRunDialog
        run={publishing}
        onClose={() => setPublishing(null)}
        onPublished={() => {
          setPublishing(null);
          void message.success(t('已发布', 'Published'));
          reload();
        }}
      />
      <Modal
        title={t('新建测算', 'New run')}
        open={creating}
        onCancel={() => setCreating(false)}
        footer={null}
        width={680}
        destroyOnHidden
      >
        <CreateRunForm
          onCancel={() => setCreating(false)}
          onCreated={(run) => {
            setCreating(false);
            void message.success(t(`已开始测算 #${run.id}`, `Run #${run.id} started`));
            reload();
          }}
        />
      </Modal>
    </Card>
  );
}
