/**
 * 技术成果详情: the public summary, the 登记 fields, the confidential detail or the NDA request, the owner's and the
 * reviewer's workflow buttons, 公示 objections, the history and the suggested demands (匹配推荐).
 */
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../../../shared/api.ts';
import type { Achievement } from '../../../../../../contracts/market.ts';
import { formatDateTime } from '../../../../shared/i18n.ts';
import { StatusTag } from '../../../lib/list/cells.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { EventList } from '../components/EventList.tsx';
import { MatchList } from '../components/MatchList.tsx';
import { NdaPanel } from '../components/NdaPanel.tsx';
import { WorkflowActions } from '../components/WorkflowActions.tsx';
import {
  ACHIEVEMENT_STATUS_TAGS,
  ATTRIBUTE_NAMES,
  DOMAIN_NAMES,
  FORM_NAMES,
  IP_KIND_NAMES,
  nameOf,
  PRICING_NAMES,
  STAGE_NAMES,
  TRANSFER_MODE_NAMES,
  TYPE_NAMES,
  VISIBILITY_NAMES,
} from '../labels.ts';
import { isEditable } from '../market-view.ts';

export default function AchievementDetailPage() {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const res = useFetch<Achievement>(Number.isInteger(id) && id > 0 ? `/api/market/achievements/${id}` : null);
  const a = res.data;

  if (res.status === 404 || !(id > 0))
    return <Result status="404" title={t('成果不存在或无权查看', 'Achievement not found or not visible')} />;
  if (!a) return res.error ? <ErrorBanner message={res.error} onRetry={res.reload} /> : <Spin />;

  const ps = a.publicSummary;
  const mayDeal = !a.isOwner && can('market:deal') && ['listed', 'negotiating'].includes(a.status);
  const openDeal = async () => {
    try {
      const deal = await api.post<{ id: number }>('/api/market/deals', { achievementId: a.id });
      void navigate(`/console/market/deals/${deal.id}`);
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    }
  };
  const price = a.pricingMode === 'listed' && a.price !== null ? t(`${a.price} 万元`, `CNY ${a.price}0k`) : '';
  return (
    <>
      <Card
        styles={{ title: { whiteSpace: 'normal' } }}
        title={
          <Space wrap size={8}>
            <span data-testid="achievement-title">{a.title}</span>
            <StatusTag names={ACHIEVEMENT_STATUS_TAGS} value={a.status} />
            {a.isDemo && <Tag color="orange">{t('演示', 'Demo')}</Tag>}
          </Space>
        }
        extra={
          a.isOwner &&
          isEditable(a.status) && (
            <Link to={`/console/market/achievements/${a.id}/edit`}>
              <Button icon={<EditOutlined />}>{t('编辑', 'Edit')}</Button>
            </Link>
          )
        }
      >
        {a.status === 'rejected' && a.statusReason && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t(`未通过：${a.statusReason}`, `Rejected: ${a.statusReason}`)}
          />
        )}
        {a.status === 'publicity' && a.publicityEndsAt && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t(
              `公示中，截止 ${formatDateTime(a.publicityEndsAt, locale)}；如有异议请在公示期内提出。`,
              `In publicity until ${formatDateTime(a.publicityEndsAt, locale)}.`,
            )}
          />
        )}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.summary}</Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          bordered
          styles={{ label: { whiteSpace: 'nowrap' } }}
        >
          <Descriptions.Item label={t('技术领域', 'Field')}>{nameOf(DOMAIN_NAMES, a.domain, t)}</Descriptions.Item>
          <Descriptions.Item label={t('成熟度', 'Stage')}>
            {nameOf(STAGE_NAMES, a.stage, t)}
            {a.trl ? ` · TRL ${a.trl}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('所在地区', 'Division')}>{a.divisionName}</Descriptions.Item>
          <Descriptions.Item label={t('关键词', 'Keywords')}>
            {a.keywords.length ? a.keywords.map((k) => <Tag key={k}>{k}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('转化方式', 'Transfer modes')}>
            {a.transferModes.map((m) => nameOf(TRANSFER_MODE_NAMES, m, t)).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('交易价格', 'Price')}>
            {nameOf(PRICING_NAMES, a.pricingMode, t)} {price}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 16 }}>
          <WorkflowActions kind="achievement" subject={a} onDone={res.reload} />
          {mayDeal && (
            <Button type="primary" onClick={() => void openDeal()} data-testid="open-deal">
              {t('发起洽谈', 'Open a deal')}
            </Button>
          )}
        </Space>
      </Card>

      <Card title={t('成果摘要（公开）', 'Public summary')} style={{ marginTop: 16 }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('解决的问题', 'Problem solved')}>{ps.problem || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('技术优势', 'Advantage')}>{ps.advantage || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('应用场景', 'Scenarios')}>{ps.scenarios || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('经济效益对比', 'Economics')}>{ps.economics || '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <NdaPanel achievement={a} onChanged={res.reload} />

      <Card title={t('登记信息', 'Registration')} style={{ marginTop: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
          <Descriptions.Item label={t('登记号', 'Registration no.')}>{a.registrationNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('成果类型', 'Type')}>{nameOf(TYPE_NAMES, a.type, t)}</Descriptions.Item>
          <Descriptions.Item label={t('成果属性', 'Attribute')}>
            {nameOf(ATTRIBUTE_NAMES, a.attribute, t)}
          </Descriptions.Item>
          <Descriptions.Item label={t('成果形式', 'Form')}>{nameOf(FORM_NAMES, a.form, t)}</Descriptions.Item>
          <Descriptions.Item label={t('成果水平', 'Level')}>{a.level || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('研究起止', 'Research period')}>{a.researchPeriod || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('经费来源', 'Funding')}>{a.fundingSource || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('公开范围', 'Visibility')}>
            {nameOf(VISIBILITY_NAMES, a.visibility, t)}
          </Descriptions.Item>
          <Descriptions.Item label={t('完成单位', 'Completing units')}>
            {a.completingUnits.join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('完成人（贡献）', 'Contributors')}>
            {a.contributors.map((c) => `${c.name}${c.unit ? `（${c.unit}）` : ''} ${c.percent}%`).join('；') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('权属（份额）', 'Owners')}>
            {a.owners.map((o) => `${o.name} ${o.share}%`).join('；') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('知识产权', 'IP')}>
            {a.ipItems.map((p) => `${nameOf(IP_KIND_NAMES, p.kind, t)} ${p.number} ${p.title}`.trim()).join('；') ||
              '—'}
          </Descriptions.Item>
          {a.suitability.forEntrepreneurs && (
            <Descriptions.Item label={t('适合创业', 'For entrepreneurs')}>
              {[
                a.suitability.cost !== null
                  ? t(`启动成本 ${a.suitability.cost} 万元`, `Start-up cost CNY ${a.suitability.cost}0k`)
                  : '',
                a.suitability.equipment,
                a.suitability.training,
              ]
                .filter(Boolean)
                .join('；') || t('是', 'Yes')}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <EventList events={a.events} />
      <MatchList from="achievement" id={a.id} />
    </>
  );
}
