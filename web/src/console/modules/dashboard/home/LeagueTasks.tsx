/**
 * 待办 of a league officer: the forms waiting for the league's review, the counties that have not submitted this year
 * (returned ones first), and the registrations waiting in the league.
 */
import { Button, Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { pick } from '../../../../shared/i18n.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { defaultPeriod, STATUS_LABELS } from '../../monitoring/collection/form-state.ts';
import { notSubmitted, type SubmissionPage, type SubmissionRow } from '../home.ts';
import { PendingRegistrations } from './PendingRegistrations.tsx';
import { TaskRow } from './TaskRow.tsx';

/** A few county names, each opening its form, and how many more there are. */
export function CountyNames({ rows, total, base }: { rows: readonly SubmissionRow[]; total: number; base: string }) {
  const t = useT();
  const { locale } = useSession();
  return (
    <Space size={[4, 4]} wrap>
      {rows.map((r) => (
        <Link key={r.divisionCode} to={`${base}/${r.divisionCode}/${r.period}`}>
          <Tag color={r.status === 'returned' ? 'error' : undefined} style={{ marginInlineEnd: 0, cursor: 'pointer' }}>
            {r.divisionName}
            {r.status === 'returned' && ` · ${pick(STATUS_LABELS.returned, locale)}`}
            {r.late && ` · ${t('逾期', 'late')}`}
          </Tag>
        </Link>
      ))}
      {total > rows.length && (
        <Typography.Text type="secondary">{t(`等 ${total} 个`, `and ${total - rows.length} more`)}</Typography.Text>
      )}
    </Space>
  );
}

export function LeagueTasks() {
  const s = useSignedIn();
  const t = useT();
  const period = defaultPeriod(new Date());
  const mine = useFetch<SubmissionPage>('/api/monitoring/submissions', { period, mine: 'true', pageSize: 8 });
  const all = useFetch<SubmissionPage>('/api/monitoring/submissions', { period, pageSize: 200 });
  const missing = all.data ? notSubmitted(all.data.items) : [];
  const waiting = mine.data?.total ?? 0;
  return (
    <Card size="small" title={t('待办', 'To do')} data-testid="todo">
      <TaskRow
        testId="todo-review"
        title={t(`${period} 年度待盟市审核的填报表`, `${period} forms awaiting league review`)}
        count={mine.data ? waiting : null}
        urgent={waiting > 0}
        loading={mine.loading && !mine.data}
        error={mine.error}
        onRetry={mine.reload}
        action={
          <Link to={`/console/monitoring/review?period=${period}`}>
            <Button size="small" type={waiting > 0 ? 'primary' : 'default'}>
              {t('数据审核', 'Data review')}
            </Button>
          </Link>
        }
      >
        {mine.data &&
          (waiting === 0 ? (
            <Typography.Text type="secondary">{t('暂无待审核的填报表', 'Nothing waits for review')}</Typography.Text>
          ) : (
            <CountyNames rows={mine.data.items} total={waiting} base="/console/monitoring/review" />
          ))}
      </TaskRow>
      <TaskRow
        testId="todo-missing"
        title={t('尚未提交的旗县', 'Counties not yet submitted')}
        count={all.data ? missing.length : null}
        urgent={missing.length > 0}
        loading={all.loading && !all.data}
        error={all.error}
        onRetry={all.reload}
        action={
          <Link to={`/console/monitoring/progress?period=${period}`}>
            <Button size="small">{t('填报进度', 'Progress')}</Button>
          </Link>
        }
      >
        {all.data &&
          (missing.length === 0 ? (
            <Typography.Text type="secondary">
              {t('所有旗县均已提交', 'Every county has submitted')}（{all.data.total}）
            </Typography.Text>
          ) : (
            <CountyNames rows={missing.slice(0, 8)} total={missing.length} base="/console/monitoring/entry" />
          ))}
      </TaskRow>
      {s.can('registration:approve') && <PendingRegistrations />}
    </Card>
  );
}
