/**
 * 转化项目看板: a transfer service centre's projects grouped by stage 研发 -> 小试 -> 中试 -> 产业化, with each
 * column's investment, output value and jobs, and each project's milestones done. The centres are those following
 * projects in the user's scope.
 */
import { useMemo, useState } from 'react';
import { Card, Col, Empty, Progress, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { ZProjectBoard, ZProjectPage } from '../../../../../../contracts/market-contracts.ts';
import { formatNumber } from '../../../../shared/i18n.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { ProjectDrawer } from '../components/ProjectDrawer.tsx';
import { centresOf } from '../contract-view.ts';

type Board = z.infer<typeof ZProjectBoard>;
type ProjectPage = z.infer<typeof ZProjectPage>;

export default function ProjectBoardPage() {
  const t = useT();
  const { locale } = useSession();
  const [params, setParams] = useSearchParams();
  const projects = useFetch<ProjectPage>('/api/market/transfer-projects', { pageSize: 200 });
  const centres = useMemo(() => centresOf(projects.data?.items ?? []), [projects.data]);
  const centre = Number(params.get('centre')) || centres[0]?.value || null;
  const board = useFetch<Board>(centre ? `/api/market/transfer-centres/${centre}/board` : null);
  const [open, setOpen] = useState<number | null>(null);
  const n = (v: number) => formatNumber(v, locale);

  return (
    <Card title={t('转化项目看板', 'Transfer projects')}>
      {centres.length > 0 && (
        <Select
          aria-label={t('转化服务中心', 'Transfer centre')}
          style={{ width: 300, maxWidth: '100%', marginBottom: 16 }}
          value={centre ?? undefined}
          options={centres}
          onChange={(v: number) => setParams({ centre: String(v) })}
        />
      )}
      {projects.error && <ErrorBanner message={projects.error} onRetry={projects.reload} />}
      {board.error && <ErrorBanner message={board.error} onRetry={board.reload} />}
      {projects.loading && !projects.data ? (
        <Spin />
      ) : centres.length === 0 ? (
        <Empty description={t('管辖范围内暂无转化项目', 'No transfer projects in your scope')} />
      ) : (
        <Row gutter={[12, 12]}>
          {(board.data?.columns ?? []).map((c) => (
            <Col key={c.stage} xs={24} sm={12} xl={6}>
              <div
                style={{ background: 'rgba(0,0,0,0.03)', borderRadius: 8, padding: 12, height: '100%' }}
                data-testid={`stage-${c.stage}`}
              >
                <Space orientation="vertical" size={2} style={{ marginBottom: 8, display: 'flex' }}>
                  <Typography.Text strong>
                    {c.stageName} <Tag>{c.count}</Tag>
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(
                      `投资 ${n(c.investment)} 万元 · 产值 ${n(c.outputValue)} 万元 · 就业 ${n(c.jobs)} 人`,
                      `Investment ${n(c.investment)} · output ${n(c.outputValue)} (CNY 10k) · ${n(c.jobs)} jobs`,
                    )}
                  </Typography.Text>
                </Space>
                {c.projects.map((p) => (
                  <Card key={p.id} size="small" hoverable style={{ marginBottom: 8 }} onClick={() => setOpen(p.id)}>
                    <Typography.Text strong>{p.title}</Typography.Text>
                    {p.isDemo && (
                      <Tag color="orange" style={{ marginLeft: 4 }}>
                        {t('演示', 'Demo')}
                      </Tag>
                    )}
                    <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                      {p.divisionName} · {p.industry}
                    </div>
                    <Progress
                      size="small"
                      percent={p.milestonesTotal ? Math.round((p.milestonesDone / p.milestonesTotal) * 100) : 0}
                      format={() => `${p.milestonesDone}/${p.milestonesTotal}`}
                    />
                  </Card>
                ))}
                {c.projects.length === 0 && (
                  <div>
                    <Typography.Text type="secondary">{t('暂无项目', 'None')}</Typography.Text>
                  </div>
                )}
              </div>
            </Col>
          ))}
        </Row>
      )}
      <ProjectDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
