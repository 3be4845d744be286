/**
 * 保密申请: 我收到的 (the owner's inbox: approve or decline each pending request) and 我提交的 (the requester's
 * requests and their state). Approval alone releases an achievement's confidential detail to the requester.
 */
import { useState } from 'react';
import { App, Button, Card, Input, Modal, Segmented, Space, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../../shared/api.ts';
import { StatusTag } from '../../../lib/list/cells.tsx';
import { dateColumn } from '../../../lib/list/columns.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { emptyText } from '../../../lib/list/filters.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { NDA_STATUS_TAGS } from '../labels.ts';

export interface NdaItem {
  id: number;
  achievementId: number;
  achievementTitle: string;
  requesterName: string;
  message: string;
  status: 'pending' | 'approved' | 'declined';
  isMine: boolean;
  createdAt: string;
  decidedAt: string | null;
}

export default function NdaRequestsPage() {
  const t = useT();
  const { locale } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const as = params.get('as') === 'requester' ? 'requester' : 'owner';
  const list = useFetch<{ items: NdaItem[] }>('/api/market/nda-requests', { as });
  const [declining, setDeclining] = useState<NdaItem | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<number | null>(null);

  const decide = async (item: NdaItem, decision: 'approve' | 'decline', note = '') => {
    setBusy(item.id);
    try {
      await api.post(`/api/market/nda-requests/${item.id}/decision`, { decision, comment: note });
      void message.success(
        decision === 'approve'
          ? t(
              `已同意：${item.requesterName} 现在可以查看保密内容`,
              `Approved: ${item.requesterName} may now read the detail`,
            )
          : t('已拒绝该申请', 'Request declined'),
      );
      setDeclining(null);
      setComment('');
      list.reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('保密申请', 'NDA requests')}>
      <Segmented
        style={{ marginBottom: 16 }}
        aria-label={t('申请方向', 'Direction')}
        value={as}
        options={[
          { value: 'owner', label: t('我收到的', 'Received') },
          { value: 'requester', label: t('我提交的', 'Sent') },
        ]}
        onChange={(v) => setParams(v === 'requester' ? { as: 'requester' } : {})}
      />
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      <Table<NdaItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 820 }}
        locale={emptyText(
          as === 'owner'
            ? t('还没有人申请查看您的成果保密内容', 'No requests received')
            : t('您还没有提交保密申请', 'No requests sent'),
        )}
        columns={[
          {
            title: t('成果', 'Achievement'),
            dataIndex: 'achievementTitle',
            width: 200,
            render: (v: string, r) => <Link to={`/console/market/achievements/${r.achievementId}`}>{v}</Link>,
          },
          ...(as === 'owner'
            ? [
                {
                  title: t('操作', 'Actions'),
                  key: 'actions',
                  width: 170,
                  render: (_: unknown, r: NdaItem) =>
                    r.status === 'pending' ? (
                      <Space>
                        <Button
                          type="primary"
                          size="small"
                          loading={busy === r.id}
                          data-testid={`nda-approve-${r.id}`}
                          onClick={() => void decide(r, 'approve')}
                        >
                          {t('同意', 'Approve')}
                        </Button>
                        <Button size="small" danger onClick={() => setDeclining(r)}>
                          {t('拒绝', 'Decline')}
                        </Button>
                      </Space>
                    ) : (
                      '—'
                    ),
                },
              ]
            : []),
          ...(as === 'owner'
            ? [{ title: t('申请人', 'Requester'), dataIndex: 'requesterName', width: 160 } as const]
            : []),
          {
            title: t('申请说明', 'Message'),
            dataIndex: 'message',
            width: 220,
            render: (v: string) => <Typography.Text type="secondary">{v || '—'}</Typography.Text>,
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (v: string) => <StatusTag names={NDA_STATUS_TAGS} value={v} />,
          },
          dateColumn(t('申请时间', 'Requested'), 'createdAt', 160),
        ]}
      />
      <Modal
        title={t('拒绝保密申请', 'Decline the request')}
        open={declining !== null}
        okText={t('拒绝', 'Decline')}
        okButtonProps={{ danger: true }}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy !== null}
        onCancel={() => setDeclining(null)}
        onOk={() => declining && void decide(declining, 'decline', comment)}
        destroyOnHidden
      >
        <Input.TextArea
          aria-label={t('拒绝理由', 'Reason')}
          rows={3}
          maxLength={1000}
          placeholder={t('说明原因（选填，将告知申请人）', 'Reason (optional, shown to the requester)')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
