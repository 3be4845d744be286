/**
 * 匹配推荐: the matching engine's suggestions for a demand (achievements) or an achievement (demands), best first,
 * each with its score, the explanation sentence and its parts (matched words, concepts, features), and the feedback
 * buttons 有用 / 不合适 (with an IN-PART reason).
 */
import { useState } from 'react';
import { App, Button, Card, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api, ApiError } from '../../../../shared/api.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { FEEDBACK_REASON_NAMES, optionsFrom } from '../labels.ts';
import { reasonGroups, scorePercent, type MatchReasons } from '../market-view.ts';

export interface MatchItem {
  id: number;
  title: string;
  score: number;
  explanation: string;
  divisionCode: string | null;
  reasons: MatchReasons;
}

type Given = 'useful' | 'not-useful';

export function MatchList({ from, id }: { from: 'demand' | 'achievement'; id: number }) {
  const t = useT();
  const { locale } = useSession();
  const { message } = App.useApp();
  const list = useFetch<{ items: MatchItem[] }>(`/api/market/${from}s/${id}/matches`, { limit: 10 });
  const [given, setGiven] = useState<Record<number, Given>>({});
  const [asking, setAsking] = useState<number | null>(null);
  const [reason, setReason] = useState<string | undefined>(undefined);
  const target = from === 'demand' ? 'achievements' : 'demands';

  const send = async (toId: number, useful: boolean, why: string | null) => {
    try {
      await api.post('/api/market/matches/feedback', { fromType: from, fromId: id, toId, useful, reason: why });
      setGiven((g) => ({ ...g, [toId]: useful ? 'useful' : 'not-useful' }));
      setAsking(null);
      setReason(undefined);
      void message.success(t('感谢反馈，推荐将据此改进', 'Thank you: the suggestions learn from this'));
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    }
  };

  return (
    <Card
      data-testid="match-list"
      title={
        from === 'demand'
          ? t('匹配推荐：可用成果', 'Suggested achievements')
          : t('匹配推荐：相关需求', 'Suggested demands')
      }
      style={{ marginTop: 16 }}
    >
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      <List<MatchItem>
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{
          emptyText: (
            <Empty
              description={
                from === 'demand'
                  ? t(
                      '暂无匹配结果：推荐来自已挂牌的科技成果',
                      'No suggestions yet: they come from listed achievements',
                    )
                  : t('暂无匹配结果：推荐来自已发布的技术需求', 'No suggestions yet: they come from published demands')
              }
            />
          ),
        }}
        renderItem={(m) => (
          <List.Item key={m.id} data-testid={`match-${m.id}`}>
            <Space orientation="vertical" size={6} style={{ width: '100%' }}>
              <Space wrap size={8}>
                <Link to={`/console/market/${target}/${m.id}`}>
                  <Typography.Text strong>{m.title}</Typography.Text>
                </Link>
                <Tag color="blue">{t(`匹配度 ${scorePercent(m.score)}%`, `Match ${scorePercent(m.score)}%`)}</Tag>
              </Space>
              <Typography.Text type="secondary" className="match-explanation">
                {m.explanation}
              </Typography.Text>
              {reasonGroups(m.reasons, t).map((g) => (
                <div key={g.label}>
                  <Typography.Text type="secondary" style={{ marginRight: 8 }}>
                    {g.label}
                  </Typography.Text>
                  {g.items.map((x) => (
                    <Tag key={x} style={{ marginBottom: 4 }}>
                      {x}
                    </Tag>
                  ))}
                </div>
              ))}
              {given[m.id] ? (
                <Tag color={given[m.id] === 'useful' ? 'green' : 'default'}>
                  {given[m.id] === 'useful'
                    ? t('已标记为有用', 'Marked useful')
                    : t('已标记为不合适', 'Marked not suitable')}
                </Tag>
              ) : asking === m.id ? (
                <Space wrap>
                  <Select
                    aria-label={t('不合适的原因', 'Reason')}
                    placeholder={t('请选择原因', 'Choose a reason')}
                    style={{ width: 180 }}
                    value={reason}
                    options={optionsFrom(FEEDBACK_REASON_NAMES, t)}
                    onChange={(v: string) => setReason(v)}
                  />
                  <Button type="primary" disabled={!reason} onClick={() => void send(m.id, false, reason ?? null)}>
                    {t('提交', 'Send')}
                  </Button>
                  <Button onClick={() => setAsking(null)}>{t('取消', 'Cancel')}</Button>
                </Space>
              ) : (
                <Space wrap>
                  <Button size="small" icon={<LikeOutlined />} onClick={() => void send(m.id, true, null)}>
                    {t('有用', 'Useful')}
                  </Button>
                  <Button size="small" icon={<DislikeOutlined />} onClick={() => setAsking(m.id)}>
                    {t('不合适', 'Not suitable')}
                  </Button>
                </Space>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
