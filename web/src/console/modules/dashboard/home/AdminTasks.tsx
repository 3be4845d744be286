/**
 * The 三员's home lead: what each administrator is for (三员分立), and the admin-role changes waiting for a second
 * administrator (双人规则) with the way to 三员审批.
 */
import { Button, Card, Typography } from 'antd';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { ZRoleRequestPage } from '../../../../../../contracts/users.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useSignedIn } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { TaskRow } from './TaskRow.tsx';

type RoleRequestPage = z.infer<typeof ZRoleRequestPage>;

const DUTIES: Record<string, { zh: string; en: string }> = {
  'sys-admin': {
    zh: '系统管理员：创建和停用账户、维护单位信息。授予角色由安全管理员办理，审计日志由审计管理员查看。',
    en: 'System administrator: create and disable accounts, keep organisations up to date. Roles are granted by the security administrator; the audit log is read by the audit administrator.',
  },
  'sec-admin': {
    zh: '安全管理员：授予和收回角色、停用账户、重置密码。管理员角色的变更须另一位管理员批准。',
    en: 'Security administrator: grant and revoke roles, disable accounts, reset passwords. Admin-role changes need a second administrator.',
  },
  'audit-admin': {
    zh: '审计管理员：查看审计日志、校验审计链，发现异常及时报告。',
    en: 'Audit administrator: read the audit log and verify its chain; report anything unusual.',
  },
};

function RoleRequests() {
  const t = useT();
  const list = useFetch<RoleRequestPage>('/api/role-requests', { status: 'pending', pageSize: 1 });
  const total = list.data?.total ?? 0;
  return (
    <TaskRow
      testId="todo-role-requests"
      title={t('等待第二位管理员审批的角色变更', 'Admin-role changes awaiting a second administrator')}
      count={list.data ? total : null}
      urgent={total > 0}
      loading={list.loading && !list.data}
      error={list.error}
      onRetry={list.reload}
      action={
        <Link to="/console/role-requests">
          <Button size="small" type={total > 0 ? 'primary' : 'default'}>
            {t('三员审批', 'Admin approvals')}
          </Button>
        </Link>
      }
    >
      {list.data && total === 0 && (
        <Typography.Text type="secondary">{t('暂无待审批的角色变更', 'Nothing waits for approval')}</Typography.Text>
      )}
    </TaskRow>
  );
}

export function AdminTasks() {
  const s = useSignedIn();
  const t = useT();
  const duties = s.roles.map((r) => DUTIES[r.role]).filter((d) => d !== undefined);
  return (
    <Card size="small" title={t('待办', 'To do')} data-testid="todo">
      {duties.map((d) => (
        <Typography.Paragraph key={d.en} type="secondary" style={{ marginBottom: 4 }}>
          {t(d.zh, d.en)}
        </Typography.Paragraph>
      ))}
      {s.can('role:approve') && <RoleRequests />}
    </Card>
  );
}
