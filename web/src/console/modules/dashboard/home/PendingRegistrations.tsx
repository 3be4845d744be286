/** 待审核注册 in the caller's scope: how many wait, the first names, and the way to the review page. */
import { Button, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { ZRegistrationPage } from '../../../../../../contracts/users.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useT } from '../../../i18n.ts';
import { TaskRow } from './TaskRow.tsx';

type RegistrationPage = z.infer<typeof ZRegistrationPage>;

export function PendingRegistrations() {
  const t = useT();
  const list = useFetch<RegistrationPage>('/api/registrations', { status: 'pending', pageSize: 3 });
  const total = list.data?.total ?? 0;
  return (
    <TaskRow
      testId="todo-registrations"
      title={t('待审核的注册申请', 'Registrations to review')}
      loading={list.loading && !list.data}
      error={list.error}
      onRetry={list.reload}
      count={list.data ? total : null}
      urgent={total > 0}
      action={
        <Link to="/console/registrations">
          <Button size="small" type={total > 0 ? 'primary' : 'default'}>
            {total > 0 ? t('去审核', 'Review') : t('注册审核', 'Registrations')}
          </Button>
        </Link>
      }
    >
      {list.data &&
        (total === 0 ? (
          <Typography.Text type="secondary">{t('暂无待审核的注册申请', 'No registrations waiting')}</Typography.Text>
        ) : (
          <Space size={4} wrap>
            {list.data.items.map((r) => (
              <Typography.Text key={r.id}>
                {r.displayName}（{r.divisionName}）
              </Typography.Text>
            ))}
            {total > list.data.items.length && (
              <Typography.Text type="secondary">{t(`等 ${total} 份`, `and more (${total})`)}</Typography.Text>
            )}
          </Space>
        ))}
    </TaskRow>
  );
}
