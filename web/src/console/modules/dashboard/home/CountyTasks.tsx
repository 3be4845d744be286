/**
 * 待办 of a county officer: this year's entry form of the county (status, due date, 逾期, the return comment) with the
 * way to the form, and the registrations waiting in the county when the officer may approve them.
 */
import { Alert, Button, Card, Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Form } from '../../../../../../contracts/monitoring.ts';
import { formatDateTime, pick } from '../../../../shared/i18n.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { defaultPeriod, STATUS_LABELS } from '../../monitoring/collection/form-state.ts';
import { entryCounty, formTodo } from '../home.ts';
import { PendingRegistrations } from './PendingRegistrations.tsx';
import { TaskRow } from './TaskRow.tsx';

function EntryTask({ county, period }: { county: string; period: number }) {
  const t = useT();
  const { locale } = useSession();
  const form = useFetch<Form>(`/api/monitoring/forms/${county}/${period}`);
  const todo = form.data ? formTodo(form.data) : null;
  const href = `/console/monitoring/entry/${county}/${period}`;
  return (
    <TaskRow
      testId="todo-entry"
      title={t(`${period} 年度监测数据填报`, `${period} monitoring data entry`)}
      loading={form.loading && !form.data}
      error={form.error}
      onRetry={form.reload}
      action={
        todo && (
          <Link to={href}>
            <Button size="small" type={todo.isOpen ? 'primary' : 'default'}>
              {todo.status === 'returned'
                ? t('修改并重新提交', 'Revise and resubmit')
                : todo.isOpen
                  ? t('去填报', 'Enter data')
                  : t('查看填报表', 'Open the form')}
            </Button>
          </Link>
        )
      }
    >
      {todo && (
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          <Space size={[8, 4]} wrap>
            <Tag color={STATUS_LABELS[todo.status].color} style={{ marginInlineEnd: 0 }}>
              {pick(STATUS_LABELS[todo.status], locale)}
            </Tag>
            {todo.isLate && <Tag color="red">{todo.isOpen ? t('逾期', 'Overdue') : t('逾期提交', 'Late')}</Tag>}
            <Typography.Text type={todo.isLate && todo.isOpen ? 'danger' : 'secondary'}>
              {t(`截止日期 ${todo.deadline}`, `Due ${todo.deadline}`)}
            </Typography.Text>
          </Space>
          {todo.isOpen && (
            <Space size={8} style={{ width: '100%' }}>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {t('完整度', 'Complete')}
              </Typography.Text>
              <Progress percent={Math.round(todo.completeness * 100)} size="small" style={{ width: 180, margin: 0 }} />
            </Space>
          )}
          {todo.returned && (
            <Alert
              type="error"
              showIcon
              data-testid="todo-returned"
              title={t('填报表已被退回，请按意见修改后重新提交', 'The form was returned: revise it and submit again')}
              description={
                <span>
                  {t('退回意见：', 'Comment: ')}
                  <Typography.Text strong>{todo.returned.comment || t('（无）', '(none)')}</Typography.Text>
                  <Typography.Text type="secondary">
                    {' '}
                    — {todo.returned.by ?? t('审核人', 'Reviewer')}，{formatDateTime(todo.returned.at, locale)}
                  </Typography.Text>
                </span>
              }
            />
          )}
          {!todo.isOpen && (
            <Typography.Text type="secondary">
              {todo.status === 'approved'
                ? t('本年度数据已审定，无需操作。', 'This year’s data is approved; nothing to do.')
                : t(
                    '已提交，等待审核；退回时会在这里和通知中提示。',
                    'Submitted and awaiting review; a return shows here and in your notifications.',
                  )}
            </Typography.Text>
          )}
        </Space>
      )}
    </TaskRow>
  );
}

export function CountyTasks() {
  const s = useSignedIn();
  const t = useT();
  const period = defaultPeriod(new Date());
  return (
    <Card size="small" title={t('待办', 'To do')} data-testid="todo">
      <EntryTask county={entryCounty(s)} period={period} />
      {s.can('registration:approve') && <PendingRegistrations />}
    </Card>
  );
}
