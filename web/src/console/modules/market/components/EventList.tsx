/** 办理记录: a record's workflow events (status changes, reasons, objections), newest first. */
import { Card, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../../../shared/i18n.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';

export interface MarketEvent {
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  comment: string;
  at: string;
}

const ACTIONS: Record<string, [string, string]> = {
  create: ['登记', 'Created'],
  submit: ['提交审核', 'Submitted'],
  withdraw: ['撤回', 'Withdrawn'],
  start: ['开始审核', 'Review started'],
  publicise: ['进入公示', 'Publicity'],
  publish: ['发布', 'Published'],
  list: ['挂牌', 'Listed'],
  reject: ['不通过', 'Rejected'],
  objection: ['公示异议', 'Objection'],
  negotiating: ['洽谈中', 'Negotiating'],
  transferred: ['已转化', 'Transferred'],
  relist: ['重新挂牌', 'Listed again'],
  close: ['关闭', 'Closed'],
  support: ['附议', 'Supported'],
  proposal: ['揭榜方案', 'Proposal'],
};

export function EventList({ events }: { events: readonly MarketEvent[] }) {
  const t = useT();
  const { locale } = useSession();
  if (events.length === 0) return null;
  return (
    <Card title={t('办理记录', 'History')} style={{ marginTop: 16 }}>
      <Timeline
        items={[...events].reverse().map((e, i) => ({
          key: i,
          color: e.action === 'reject' || e.action === 'objection' ? 'red' : 'blue',
          content: (
            <>
              <Typography.Text strong>{ACTIONS[e.action] ? t(...ACTIONS[e.action]!) : e.action}</Typography.Text>{' '}
              <Typography.Text type="secondary">{formatDateTime(e.at, locale)}</Typography.Text>
              {e.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</div>}
            </>
          ),
        }))}
      />
    </Card>
  );
}
