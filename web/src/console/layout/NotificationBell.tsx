/** Notifications (通知): unread count in the header, the latest few in a popover, polled once a minute. */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { api } from '../../shared/api.ts';
import { formatDateTime } from '../../shared/i18n.ts';
import { useSession } from '../session.tsx';
import { useT } from '../i18n.ts';
import { notificationText, type NotificationPage } from '../notifications.ts';

const POLL_MS = 60_000;

export function NotificationBell() {
  const t = useT();
  const { locale } = useSession();
  const navigate = useNavigate();
  const [page, setPage] = useState<NotificationPage | null>(null);
  const [open, setOpen] = useState(false);

  const load = useCallback(async () => {
    try {
      setPage(await api.get<NotificationPage>('/api/notifications', { unread: 'true', pageSize: 5 }));
    } catch {
      // The bell stays quiet on a failed poll; the next one tries again.
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const content = (
    <div style={{ width: 340 }}>
      {page && page.items.length > 0 ? (
        <List
          size="small"
          dataSource={page.items}
          renderItem={(n) => {
            const text = notificationText(n, locale);
            return (
              <List.Item
                style={{ cursor: 'pointer' }}
                onClick={() => {
                  void api.post(`/api/notifications/${n.id}/read`).then(load);
                  setOpen(false);
                  if (n.link) void navigate(n.link);
                }}
              >
                <List.Item.Meta
                  title={text.title}
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
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('没有未读通知', 'No unread notifications')} />
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8 }}>
        <Button
          size="small"
          disabled={!page?.unreadCount}
          onClick={() => void api.post('/api/notifications/read-all').then(load)}
        >
          {t('全部标为已读', 'Mark all read')}
        </Button>
        <Link to="/console/notifications" onClick={() => setOpen(false)}>
          {t('查看全部', 'See all')}
        </Link>
      </div>
    </div>
  );

  return (
    <Popover content={content} title={t('通知', 'Notifications')} trigger="click" open={open} onOpenChange={setOpen}>
      <Badge count={page?.unreadCount ?? 0} size="small">
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t(`通知（${page?.unreadCount ?? 0} 条未读）`, `Notifications (${page?.unreadCount ?? 0} unread)`)}
          data-testid="notifications"
        />
      </Badge>
    </Popover>
  );
}
