/** All my notifications (通知), newest first, paginated; filter unread in the URL. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../../shared/api.ts';
import { formatDateTime } from '../../../../shared/i18n.ts';
import { useSession } from '../../../session.tsx';
import { emptyText } from '../../../lib/list/filters.tsx';
import { useT } from '../../../i18n.ts';
import { notificationText, type NotificationPage } from '../../../notifications.ts';

export default function NotificationsPage() {
  const t = useT();
  const { locale } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const unread = params.get('unread') === 'true';
  const page = Number(params.get('page') ?? '1') || 1;
  const [data, setData] = useState<NotificationPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setData(
        await api.get<NotificationPage>('/api/notifications', {
          unread: unread ? 'true' : undefined,
          page,
          pageSize: 20,
        }),
      );
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.text(locale) : String(err));
    }
  }, [unread, page, locale]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Card
      title={t('通知', 'Notifications')}
      extra={
        <Space>
          <Segmented
            value={unread ? 'unread' : 'all'}
            options={[
              { value: 'all', label: t('全部', 'All') },
              { value: 'unread', label: t('未读', 'Unread') },
            ]}
            onChange={(v) => setParams(v === 'unread' ? { unread: 'true' } : {})}
          />
          <Button disabled={!data?.unreadCount} onClick={() => void api.post('/api/notifications/read-all').then(load)}>
            {t('全部标为已读', 'Mark all read')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      <List
        loading={!data && !error}
        dataSource={data?.items ?? []}
        locale={emptyText(t('暂无通知', 'No notifications'))}
        pagination={
          data && data.total > data.pageSize
            ? {
                current: page,
                pageSize: data.pageSize,
                total: data.total,
                showSizeChanger: false,
                onChange: (p) => setParams({ ...(unread ? { unread: 'true' } : {}), page: String(p) }),
              }
            : false
        }
        renderItem={(n) => {
          const text = notificationText(n, locale);
          return (
            <List.Item
              actions={[
                n.link ? (
                  <Button
                    key="open"
                    type="link"
                    onClick={() =>
                      void api.post(`/api/notifications/${n.id}/read`).then(() => navigate(n.link ?? '/console'))
                    }
                  >
                    {t('查看', 'Open')}
                  </Button>
                ) : null,
                !n.readAt ? (
                  <Button
                    key="read"
                    type="link"
                    onClick={() => void api.post(`/api/notifications/${n.id}/read`).then(load)}
                  >
                    {t('标为已读', 'Mark read')}
                  </Button>
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {!n.readAt && <Tag color="blue">{t('未读', 'Unread')}</Tag>}
                    {text.title}
                  </Space>
                }
                description={
                  <>
                    <div>{text.body}</div>
                    <Typography.Text type="secondary">{formatDateTime(n.createdAt, locale)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
