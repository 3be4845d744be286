/**
 * 指标体系: every version of every framework with its status (默认/草稿/启用/停用); managers create a new version from
 * any version, activate or delete drafts and import a workbook; everyone who reads monitoring exports.
 */
import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { CopyOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { Framework, FrameworkSummary } from '../../../../../../contracts/monitoring.ts';
import { api, ApiError, request } from '../../../../shared/api.ts';
import { emptyText } from '../../../lib/list/filters.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { dateColumn } from '../../../lib/list/columns.tsx';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { FrameworkExportButton } from '../frameworks/ExportButton.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { DefaultBanner } from '../frameworks/DefaultBanner.tsx';
import { ImportModal } from '../frameworks/ImportModal.tsx';
import { statusTags } from '../frameworks/tree.ts';

export default function MonitoringFrameworksPage() {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const list = useFetch<{ items: FrameworkSummary[] }>('/api/monitoring/frameworks');
  const [busy, setBusy] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const manage = can('monitoring:manage');
  const items = list.data?.items ?? [];
  const activeDefault = items.some((f) => f.isDefault && f.status === 'active');

  const act = async (id: number, run: () => Promise<unknown>, done: string) => {
    setBusy(id);
    try {
      await run();
      void message.success(done);
      list.reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(null);
    }
  };

  const newVersion = async (f: FrameworkSummary) => {
    setBusy(f.id);
    try {
      const draft = await api.post<Framework>(`/api/monitoring/frameworks/${f.id}/versions`);
      void message.success(t(`已新建第 ${draft.version} 版草稿`, `Draft version ${draft.version} created`));
      void navigate(`/console/monitoring/frameworks/${draft.id}`);
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
      setBusy(null);
    }
  };

  return (
    <Card
      title={t('指标体系', 'Indicator frameworks')}
      extra={
        manage && (
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t('导入', 'Import')}
          </Button>
        )
      }
    >
      {activeDefault && <DefaultBanner canManage={manage} />}
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      <Table<FrameworkSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 1300 }}
        locale={emptyText(
          list.error
            ? t('未能加载指标体系', 'The frameworks could not be loaded')
            : t('尚无指标体系，请导入', 'No framework yet; import one'),
        )}
        columns={[
          {
            title: t('名称', 'Name'),
            dataIndex: 'nameZh',
            width: 380,
            render: (name: string, f) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/console/monitoring/frameworks/${f.id}`}>
                  {locale === 'en-US' && f.nameEn ? f.nameEn : name}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {f.code}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('版本', 'Version'),
            dataIndex: 'version',
            width: 80,
            render: (v: number) => `v${v}`,
          },
          {
            title: t('状态', 'Status'),
            key: 'status',
            width: 140,
            render: (_: unknown, f) =>
              statusTags(f).map((s) => (
                <Tag key={s.key} color={s.color}>
                  {t(s.zh, s.en)}
                </Tag>
              )),
          },
          { title: t('指标数', 'Indicators'), dataIndex: 'indicatorCount', width: 90 },
          dateColumn(t('创建时间', 'Created'), 'createdAt', 170),
          dateColumn(t('启用时间', 'Activated'), 'activatedAt', 170),
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 300,
            render: (_: unknown, f) => (
              <Space wrap size={4}>
                {manage && (
                  <Button
                    size="small"
                    icon={<CopyOutlined />}
                    loading={busy === f.id}
                    onClick={() => void newVersion(f)}
                  >
                    {t('新建版本', 'New version')}
                  </Button>
                )}
                {manage && f.status === 'draft' && (
                  <Popconfirm
                    title={t(`启用 ${f.code} 第 ${f.version} 版？`, `Activate ${f.code} v${f.version}?`)}
                    description={t(
                      '同编码的原启用版本将停用；启用后本版本只读。',
                      'The active version of this code retires; this version becomes read-only.',
                    )}
                    okText={t('启用', 'Activate')}
                    cancelText={t('取消', 'Cancel')}
                    onConfirm={() =>
                      void act(
                        f.id,
                        () => api.post(`/api/monitoring/frameworks/${f.id}/activate`),
                        t('已启用', 'Activated'),
                      )
                    }
                  >
                    <Button size="small" type="primary" ghost>
                      {t('启用', 'Activate')}
                    </Button>
                  </Popconfirm>
                )}
                {manage && f.status === 'draft' && (
                  <Popconfirm
                    title={t('删除该草稿？', 'Delete this draft?')}
                    okText={t('删除', 'Delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('取消', 'Cancel')}
                    onConfirm={() =>
                      void act(
                        f.id,
                        () => request(`/api/monitoring/frameworks/${f.id}`, { method: 'DELETE' }),
                        t('已删除草稿', 'Draft deleted'),
                      )
                    }
                  >
                    <Button size="small" danger>
                      {t('删除', 'Delete')}
                    </Button>
                  </Popconfirm>
                )}
                <FrameworkExportButton framework={f} size="small" />
              </Space>
            ),
          },
        ]}
      />
      {importing && (
        <ImportModal
          open
          versions={items}
          onClose={() => setImporting(false)}
          onImported={(f) => {
            setImporting(false);
            void message.success(
              t(`已导入为 ${f.code} 第 ${f.version} 版草稿`, `Imported as ${f.code} draft v${f.version}`),
            );
            void navigate(`/console/monitoring/frameworks/${f.id}`);
          }}
        />
      )}
    </Card>
  );
}
