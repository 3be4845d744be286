/** One achievement (public summary) or one published demand on the portal, with the next step after sign-in. */
import type { Achievement, Demand } from '../../../../../contracts/market.ts';
import {
  COOPERATION_NAMES,
  DOMAIN_NAMES,
  PRICING_NAMES,
  STAGE_NAMES,
  TRANSFER_MODE_NAMES,
} from '../../../console/modules/market/labels.ts';
import { useLocale, useT } from '../../locale.tsx';
import { Link } from '../../router.tsx';
import { name, Names, useLoad } from './market-shared.tsx';
import { budget, type Kind } from './portal-market.ts';

export function MarketDetailPage({ kind, id }: { kind: Kind; id: number }) {
  const t = useT();
  const [state, retry] = useLoad<Achievement | Demand>(`/api/public/market/${kind}/${id}`, {});
  const back = (
    <p className="crumb">
      <Link href={`/market/${kind}`}>
        {kind === 'achievements' ? t('‹ 科技成果', '‹ Achievements') : t('‹ 技术需求', '‹ Demands')}
      </Link>
    </p>
  );
  if (!state)
    return (
      <section aria-labelledby="page-title" className="market">
        {back}
        <h1 id="page-title" tabIndex={-1}>
          {t('正在加载…', 'Loading…')}
        </h1>
      </section>
    );
  if ('error' in state)
    return (
      <section aria-labelledby="page-title" className="market">
        {back}
        <h1 id="page-title" tabIndex={-1}>
          {t('未找到该记录', 'Not found')}
        </h1>
        {state.status === 404 ? (
          <p className="note">
            {t(
              '该记录不存在、尚未发布或仅对登录用户开放。',
              'This record does not exist, is not published or is shown to signed-in users only.',
            )}
          </p>
        ) : (
          <>
            <p className="note">{state.error}</p>
            <button type="button" className="button secondary" onClick={retry}>
              {t('重试', 'Retry')}
            </button>
          </>
        )}
      </section>
    );
  return (
    <section aria-labelledby="page-title" className="market">
      {back}
      {kind === 'achievements' ? (
        <AchievementView a={state.data as Achievement} />
      ) : (
        <DemandView d={state.data as Demand} />
      )}
    </section>
  );
}

function AchievementView({ a }: { a: Achievement }) {
  const t = useT();
  const { locale } = useLocale();
  const ps = a.publicSummary;
  return (
    <>
      <h1 id="page-title" tabIndex={-1}>
        {a.title}
      </h1>
      {a.isDemo && (
        <p className="demo-result" role="note">
          {t('演示数据：不代表真实成果。', 'Demo data: not a real achievement.')}
        </p>
      )}
      <p className="lead">{a.summary}</p>
      <dl className="facts market-dl">
        <div>
          <dt>{t('技术领域', 'Field')}</dt>
          <dd>{name(DOMAIN_NAMES, a.domain, locale)}</dd>
        </div>
        <div>
          <dt>{t('成熟度', 'Stage')}</dt>
          <dd>
            {name(STAGE_NAMES, a.stage, locale)}
            {a.trl ? ` · TRL ${a.trl}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('所在地区', 'Division')}</dt>
          <dd>{a.divisionName}</dd>
        </div>
        <div>
          <dt>{t('转化方式', 'Transfer modes')}</dt>
          <dd>
            <Names names={TRANSFER_MODE_NAMES} codes={a.transferModes} />
          </dd>
        </div>
        <div>
          <dt>{t('交易价格', 'Price')}</dt>
          <dd>
            {name(PRICING_NAMES, a.pricingMode, locale)}
            {a.pricingMode === 'listed' && a.price !== null ? t(` ${a.price} 万元`, ` CNY ${a.price}0k`) : ''}
          </dd>
        </div>
      </dl>
      {(ps.problem || ps.advantage || ps.scenarios || ps.economics) && <h2>{t('成果摘要', 'Summary')}</h2>}
      <dl className="market-summary">
        {(
          [
            [t('解决的问题', 'Problem solved'), ps.problem],
            [t('技术优势', 'Advantage'), ps.advantage],
            [t('应用场景', 'Scenarios'), ps.scenarios],
            [t('经济效益对比', 'Economics'), ps.economics],
          ] as const
        )
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <div className="note market-next">
        <p>
          {t(
            '技术细节（工艺参数、配方、试验数据等）需签署保密协议、经成果方同意后查看。请先登录，在工作台查看详情、提交申请或联系成果方。',
            'Technical detail is released after an NDA, once the owner agrees. Sign in to see more, ask or contact the owner.',
          )}
        </p>
        <a className="button" href={`/console/market/achievements/${a.id}`} data-testid="nda-sign-in">
          {t('登录后查看详情、申请保密内容', 'Sign in for the detail and NDA access')}
        </a>
      </div>
    </>
  );
}

function DemandView({ d }: { d: Demand }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <>
      <h1 id="page-title" tabIndex={-1}>
        {d.title}
      </h1>
      {d.isDemo && (
        <p className="demo-result" role="note">
          {t('演示数据：不代表真实需求。', 'Demo data: not a real demand.')}
        </p>
      )}
      <p className="lead">{d.description}</p>
      <dl className="facts market-dl">
        <div>
          <dt>{t('需求单位', 'Organisation')}</dt>
          <dd>{d.organisationName ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('所在地区', 'Division')}</dt>
          <dd>{d.divisionName}</dd>
        </div>
        <div>
          <dt>{t('技术领域', 'Field')}</dt>
          <dd>{name(DOMAIN_NAMES, d.domain, locale)}</dd>
        </div>
        <div>
          <dt>{t('预算', 'Budget')}</dt>
          <dd>{budget(d.budgetMin, d.budgetMax, locale)}</dd>
        </div>
        <div>
          <dt>{t('合作方式', 'Cooperation')}</dt>
          <dd>
            <Names names={COOPERATION_NAMES} codes={d.cooperationForms} />
          </dd>
        </div>
        <div>
          <dt>{t('响应截止', 'Deadline')}</dt>
          <dd>{d.deadline ?? '—'}</dd>
        </div>
      </dl>
      {d.requirements && (
        <>
          <h2>{t('技术要求', 'Requirements')}</h2>
          <p>{d.requirements}</p>
        </>
      )}
      <div className="note market-next">
        <p>
          {d.isOpenCall
            ? t(
                '本需求为揭榜挂帅，科研人员可登录后在工作台提交揭榜方案。',
                'An open call: researchers sign in to send a proposal.',
              )
            : t(
                '有可用的技术？登录后在工作台查看并联系需求方。',
                'Have a solution? Sign in to respond from the console.',
              )}
          {t(`已有 ${d.supporters} 家单位表示也有此需求。`, ` ${d.supporters} others need this too.`)}
        </p>
        <a className="button" href={`/console/market/demands/${d.id}`}>
          {d.isOpenCall ? t('登录后揭榜', 'Sign in to propose') : t('登录后响应', 'Sign in to respond')}
        </a>
      </div>
    </>
  );
}
