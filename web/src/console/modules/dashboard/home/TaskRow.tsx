/**
 * One line of the home's 待办 / status cards: a title with its count, what it is about, and the one button that
 * leads to the work. Loading and errors stay inside the line, so one failed request never blanks the card.
 */
import type { ReactNode } from 'react';
import { Badge, Button, Skeleton, Space, Typography } from 'antd';
import { useT } from '../../../i18n.ts';

export function TaskRow(props: {
  title: ReactNode;
  testId?: string;
  /** The number shown beside the title (null: none). */
  count?: number | null;
  /** Colours the count: something waits. */
  urgent?: boolean;
  loading?: boolean;
  error?: string | null;
  onRetry?: () => void;
  action?: ReactNode;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <div data-testid={props.testId} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Space size={8} wrap>
          <Typography.Text strong>{props.title}</Typography.Text>
          {props.count !== undefined && props.count !== null && (
            <Badge
              count={props.count}
              showZero
              overflowCount={999}
              color={props.urgent ? '#fa541c' : '#d9d9d9'}
              style={props.urgent ? undefined : { color: 'rgba(0,0,0,0.65)' }}
            />
          )}
        </Space>
        {props.action && <span style={{ marginLeft: 'auto' }}>{props.action}</span>}
      </div>
      <div style={{ marginTop: 6 }}>
        {props.error ? (
          <Space wrap>
            <Typography.Text type="danger">{props.error}</Typography.Text>
            {props.onRetry && (
              <Button size="small" onClick={props.onRetry}>
                {t('重试', 'Retry')}
              </Button>
            )}
          </Space>
        ) : props.loading ? (
          <Skeleton active title={false} paragraph={{ rows: 1 }} />
        ) : (
          props.children
        )}
      </div>
    </div>
  );
}
