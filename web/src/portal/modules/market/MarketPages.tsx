/**
 * 科技成果 and 技术需求 on the portal (no sign-in): achievements on offer and published demands, summaries only, a
 * search with a field filter and pages; `?id=` shows one record. Posting a demand and asking for the confidential
 * detail (保密协议) happen in the console after sign-in: the links lead there.
 */
import { useState } from 'react';
import { DOMAIN_NAMES, STAGE_NAMES } from '../../../console/modules/market/labels.ts';
import { name, useLoad } from './market-shared.tsx';
import { useLocale, useT } from '../../locale.tsx';
import { Link, navigate, useLocation } from '../../router.tsx';
import {
  budget,
  excerpt,
  listHref,
  listQuery,
  PAGE_SIZE,
  type Kind,
  type ListItem,
  type ListPage,
} from './portal-market.ts';
import './market.css';

const TEXT = {
  achievements: { zh: '科技成果', en: 'Technology achievements' },
  demands: { zh: '技术需求', en: 'Technology demands' },
};

/** The call to act: post a demand (enterprises) or browse demands (researchers), in the console after sign-in. */
function Invite({ kind }: { kind: Kind }) {
  const t = useT();
  return (
    <p className="market-invite">
      {kind === 'demands' ? (
        <>
          {t('企业遇到技术难题？', 'A technical problem in your enterprise?')}{' '}
          <a className="button" href="/console/market/demands/new" data-testid="post-demand">
            {t('登录后发布技术需求', 'Sign in to post a demand')}
          </a>
        </>
      ) : (
        <>
          {t('有可转化的成果？', 'An achievement to transfer?')}{' '}
          <a className="button secondary" href="/console/market/achievements/new">
            {t('登录后登记成果', 'Sign in to post it')}
          </a>
        </>
      )}{' '}
      <Link href="/register?role=enterprise">{t('没有账号？注册', 'No account? Register')}</Link>
    </p>
  );
}

export function MarketListPage({ kind }: { kind: Kind }) {
  const t = useT();
  const { locale } = useLocale();
  const location = useLocation();
  const query = listQuery(location.searchParams);
  const [state, retry] = useLoad<ListPage>(`/api/public/market/${kind}`, { ...query, pageSize: PAGE_SIZE });
  const [q, setQ] = useState(query.q ?? '');
  const title = t(TEXT[kind].zh, TEXT[kind].en);
  const pages = state && 'data' in state ? Math.max(1, Math.ceil(state.data.total / PAGE_SIZE)) : 1;

  return (
    <section aria-labelledby="page-title" className="market">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      <nav className="market-tabs" aria-label={t('技术市场', 'Technology market')}>
        <Link href="/market/achievements" aria-current={kind === 'achievements' ? 'page' : undefined}>
          {t('科技成果', 'Achievements')}
        </Link>
        <Link href="/market/demands" aria-current={kind === 'demands' ? 'page' : undefined}>
          {t('技术需求', 'Demands')}
        </Link>
        <Link href="/market/startup">{t('创业技术库', 'Start-up library')}</Link>
      </nav>
      <Invite kind={kind} />
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(listHref(kind, { q: q.trim(), domain: query.domain }));
        }}
      >
        <div className="field">
          <label htmlFor="mk-q">{t('关键词', 'Keywords')}</label>
          <input
            id="mk-q"
            type="search"
            value={q}
            placeholder={t('如：马铃薯、稀土', 'e.g. potato')}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="mk-domain">{t('技术领域', 'Field')}</label>
          <select
            id="mk-domain"
            value={query.domain ?? ''}
            onChange={(e) => navigate(listHref(kind, { q: query.q, domain: e.target.value || undefined }))}
          >
            <option value="">{t('全部领域', 'All fields')}</option>
            {Object.entries(DOMAIN_NAMES).map(([code, n]) => (
              <option key={code} value={code}>
                {locale === 'en-US' ? n.en : n.zh}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('搜索', 'Search')}
        </button>
      </form>
      {!state ? (
        <p aria-busy="true">{t('正在加载…', 'Loading…')}</p>
      ) : 'error' in state ? (
        <div className="alert" role="alert">
          <p>{state.error}</p>
          <button type="button" className="button secondary" onClick={retry}>
            {t('重试', 'Retry')}
          </button>
        </div>
      ) : (
        <>
          <p className="source" aria-live="polite">
            {t(`共 ${state.data.total} 项`, `${state.data.total} in all`)}
          </p>
          {state.data.items.length === 0 ? (
            <p className="note">{t('没有符合条件的记录。', 'Nothing matches.')}</p>
          ) : (
            <ul className="cards market-list" role="list">
              {state.data.items.map((it) => (
                <li key={it.id}>
                  <Link className="card" href={`/market/${kind}?id=${it.id}`} data-testid={`market-item-${it.id}`}>
                    <span className="card-title">{it.title}</span>
                    <span className="card-text">{excerpt(it.summary ?? it.description ?? '')}</span>
                    <ItemFacts kind={kind} it={it} />
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {pages > 1 && (
            <nav className="market-pages" aria-label={t('分页', 'Pages')}>
              {query.page > 1 && (
                <Link href={listHref(kind, { ...query, page: query.page - 1 })}>{t('‹ 上一页', '‹ Previous')}</Link>
              )}
              <span>
                {query.page} / {pages}
              </span>
              {query.page < pages && (
                <Link href={listHref(kind, { ...query, page: query.page + 1 })}>{t('下一页 ›', 'Next ›')}</Link>
              )}
            </nav>
          )}
        </>
      )}
    </section>
  );
}

function ItemFacts({ kind, it }: { kind: Kind; it: ListItem }) {
  const t = useT();
  const { locale } = useLocale();
  const parts =
    kind === 'achievements'
      ? [
          name(DOMAIN_NAMES, it.domain, locale),
          `${name(STAGE_NAMES, it.stage, locale)}${it.trl ? ` · TRL ${it.trl}` : ''}`,
          it.divisionName,
        ]
      : [
          name(DOMAIN_NAMES, it.domain, locale),
          it.divisionName,
          budget(it.budgetMin, it.budgetMax, locale),
          it.isOpenCall
            ? t(
                `揭榜挂帅${it.deadline ? `，${it.deadline} 截止` : ''}`,
                `Open call${it.deadline ? ` until ${it.deadline}` : ''}`,
              )
            : '',
        ];
  return (
    <span className="market-facts">
      {parts.filter(Boolean).join(' · ')}
      {it.isDemo && <em className="market-demo">{t('演示', 'Demo')}</em>}
    </span>
  );
}
