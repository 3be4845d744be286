/**
 * 县域创新能力监测结果 (/monitoring): the latest published county innovation monitoring results, or those of a chosen
 * period — tier counts, the rank table with the 5-95 % rank interval, tier and change, and a search by county name.
 * A result computed from demo values says so (演示数据).
 */
import { useEffect, useState } from 'react';
import { api } from '../../../shared/api.ts';
import { formatDateTime, formatNumber } from '../../../shared/i18n.ts';
import { useLocale, useT } from '../../locale.tsx';
import {
  changeText,
  coverageText,
  reasonText,
  countByTier,
  intervalText,
  tierText,
  visibleCounties,
  type PublishedResults,
} from './monitoring-results.ts';
import { navigate, useLocation } from '../../router.tsx';

type State = { key: string; data: PublishedResults } | { key: string; failed: true } | null;

export function MonitoringPage() {
  const t = useT();
  const { locale } = useLocale();
  const location = useLocation();
  const period = location.searchParams.get('period') ?? '';
  const [state, setState] = useState<State>(null);
  const [q, setQ] = useState('');
  const [tier, setTier] = useState<number | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    api.get<PublishedResults>('/api/public/monitoring/results', { period: period || undefined }, ctrl.signal).then(
      (data) => setState({ key: period, data }),
      () => {
        if (!ctrl.signal.aborted) setState({ key: period, failed: true });
      },
    );
    return () => ctrl.abort();
  }, [period, attempt]);

  const current = state && state.key === period ? state : null;
  const heading = (
    <h1 id="page-title" tabIndex={-1}>
      {t('县域创新能力监测结果', 'County innovation monitoring results')}
    </h1>
  );
  if (!current)
    return (
      <section aria-labelledby="page-title">
        {heading}
        <p aria-busy="true">{t('正在加载…', 'Loading…')}</p>
      </section>
    );
  if ('failed' in current)
    return (
      <section aria-labelledby="page-title">
        {heading}
        <div className="alert" role="alert">
          <p>{t('结果加载失败，请稍后重试。', 'The results could not be loaded; please try again.')}</p>
        </div>
        <button type="button" className="button secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t('重试', 'Retry')}
        </button>
      </section>
    );

  const { run, periods, counties, coverage, comparison } = current.data;
  if (!run)
    return (
      <section aria-labelledby="page-title">
        {heading}
        <p className="note">
          {period
            ? t(`${period} 年度的监测结果尚未发布。`, `No results have been published for ${period}.`)
            : t('监测结果尚未发布。', 'No monitoring results have been published yet.')}
        </p>
      </section>
    );
  const rows = visibleCounties(counties, { q, tier });
  const tiers = countByTier(counties);
  return (
    <section aria-labelledby="page-title" className="monitoring">
      {heading}
      <p className="lead">
        {t(
          `${run.period} 年度，依据县域科技创新能力监测评价指标体系对全区旗县测算，排名后括号内为 5–95% 排名区间（权重、方法变化下排名可能的范围）。`,
          `${run.period}: the region's counties rated with the county innovation monitoring framework; the bracket after a rank is its 5–95 % interval (where the rank may fall under other weights and methods).`,
        )}
      </p>
      {run.isDemo && (
        <p className="demo-result" role="note">
          <strong>{t('演示数据', 'Demo data')}</strong>
          {t(
            '：本结果由演示数据测算，不代表任何旗县的真实情况。',
            ': computed from demo values; it says nothing about any real county.',
          )}
        </p>
      )}
      {coverage && (
        <p className={coverage.complete ? 'source' : 'demo-result'} role="note" data-testid="coverage">
          <strong>{t('数据覆盖', 'Coverage')}</strong>
          {t('：', ': ')}
          {coverageText(coverage, locale)}
          {!coverage.complete &&
            t(
              '缺数据的旗县在表中注明原因（发布时的状态）。',
              ' Counties without data show the reason (as at publication).',
            )}
        </p>
      )}
      <div className="toolbar">
        <div className="field">
          <label htmlFor="mon-period">{t('年度', 'Period')}</label>
          <select
            id="mon-period"
            value={String(run.period)}
            onChange={(e) => navigate(`/monitoring?period=${e.target.value}`, { replace: true })}
          >
            {periods.map((p) => (
              <option key={p} value={p}>
                {t(`${p} 年度`, String(p))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mon-q">{t('搜索旗县', 'Search counties')}</label>
          <input
            id="mon-q"
            type="search"
            value={q}
            placeholder={t('旗县或盟市名称', 'County or league name')}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
      </div>
      <ul className="numbers tiers" role="list" aria-label={t('各类别旗县数', 'Counties per tier')}>
        {tiers.map((x) => (
          <li key={x.tier}>
            <button
              type="button"
              aria-pressed={tier === x.tier}
              className={`tier-count tier-${x.tier}`}
              onClick={() => setTier(tier === x.tier ? null : x.tier)}
            >
              <strong>{formatNumber(x.count, locale)}</strong>
              {t(`个${tierText(x.tier, locale)}旗县`, `${tierText(x.tier, locale)} counties`)}
            </button>
          </li>
        ))}
      </ul>
      <p className="source" aria-live="polite">
        {t(`显示 ${rows.length} / ${counties.length} 个旗县`, `Showing ${rows.length} of ${counties.length} counties`)}
        {tier !== null && (
          <>
            {' · '}
            <button type="button" className="link" onClick={() => setTier(null)}>
              {t('显示全部类别', 'Show all tiers')}
            </button>
          </>
        )}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('排名表', 'Rank table')}>
        <table className="ranks">
          <thead>
            <tr>
              <th scope="col">{t('排名（区间）', 'Rank (interval)')}</th>
              <th scope="col">{t('旗县', 'County')}</th>
              <th scope="col" className="league">
                {t('盟市', 'League')}
              </th>
              <th scope="col" className="num">
                {t('得分', 'Score')}
              </th>
              <th scope="col">{t('类别', 'Tier')}</th>
              <th scope="col">{t('变化', 'Change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6}>{t('没有符合条件的旗县', 'No county matches')}</td>
              </tr>
            ) : (
              rows.map((c) => (
                <tr key={c.code}>
                  <td className="rank">
                    {c.rank ?? '—'}
                    {intervalText(c) && <span className="interval"> {intervalText(c)}</span>}
                  </td>
                  <th scope="row">{c.name}</th>
                  <td className="league">{c.leagueName}</td>
                  <td className="num">
                    {c.score === null
                      ? c.missingReason
                        ? reasonText(c.missingReason, locale)
                        : '—'
                      : c.score.toFixed(1)}
                  </td>
                  <td>
                    {c.tier === null ? '—' : <span className={`tier tier-${c.tier}`}>{tierText(c.tier, locale)}</span>}
                  </td>
                  <td className={c.rankChange === null ? '' : c.rankChange > 0 ? 'up' : c.rankChange < 0 ? 'down' : ''}>
                    {changeText(c.rankChange)}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {comparison && (
        <p className="source" data-testid="change-basis">
          {t(
            `变化：与 ${comparison.previousPeriod} 年度相比，仅在两期均有得分的 ${comparison.common} 个旗县中比较名次。`,
            `Change: against ${comparison.previousPeriod}, ranks compared among the ${comparison.common} counties scored in both periods.`,
          )}
        </p>
      )}
      <p className="source">
        {t(
          `指标体系 ${run.frameworkCode} 第 ${run.frameworkVersion} 版 · ${run.mode === 'monitoring' ? '监测模式' : '排名模式'}`,
          `Framework ${run.frameworkCode} version ${run.frameworkVersion} · ${run.mode === 'monitoring' ? 'monitoring mode' : 'ranking mode'}`,
        )}
        {run.publishedAt &&
          t(
            ` · 发布于 ${formatDateTime(run.publishedAt, locale)}`,
            ` · published ${formatDateTime(run.publishedAt, locale)}`,
          )}
      </p>
    </section>
  );
}
