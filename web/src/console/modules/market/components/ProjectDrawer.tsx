/** A transfer project's milestones (late ones flagged) and stage history, opened from the board. */
import { Descriptions, Drawer, List, Spin, Tag, Timeline, Typography } from 'antd';
import type { Project } from '../../../../../../contracts/market-contracts.ts';
import { formatDateTime, formatNumber } from '../../../../shared/i18n.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';

export function ProjectDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useSession();
  const res = useFetch<Project>(id ? `/api/market/transfer-projects/${id}` : null);
  const p = res.data && res.data.id === id ? res.data : null;
  return (
    <Drawer open={id !== null} onClose={onClose} title={p?.title ?? t('转化项目', 'Transfer project')} size="large">
      {res.error && <ErrorBanner message={res.error} onRetry={res.reload} />}
      {!p ? (
        !res.error && <Spin />
      ) : (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('所属成果', 'Achievement')}>{p.achievementTitle}</Descriptions.Item>
            <Descriptions.Item label={t('产业', 'Industry')}>{p.industry}</Descriptions.Item>
            <Descriptions.Item label={t('实施地', 'County')}>{p.divisionName}</Descriptions.Item>
            <Descriptions.Item label={t('当前阶段', 'Stage')}>{p.stageName}</Descriptions.Item>
            <Descriptions.Item label={t('投资 / 产值（万元）', 'Investment / output (CNY 10k)')}>
              {formatNumber(p.investment, locale)} / {formatNumber(p.outputValue, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('带动就业', 'Jobs')}>{formatNumber(p.jobs, locale)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('里程碑', 'Milestones')}
          </Typography.Title>
          <List
            size="small"
            dataSource={p.milestones}
            locale={{ emptyText: t('暂无里程碑', 'No milestones') }}
            renderItem={(m) => (
              <List.Item key={m.id}>
                <List.Item.Meta
                  title={
                    <>
                      <Tag>{m.stageName}</Tag>
                      {m.title}{' '}
                      {m.doneOn ? (
                        <Tag color="green">{t(`完成 ${m.doneOn}`, `done ${m.doneOn}`)}</Tag>
                      ) : m.isLate ? (
                        <Tag color="red">{t('逾期', 'Late')}</Tag>
                      ) : null}
                    </>
                  }
                  description={`${t('计划', 'Planned')} ${m.plannedOn}${m.evidence ? ` · ${m.evidence}` : ''}`}
                />
              </List.Item>
            )}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('阶段记录', 'Stage history')}
          </Typography.Title>
          <Timeline
            items={p.history.map((h, i) => ({
              key: i,
              content: `${formatDateTime(h.at, locale)} ${t('进入', 'to')} ${h.toStage}${h.note ? ` · ${h.note}` : ''}`,
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
