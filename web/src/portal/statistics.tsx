/**
 * 公开数据: what the public division API already knows — the region's leagues and county-level units by type
 * (GB/T 2260), and for one county its dated, sourced facts (2020 census population and official designations).
 */
import { useEffect, useState } from 'react';
import type { CountyAttribute, CountyAttributeList, Division, DivisionList } from '../../../contracts/divisions.ts';
import { api } from '../shared/api.ts';
import { formatNumber, type Text } from '../shared/i18n.ts';
import { DivisionSelect } from './divisions.tsx';
import { useLocale, useT } from './locale.tsx';
import { DEFAULT_REGION_CODE } from '../../../contracts/region.ts';

const DIVISION_SOURCE: Text = {
  zh: '国家标准 GB/T 2260《中华人民共和国行政区划代码》',
  en: 'National standard GB/T 2260, codes for the administrative divisions of the PRC',
};

/** English names of the county-level division types. */
const TYPE_EN: Record<string, string> = {
  旗: 'banners',
  自治旗: 'autonomous banners',
  县: 'counties',
  县级市: 'county-level cities',
  市辖区: 'districts',
};

const ATTRIBUTES: Record<string, Text> = {
  admin_type: { zh: '行政区类型', en: 'Type' },
  resident_population: { zh: '常住人口（人）', en: 'Resident population' },
  urban_population: { zh: '城镇人口（人）', en: 'Urban population' },
  family_households: { zh: '家庭户（户）', en: 'Family households' },
  former_national_poverty_county: { zh: '原国家级贫困县', en: 'Former national poverty county' },
  region_poverty_county_exited: { zh: '自治区级贫困旗县（已退出）', en: 'Former regional poverty county (exited)' },
  rural_revitalization_key_county: { zh: '国家乡村振兴重点帮扶县', en: 'National rural revitalisation key county' },
  pastoral_banner: { zh: '牧业旗', en: 'Pastoral banner' },
  border_banner: { zh: '边境旗', en: 'Border banner' },
  borders_foreign_country: { zh: '与邻国接壤', en: 'Borders another country' },
  key_ecological_function_zone: { zh: '国家重点生态功能区', en: 'National key ecological function zone' },
};
const ORDER = Object.keys(ATTRIBUTES);

/** County-level units by type, largest group first ("旗 49"). */
export function countByType(counties: Division[]): { type: string; count: number }[] {
  const m = new Map<string, number>();
  for (const c of counties) m.set(c.type, (m.get(c.type) ?? 0) + 1);
  return [...m]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

function useRegionCounts(): { leagues: number; counties: Division[] } | null {
  const [data, setData] = useState<{ leagues: number; counties: Division[] } | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    Promise.all([
      api.get<DivisionList>(`/api/divisions/${DEFAULT_REGION_CODE}/children`, undefined, ctrl.signal),
      api.get<DivisionList>(`/api/divisions/${DEFAULT_REGION_CODE}/descendants`, { level: 'county' }, ctrl.signal),
    ]).then(
      ([leagues, counties]) => setData({ leagues: leagues.items.length, counties: counties.items }),
      () => setData(null),
    );
    return () => ctrl.abort();
  }, []);
  return data;
}

function CountyFacts({ county }: { county: Division }) {
  const t = useT();
  const { locale } = useLocale();
  const [facts, setFacts] = useState<{ code: string; items: CountyAttribute[] } | 'failed' | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api.get<CountyAttributeList>(`/api/divisions/${county.code}/attributes`, undefined, ctrl.signal).then(
      (r) => setFacts({ code: county.code, items: r.items }),
      () => {
        if (!ctrl.signal.aborted) setFacts('failed');
      },
    );
    return () => ctrl.abort();
  }, [county.code]);
  if (facts === 'failed') return <p className="error">{t('数据加载失败', 'Could not load the data')}</p>;
  if (!facts || facts.code !== county.code) return <p aria-busy="true">{t('正在加载…', 'Loading…')}</p>;
  // The latest value of each attribute.
  const latest = new Map<string, CountyAttribute>();
  for (const f of facts.items) if ((latest.get(f.attribute)?.year ?? 0) <= f.year) latest.set(f.attribute, f);
  const rows = [...latest.values()].sort(
    (a, b) => (ORDER.indexOf(a.attribute) + 1 || 99) - (ORDER.indexOf(b.attribute) + 1 || 99),
  );
  if (rows.length === 0) return <p>{t('暂无该旗县的公开数据。', 'No public data for this county yet.')}</p>;
  const sources = [...new Set(rows.map((r) => r.source))];
  const label = (a: string) => {
    const x = ATTRIBUTES[a];
    return x ? (locale === 'en-US' ? x.en : x.zh) : a;
  };
  const value = (f: CountyAttribute) =>
    f.valueNumber !== null && f.valueText === null
      ? formatNumber(f.valueNumber, locale)
      : f.valueText === 'yes'
        ? t('是', 'Yes')
        : (f.valueText ?? '');
  const resident = latest.get('resident_population')?.valueNumber;
  const urban = latest.get('urban_population')?.valueNumber;
  return (
    <div aria-live="polite">
      <h3>{county.name}</h3>
      <dl className="facts">
        {rows.map((f) => (
          <div key={f.attribute}>
            <dt>{label(f.attribute)}</dt>
            <dd>
              {value(f)} <span className="year">{t(`（${f.year} 年）`, ` (${f.year})`)}</span>
            </dd>
          </div>
        ))}
        {resident && urban ? (
          <div>
            <dt>{t('城镇化率', 'Urbanisation rate')}</dt>
            <dd>
              {((urban / resident) * 100).toFixed(1)}%{' '}
              <span className="year">{t('（据上列人口计算）', ' (computed from the figures above)')}</span>
            </dd>
          </div>
        ) : null}
      </dl>
      <details className="sources">
        <summary>{t(`数据来源（${sources.length}）`, `Sources (${sources.length})`)}</summary>
        <ul>
          {sources.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

export function OpenStatistics() {
  const t = useT();
  const { locale } = useLocale();
  const counts = useRegionCounts();
  const [league, setLeague] = useState('');
  const [county, setCounty] = useState<Division | null>(null);
  return (
    <section aria-labelledby="stats-title" className="stats">
      <h2 id="stats-title">{t('公开数据 · 旗县概况', 'Open data: counties')}</h2>
      {counts ? (
        <>
          <ul className="numbers" role="list">
            <li>
              <strong>{formatNumber(counts.leagues, locale)}</strong> {t('个盟市', 'leagues and cities')}
            </li>
            <li>
              <strong>{formatNumber(counts.counties.length, locale)}</strong>{' '}
              {t('个旗县级行政区', 'county-level units')}
            </li>
          </ul>
          <p className="by-type">
            {countByType(counts.counties)
              .map((g) =>
                locale === 'en-US'
                  ? `${formatNumber(g.count, locale)} ${TYPE_EN[g.type] ?? g.type}`
                  : `${g.type} ${formatNumber(g.count, locale)}`,
              )
              .join(t('、', ' · '))}
          </p>
          <p className="source">
            {t('来源：', 'Source: ')}
            {locale === 'en-US' ? DIVISION_SOURCE.en : DIVISION_SOURCE.zh}
          </p>
        </>
      ) : (
        <p aria-busy="true">{t('正在加载…', 'Loading…')}</p>
      )}
      <h3 className="pick-title">{t('查看一个旗县', 'Look up a county')}</h3>
      <DivisionSelect
        idPrefix="stats"
        league={league}
        county={county?.code ?? ''}
        onLeague={setLeague}
        onCounty={setCounty}
      />
      {county && <CountyFacts county={county} />}
    </section>
  );
}
