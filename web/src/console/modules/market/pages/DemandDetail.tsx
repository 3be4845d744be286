/**
 * 技术需求详情: the demand, its workflow buttons, 我们也需要 (supporters), 揭榜挂帅 proposals, the history and the
 * suggested achievements with their explanations (匹配推荐).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { EditOutlined, TeamOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import type { Demand } from '../../../../../../contracts/market.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { StatusTag } from '../../../lib/list/cells.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { EventList } from '../components/EventList.tsx';
import { MatchList } from '../components/MatchList.tsx';
import { Proposals } from '../components/Proposals.tsx';
import { WorkflowActions } from '../components/WorkflowActions.tsx';
import { COOPERATION_NAMES, DEMAND_STATUS_TAGS, DOMAIN_NAMES, nameOf, SOURCE_NAMES, STAGE_NAMES } from '../labels.ts';
import { budgetText, isEditable } from '../market-view.ts';

export default function DemandDetailPage() {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const res = useFetch<Demand>(Number.isInteger(id) && id > 0 ? `/api/market/demands/${id}` : null);
  const [busy, setBusy] = useState(false);
  const d = res.data;

  if (res.status === 404 || !(id > 0))
    return <Result status="404" title={t('需求不存在或无权查看', 'Demand not found or not visible')} />;
  if (!d) return res.error ? <ErrorBanner message={res.error} onRetry={res.reload} /> : <Spin />;

  const support = async () => {
    setBusy(true);
    try {
      await api.post(`/api/market/demands/${d.id}/supporters`, {});
      void message.success(t('已附议：需求方与主管部门会看到同类需求的企业数', 'Supported'));
      res.reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(false);
    }
  };
  const mayPropose =
    !d.isOwner &&
    d.isOpenCall &&
    d.status === 'published' &&
    (!d.deadline || d.deadline >= new Date().toISOString().slice(0, 10));

  return (
    <>
      <Card
        styles={{ title: { whiteSpace: 'normal' } }}
        title={
          <Space wrap size={8}>
            <span data-testid="demand-title">{d.title}</span>
            <StatusTag names={DEMAND_STATUS_TAGS} value={d.status} />
            {d.isOpenCall && <Tag color="volcano">{t('揭榜挂帅', 'Open call')}</Tag>}
            {d.isDemo && <Tag color="orange">{t('演示', 'Demo')}</Tag>}
          </Space>
        }
        extra={
          d.isOwner &&
          isEditable(d.status) && (
            <Link to={`/console/market/demands/${d.id}/edit`}>
              <Button icon={<EditOutlined />}>{t('编辑', 'Edit')}</Button>
            </Link>
          )
        }
      >
        {d.status === 'rejected' && d.statusReason && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t(`未通过：${d.statusReason}`, `Rejected: ${d.statusReason}`)}
          />
        )}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.description}</Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          bordered
          styles={{ label: { whiteSpace: 'nowrap' } }}
        >
          <Descriptions.Item label={t('需求单位', 'Organisation')}>{d.organisationName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('所在地区', 'Division')}>{d.divisionName}</Descriptions.Item>
          <Descriptions.Item label={t('技术领域', 'Field')}>{nameOf(DOMAIN_NAMES, d.domain, t)}</Descriptions.Item>
          <Descriptions.Item label={t('预算', 'Budget')}>{budgetText(d.budgetMin, d.budgetMax, t)}</Descriptions.Item>
          <Descriptions.Item label={t('合作方式', 'Cooperation')}>
            {d.cooperationForms.map((c) => nameOf(COOPERATION_NAMES, c, t)).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('响应截止', 'Deadline')}>{d.deadline ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('期望成熟度', 'Target stage')}>
            {d.targetStage ? nameOf(STAGE_NAMES, d.targetStage, t) : '—'}
            {d.targetTrl ? ` · TRL ${d.targetTrl}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('需求来源', 'Source')}>{nameOf(SOURCE_NAMES, d.source, t)}</Descriptions.Item>
          <Descriptions.Item label={t('联系人', 'Contact')}>{d.contact || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('期望成效', 'Desired outcome')}>{d.desiredOutcome || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('技术要求', 'Requirements')}>{d.requirements || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('关键词', 'Keywords')}>
            {d.keywords.length ? d.keywords.map((k) => <Tag key={k}>{k}</Tag>) : '—'}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 16 }}>
          <WorkflowActions kind="demand" subject={d} onDone={res.reload} />
          <Typography.Text data-testid="supporters">
            <TeamOutlined /> {t(`${d.supporters} 家单位也有此需求`, `${d.supporters} others need this too`)}
          </Typography.Text>
          {!d.isOwner &&
            d.status === 'published' &&
            can('market:post_demand') &&
            (d.isSupporter ? (
              <Tag color="green">{t('您已附议', 'You support this')}</Tag>
            ) : (
              <Button loading={busy} onClick={() => void support()}>
                {t('我们也需要', 'We need this too')}
              </Button>
            ))}
        </Space>
      </Card>
      {d.isOpenCall && <Proposals demandId={d.id} open={mayPropose} readable={d.isOwner || can('market:oversee')} />}
      <EventList events={d.events} />
      <MatchList from="demand" id={d.id} />
    </>
  );
}
